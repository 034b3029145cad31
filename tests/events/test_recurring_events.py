"""Recurring events: a series created at once, each date an event of its own."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from levier.events import recurrence, services
from levier.events.models import Event
from tests.events.factories import make_event
from tests.mailing.helpers import committed

PARIS = ZoneInfo("Europe/Paris")


def test_weekly_dates_keep_the_local_hour_across_daylight_saving():
    start = datetime(2030, 3, 20, 9, 0, tzinfo=PARIS)  # summer time starts on 31 March

    dates = recurrence.occurrences(start, recurrence.WEEKLY, 3)

    assert [d.date() for d in dates] == [start.date() + timedelta(weeks=n) for n in range(3)]
    assert {(d.hour, d.minute) for d in dates} == {(9, 0)}
    assert dates[0].utcoffset() != dates[2].utcoffset()


def test_monthly_dates_fall_on_the_last_day_of_a_shorter_month():
    start = datetime(2030, 1, 31, 18, 30, tzinfo=PARIS)

    dates = recurrence.occurrences(start, recurrence.MONTHLY, 3)

    assert [(d.month, d.day) for d in dates] == [(1, 31), (2, 28), (3, 31)]


@pytest.mark.django_db
def test_an_animator_creates_a_weekly_virtual_coffee(client, network, animator):
    client.force_login(animator)

    response = client.post(
        reverse("event_new", args=[network.slug]),
        {
            "kind": "exchange",
            "title": "Café virtuel",
            "start": "2030-03-20T09:00",
            "end": "2030-03-20T09:45",
            "online_url": "https://visio.example.org/cafe",
            "capacity": "20",
            "audience": "network",
            "is_published": "on",
            "repeat-repeat": "weekly",
            "repeat-occurrences": "4",
        },
    )

    events = list(Event.objects.order_by("start"))
    assert response.status_code == 302 and len(events) == 4
    assert len({e.series for e in events}) == 1 and events[0].series is not None
    for n, event in enumerate(events):
        local = timezone.localtime(event.start)
        assert (local.date(), local.hour) == (events[0].start.date() + timedelta(weeks=n), 9)
        assert event.end - event.start == timedelta(minutes=45)
        assert (event.capacity, event.title) == (20, "Café virtuel")


@pytest.mark.django_db
def test_cancelling_the_rest_of_a_series_leaves_earlier_dates(
    client, network, organisation, member, animator
):
    first = make_event(network, title="Café")
    dates = services.create_series(first, recurrence.WEEKLY, 4)
    for event in dates:
        services.register(event, member, organisation)
    unrelated = make_event(network)
    mail.outbox.clear()
    client.force_login(animator)

    with committed():
        client.post(
            reverse("event_cancel", args=[network.slug, dates[1].pk]),
            {"reason": "Pause estivale", "following": "on"},
        )

    cancelled = [
        e.is_cancelled for e in Event.objects.filter(series=first.series).order_by("start")
    ]
    assert cancelled == [False, True, True, True]
    unrelated.refresh_from_db()
    assert not unrelated.is_cancelled
    assert len(mail.outbox) == 3 and {m.to[0] for m in mail.outbox} == {member.email}


@pytest.mark.django_db
def test_cancelling_one_date_leaves_the_others(client, network, animator):
    dates = services.create_series(make_event(network), recurrence.MONTHLY, 3)
    client.force_login(animator)

    client.post(reverse("event_cancel", args=[network.slug, dates[1].pk]), {"reason": "Férié"})

    assert [e.is_cancelled for e in Event.objects.order_by("start")] == [False, True, False]


@pytest.mark.django_db
def test_a_date_of_a_series_links_to_the_others(client, network, member):
    dates = services.create_series(make_event(network), recurrence.WEEKLY, 3)
    client.force_login(member)

    page = client.get(reverse("event_detail", args=[dates[0].pk]))

    assert [e.pk for e in page.context["other_dates"]] == [e.pk for e in dates[1:]]
    assert reverse("event_detail", args=[dates[2].pk]) in page.content.decode()
