"""Appointments: a type, a duration, a place or a video link; the organisation's
people get the calendar file; hours counted against the programme's budget."""

import pytest
from django.core import mail
from django.urls import reverse
from icalendar import Calendar

from levier.accounts.models import OrgRole
from levier.programmes import services as programmes
from levier.programmes.models import Appointment
from tests.cohorts.conftest import select
from tests.factories import make_member, make_organisation
from tests.mailing.helpers import committed

pytestmark = pytest.mark.django_db


def _book(client, programme, organisation, coach, **changes):
    data = {
        "organisation": organisation.pk,
        "kind": "restitution",
        "coach": coach.pk,
        "at": "2030-02-03T10:00",
        "duration_minutes": "90",
        "place": "",
        "video_url": "https://visio.example.org/cap-rse",
        "notes": "",
    }
    data.update(changes)
    with committed():
        return client.post(
            reverse("programme_board", args=[programme.network.slug, programme.pk]), data
        )


def _calendar(message):
    (name, content, mimetype) = message.attachments[0]
    assert name.endswith(".ics") and mimetype.startswith("text/calendar")
    return Calendar.from_ical(content)


def test_a_booked_appointment_emails_the_organisations_people_with_a_calendar_file(
    client, programme, organisation, org_admin, animator
):
    viewer = make_member(organisation, OrgRole.VIEWER)
    select(programme, organisation)
    mail.outbox.clear()
    client.force_login(animator)

    response = _book(client, programme, organisation, animator)

    assert response.status_code == 302
    appointment = Appointment.objects.get()
    assert appointment.kind == Appointment.Kind.RESTITUTION
    assert appointment.duration_minutes == 90
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == sorted([org_admin.email, viewer.email])
    assert "https://visio.example.org/cap-rse" in message.body
    event = next(c for c in _calendar(message).walk("VEVENT"))
    assert str(event["uid"]) == appointment.uid
    assert (event.decoded("dtend") - event.decoded("dtstart")).total_seconds() == 90 * 60
    assert str(event["location"]) == "https://visio.example.org/cap-rse"


def test_a_moved_appointment_updates_the_calendar_and_notes_alone_do_not(
    client, programme, organisation, org_admin, animator
):
    select(programme, organisation)
    client.force_login(animator)
    _book(client, programme, organisation, animator)
    appointment = Appointment.objects.get()
    url = reverse("appointment_edit", args=[programme.network.slug, programme.pk, appointment.pk])
    data = {
        "organisation": organisation.pk,
        "kind": "restitution",
        "coach": animator.pk,
        "at": "2030-02-03T10:00",
        "duration_minutes": "90",
        "place": "",
        "video_url": "https://visio.example.org/cap-rse",
        "notes": "Bien préparé",
    }
    mail.outbox.clear()

    with committed():
        client.post(url, data)
    assert mail.outbox == []

    with committed():
        client.post(url, {**data, "at": "2030-02-04T14:00", "place": "Salle B"})
    assert len(mail.outbox) == 1
    event = next(c for c in _calendar(mail.outbox[0]).walk("VEVENT"))
    assert event["sequence"] == 1 and str(event["location"]) == "Salle B"

    with committed():
        client.post(url, {"delete": "1"})
    assert len(mail.outbox) == 2
    assert str(_calendar(mail.outbox[1])["method"]) == "CANCEL"


def test_coaching_hours_count_per_organisation_against_the_budget(
    client, network, programme, organisation, animator
):
    other = make_organisation(network, name="Zèbre & Co")
    select(programme, organisation)
    select(programme, other)
    programme.coaching_hours_budget = 2
    programme.save()
    client.force_login(animator)
    _book(client, programme, organisation, animator, duration_minutes="90")
    _book(client, programme, other, animator, duration_minutes="45")

    hours = programmes.coaching_hours(programme)

    assert dict(hours.by_organisation) == {organisation: 1.5, other: 0.75}
    assert hours.total == 2.25 and hours.over_budget
    board = client.get(reverse("programme_board", args=[network.slug, programme.pk]))
    assert board.context["coaching"].over_budget
    assert 'role="alert"' in board.content.decode()


def test_within_budget_no_warning(client, network, programme, organisation, animator):
    select(programme, organisation)
    programme.coaching_hours_budget = 10
    programme.save()
    client.force_login(animator)
    _book(client, programme, organisation, animator)

    board = client.get(reverse("programme_board", args=[network.slug, programme.pk]))

    assert not board.context["coaching"].over_budget
    assert board.context["coaching"].remaining == 8.5


def test_a_video_link_must_be_a_web_address(client, programme, organisation, animator):
    select(programme, organisation)
    client.force_login(animator)

    response = _book(client, programme, organisation, animator, video_url="javascript:alert(1)")

    assert response.status_code == 400
    assert not Appointment.objects.exists()


def test_a_member_sees_the_type_and_the_link(client, programme, organisation, org_admin, animator):
    select(programme, organisation)
    client.force_login(animator)
    _book(client, programme, organisation, animator)
    client.force_login(org_admin)

    page = client.get(reverse("programme_detail", args=[programme.pk])).content.decode()

    assert "https://visio.example.org/cap-rse" in page
