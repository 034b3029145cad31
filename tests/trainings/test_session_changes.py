"""A training's sessions change after people registered: each registrant is
told once; a seat's holder gets calendar files that move the sessions (same
UIDs, a higher sequence) or take a removed one out (METHOD:CANCEL)."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from levier.accounts.models import NetworkRole
from levier.events.models import Registration
from tests.events.factories import ics_attachments
from tests.factories import make_network, make_network_staff, make_organisation
from tests.mailing.helpers import committed
from tests.trainings.factories import make_session, make_training, seat

pytestmark = pytest.mark.django_db


@pytest.fixture
def training(network):
    return make_training(network, start=timezone.now().replace(microsecond=0) + timedelta(days=30))


@pytest.fixture
def sessions(training):
    first_day = timezone.localdate() + timedelta(days=30)
    return [make_session(training, first_day + timedelta(weeks=week)) for week in range(3)]


@pytest.fixture
def people(network, training):
    organisation = make_organisation(network)
    return {
        "seated": seat(training, organisation, email="seat@example.org"),
        "waiting": seat(
            training, organisation, Registration.Status.WAITLISTED, email="wait@example.org"
        ),
        "gone": seat(
            training, organisation, Registration.Status.CANCELLED, email="gone@example.org"
        ),
    }


def _form(session, **changes):
    data = {
        "date": session.date.isoformat(),
        "start_time": "09:00",
        "end_time": "17:00",
        "break_start": "12:30",
        "break_end": "13:30",
        "place": session.place,
        "online_url": session.online_url,
        "trainer": session.trainer,
    }
    return {**data, **changes}


def _calendars(message) -> list[Calendar]:
    return [Calendar.from_ical(content) for content in ics_attachments(message)]


def test_moving_a_session_tells_each_registrant_once_and_moves_it_in_calendars(
    client, network, animator, training, sessions, people
):
    moved = sessions[1]
    new_day = moved.date + timedelta(days=2)
    sequence_before = training.sequence
    client.force_login(animator)
    mail.outbox.clear()

    with committed():
        response = client.post(
            reverse("session_edit", args=[network.slug, training.pk, moved.pk]),
            _form(moved, date=new_day.isoformat()),
        )

    assert response.status_code == 302
    shown = client.get(response.url).content.decode()
    assert "2 personnes inscrites sont prévenues" in shown
    by_address = {message.to[0]: message for message in mail.outbox}
    assert sorted(by_address) == ["seat@example.org", "wait@example.org"]
    assert len(mail.outbox) == 2
    training.refresh_from_db()
    assert training.sequence == sequence_before + 1
    (calendar,) = _calendars(by_address["seat@example.org"])
    assert str(calendar["METHOD"]) == "PUBLISH"
    vevents = {str(v["UID"]): v for v in calendar.walk("VEVENT")}
    assert sorted(vevents) == sorted(s.uid for s in sessions)
    assert vevents[moved.uid].decoded("DTSTART").date() == new_day
    assert {int(v["SEQUENCE"]) for v in vevents.values()} == {training.sequence}
    assert new_day.strftime("%Y") in by_address["seat@example.org"].body
    # Waiting holds no seat: nothing goes into their calendar.
    assert _calendars(by_address["wait@example.org"]) == []


def test_a_change_calendars_do_not_hold_tells_nobody(
    client, network, animator, training, sessions, people
):
    session = sessions[0]
    sequence_before = training.sequence
    client.force_login(animator)
    mail.outbox.clear()

    with committed():
        client.post(
            reverse("session_edit", args=[network.slug, training.pk, session.pk]),
            _form(session, trainer="Tom Formateur"),
        )

    session.refresh_from_db()
    assert session.trainer == "Tom Formateur"
    assert mail.outbox == []
    training.refresh_from_db()
    assert training.sequence == sequence_before


def test_a_session_added_is_announced(client, network, animator, training, sessions, people):
    client.force_login(animator)
    mail.outbox.clear()
    day = sessions[-1].date + timedelta(weeks=1)

    with committed():
        client.post(
            reverse("session_new", args=[network.slug, training.pk]),
            _form(sessions[0], date=day.isoformat()),
        )

    assert sorted(m.to[0] for m in mail.outbox) == ["seat@example.org", "wait@example.org"]
    seat_mail = next(m for m in mail.outbox if m.to == ["seat@example.org"])
    (calendar,) = _calendars(seat_mail)
    assert len(calendar.walk("VEVENT")) == 4


def test_removing_a_session_takes_it_out_of_calendars(
    client, network, animator, training, sessions, people
):
    removed = sessions[2]
    removed_uid = removed.uid
    client.force_login(animator)
    mail.outbox.clear()

    with committed():
        client.post(reverse("session_delete", args=[network.slug, training.pk, removed.pk]))

    assert sorted(m.to[0] for m in mail.outbox) == ["seat@example.org", "wait@example.org"]
    seat_mail = next(m for m in mail.outbox if m.to == ["seat@example.org"])
    training.refresh_from_db()
    published, cancelled = _calendars(seat_mail)
    assert sorted(str(v["UID"]) for v in published.walk("VEVENT")) == sorted(
        s.uid for s in sessions[:2]
    )
    assert str(cancelled["METHOD"]) == "CANCEL"
    (gone,) = cancelled.walk("VEVENT")
    assert str(gone["UID"]) == removed_uid
    assert int(gone["SEQUENCE"]) == training.sequence


def test_another_networks_animator_cannot_move_a_session(
    client, network, animator, training, sessions, people
):
    other = make_network_staff(make_network(), NetworkRole.Role.ANIMATOR)
    session = sessions[0]
    url = reverse("session_edit", args=[network.slug, training.pk, session.pk])
    client.force_login(other)
    mail.outbox.clear()
    with committed():
        assert client.post(url, _form(session, date="2030-01-01")).status_code == 404
    assert mail.outbox == []
    client.force_login(animator)
    assert client.get(url).status_code == 200
