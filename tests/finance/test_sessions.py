"""Projects meet funders: registration, private wishes, the stored schedule,
its publication (one email per person with a calendar file) and follow-ups."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from levier.accounts.models import OrgRole
from levier.finance import sessions
from levier.finance.models import (
    FollowUp,
    Funder,
    FunderContact,
    Meeting,
    MeetingSession,
    PipelineStep,
    Project,
    SessionFunder,
    SessionProject,
    Wish,
)
from levier.mailing.models import OutgoingEmail
from levier.tenancy.scope import Scope, activate, system
from tests.factories import (
    make_member,
    make_network,
    make_network_staff,
    make_organisation,
    make_user,
)
from tests.finance.project_fixtures import make_project, signed_in

pytestmark = pytest.mark.django_db


def _session(network, **fields):
    now = timezone.now().replace(second=0, microsecond=0)
    values = {
        "title": "Rencontres",
        "first_slot_at": now + timedelta(days=10),
        "slots": 3,
        "tables": 2,
        "registration_closes_at": now + timedelta(days=5),
        "picks_close_at": now + timedelta(days=7),
        "place": "Salle A",
    }
    values.update(fields)
    return MeetingSession.objects.create(network=network, **values)


@pytest.fixture(name="sw")
def session_world(network):
    carrier = make_organisation(network, name="Porteuse")
    other = make_organisation(network, name="Autre")
    elsewhere = make_network(name="Ailleurs", slug="ailleurs")
    world = {
        "network": network,
        "carrier": carrier,
        "admin": make_member(carrier, OrgRole.ADMIN, email="admin@porteuse.example"),
        "other_admin": make_member(other, OrgRole.ADMIN, email="admin@autre.example"),
        "animator": make_network_staff(network),
        "project": make_project(carrier, "Atelier"),
        "draft": make_project(carrier, "Brouillon", visibility=Project.Visibility.DRAFT),
        "other_project": make_project(other, "Autre projet"),
        "fund": Funder.objects.create(network=network, name="Fonds Impact", kind="impact_fund"),
        "bank": Funder.objects.create(network=network, name="Banque", kind="bank"),
        "contact": make_user("fonds@example.org"),
        "far_contact": make_user("loin@example.org"),
        "session": _session(network),
    }
    far_fund = Funder.objects.create(network=elsewhere, name="Fonds loin", kind="impact_fund")
    FunderContact.objects.create(funder=world["fund"], user=world["contact"])
    FunderContact.objects.create(funder=far_fund, user=world["far_contact"])
    return world


def _register_both(sw):
    session = sw["session"]
    SessionProject.objects.create(
        session=session, project=sw["project"], registered_by=sw["admin"]
    )
    SessionProject.objects.create(session=session, project=sw["other_project"])
    SessionFunder.objects.create(session=session, funder=sw["fund"])
    SessionFunder.objects.create(session=session, funder=sw["bank"])


def test_animator_creates_a_session_and_validation_is_clear(sw):
    client = signed_in(sw["animator"])
    url = reverse("session_create", args=[sw["network"].slug])
    start = timezone.now() + timedelta(days=20)
    data = {
        "title": "Rencontres d’automne",
        "first_slot_at": start.strftime("%Y-%m-%dT%H:%M"),
        "slot_minutes": "20",
        "break_minutes": "5",
        "slots": "4",
        "tables": "3",
        "registration_closes_at": (start - timedelta(days=5)).strftime("%Y-%m-%dT%H:%M"),
        # Choices after the first meeting: refused.
        "picks_close_at": (start + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
    }
    with translation.override("en"):
        response = client.post(url, data)
    assert response.status_code == 400
    assert not MeetingSession.objects.filter(title="Rencontres d’automne").exists()
    data["picks_close_at"] = (start - timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(url, {**data, "announce": "on"})
    assert response.status_code == 302
    created = MeetingSession.objects.get(title="Rencontres d’automne")
    assert created.network == sw["network"] and created.created_by == sw["animator"]
    # Announced in the agenda: from the first slot to the end of the last one.
    assert created.event.network == sw["network"]
    assert created.event.start == created.first_slot_at
    assert created.event.end == created.first_slot_at + timedelta(minutes=3 * 25 + 20)


def test_a_member_registers_a_shared_project_never_a_draft(sw):
    client = signed_in(sw["admin"])
    session = sw["session"]
    url = reverse("member_session_register", args=[sw["carrier"].slug, session.pk])
    client.post(url, {"choice": sw["draft"].pk})
    assert not session.project_entries.exists()
    client.post(url, {"choice": sw["project"].pk, "slots": ["0", "2"]})
    entry = session.project_entries.get()
    assert entry.project == sw["project"] and entry.available_slots == [0, 2]
    assert entry.registered_by == sw["admin"]
    # Another member's project cannot be registered by this member.
    client.post(url, {"choice": sw["other_project"].pk})
    assert session.project_entries.count() == 1


def test_registration_closes(sw):
    session = sw["session"]
    session.registration_closes_at = timezone.now() - timedelta(minutes=1)
    session.save()
    signed_in(sw["admin"]).post(
        reverse("member_session_register", args=[sw["carrier"].slug, session.pk]),
        {"choice": sw["project"].pk},
    )
    assert not session.project_entries.exists()


def test_a_side_never_sees_the_other_sides_wishes(sw):
    session = sw["session"]
    _register_both(sw)
    member = signed_in(sw["admin"])
    url = reverse("member_session", args=[sw["carrier"].slug, session.pk])
    member.post(url, {"action": "add", "owner": sw["project"].pk, "other": sw["bank"].pk})
    member.post(url, {"action": "add", "owner": sw["project"].pk, "other": sw["fund"].pk})
    member.post(url, {"action": "up", "owner": sw["project"].pk, "other": sw["fund"].pk})
    assert [w.funder for w in sessions.wishes_of(session, "project", sw["project"])] == [
        sw["fund"],
        sw["bank"],
    ]
    funder = signed_in(sw["contact"])
    funder_url = reverse("funder_session", args=[sw["network"].slug, session.pk])
    funder.post(
        funder_url, {"action": "add", "owner": sw["fund"].pk, "other": sw["other_project"].pk}
    )
    # A funder contact cannot rank for a funder it does not speak for.
    response = funder.post(
        funder_url, {"action": "add", "owner": sw["bank"].pk, "other": sw["project"].pk}
    )
    assert response.status_code == 404
    assert Wish.objects.filter(session=session, side="funder").count() == 1
    # The scope itself hides the other side's wishes.
    with activate(Scope.of(sw["contact"])):
        assert set(Wish.objects.values_list("side", flat=True)) == {"funder"}
    with activate(Scope.of(sw["admin"])):
        assert set(Wish.objects.values_list("side", flat=True)) == {"project"}
    # Pages: the funder's page does not name the project's wishes as such.
    page = funder.get(funder_url).content.decode()
    assert "Banque" not in page


def test_no_meeting_visible_to_sides_before_publication(sw):
    session = sw["session"]
    _register_both(sw)
    sessions.set_wishes(session, "project", sw["project"], [sw["fund"]])
    with system():
        sessions.run_schedule(session)
    assert Meeting.objects.filter(session=session).count() == 1
    member_url = reverse("member_session", args=[sw["carrier"].slug, session.pk])
    funder_url = reverse("funder_session", args=[sw["network"].slug, session.pk])
    # The pages are in French (the requests ask for no other language).
    assert "Mon agenda" not in signed_in(sw["admin"]).get(member_url).content.decode()
    assert "Mon agenda" not in signed_in(sw["contact"]).get(funder_url).content.decode()
    signed_in(sw["animator"]).post(
        reverse("session_publish", args=[sw["network"].slug, session.pk])
    )
    assert "Mon agenda" in signed_in(sw["admin"]).get(member_url).content.decode()
    assert "Mon agenda" in signed_in(sw["contact"]).get(funder_url).content.decode()


def test_a_contact_of_another_network_gets_404(sw):
    session = sw["session"]
    url = reverse("funder_session", args=[sw["network"].slug, session.pk])
    assert signed_in(sw["contact"]).get(url).status_code == 200
    assert signed_in(sw["far_contact"]).get(url).status_code == 404
    listing = reverse("funder_sessions", args=[sw["network"].slug])
    assert session.title in signed_in(sw["contact"]).get(listing).content.decode()
    assert signed_in(sw["far_contact"]).get(listing).status_code == 404
    far_url = reverse("funder_session", args=["ailleurs", session.pk])
    assert signed_in(sw["far_contact"]).get(far_url).status_code == 404


def test_a_funder_contact_registers_its_funder(sw):
    session = sw["session"]
    signed_in(sw["contact"]).post(
        reverse("funder_session", args=[sw["network"].slug, session.pk]), {"action": "register"}
    )
    assert list(session.funder_entries.values_list("funder", flat=True)) == [sw["fund"].pk]


def test_publication_emails_each_person_once_with_a_valid_calendar(
    sw, django_capture_on_commit_callbacks
):
    session = sw["session"]
    _register_both(sw)
    sessions.set_wishes(session, "project", sw["project"], [sw["fund"], sw["bank"]])
    sessions.set_wishes(session, "funder", sw["fund"], [sw["other_project"], sw["project"]])
    client = signed_in(sw["animator"])
    client.post(reverse("session_schedule", args=[sw["network"].slug, session.pk]))
    assert Meeting.objects.filter(session=session).count() == 3
    with django_capture_on_commit_callbacks(execute=False):
        client.post(reverse("session_publish", args=[sw["network"].slug, session.pk]))
        client.post(reverse("session_publish", args=[sw["network"].slug, session.pk]))
    emails = OutgoingEmail.objects.filter(kind="finance.session_agenda")
    recipients = sorted(e.to[0] for e in emails)
    assert recipients == sorted(
        ["admin@porteuse.example", "admin@autre.example", "fonds@example.org"]
    )
    mine = emails.get(to=["admin@porteuse.example"])
    attachment = mine.attachments.get()
    cal = Calendar.from_ical(bytes(attachment.content))
    events = list(cal.walk("VEVENT"))
    assert len(events) == 2
    starts = sorted(e.decoded("dtstart") for e in events)
    step = timedelta(minutes=session.slot_minutes + session.break_minutes)
    assert all((s - session.first_slot_at) % step == timedelta(0) for s in starts)
    assert "Salle A" in str(events[0]["location"])
    # The schedule no longer changes once published.
    client.post(reverse("session_schedule", args=[sw["network"].slug, session.pk]))
    assert Meeting.objects.filter(session=session).count() == 3


def test_follow_up_once_per_side_and_a_next_step_in_the_pipeline(sw):
    session = sw["session"]
    _register_both(sw)
    sessions.set_wishes(session, "project", sw["project"], [sw["fund"]])
    with system():
        sessions.run_schedule(session)
    session.schedule_published_at = timezone.now()
    session.save()
    meeting = Meeting.objects.get(session=session)
    member = signed_in(sw["admin"])
    url = reverse("member_session", args=[sw["carrier"].slug, session.pk])
    data = {"action": "follow_up", "meeting": meeting.pk, "outcome": "interested"}
    member.post(url, data)
    member.post(url, {**data, "outcome": "next_step", "next_step": "Envoyer le BP"})
    funder_url = reverse("funder_session", args=[sw["network"].slug, session.pk])
    signed_in(sw["contact"]).post(funder_url, {**data, "outcome": "no"})
    with system():
        answers = {f.side: f for f in FollowUp.objects.filter(meeting=meeting)}
        assert len(answers) == 2
        assert answers["project"].outcome == "next_step"
        assert answers["project"].next_step == "Envoyer le BP"
        assert answers["funder"].outcome == "no"
        assert (
            PipelineStep.objects.filter(
                project=sw["project"], funder=sw["fund"], stage="meeting"
            ).count()
            == 1
        )
    # Another member cannot answer for this meeting.
    response = signed_in(sw["other_admin"]).post(
        reverse("member_session", args=[sw["carrier"].slug, session.pk]), data
    )
    assert response.status_code == 404


@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    wishes=st.lists(st.tuples(st.integers(0, 3), st.integers(0, 2), st.booleans()), max_size=12),
    slots=st.integers(1, 3),
    tables=st.integers(1, 2),
)
def test_the_stored_schedule_never_double_books(network, wishes, slots, tables):
    with system():
        session = _session(network, slots=slots, tables=tables)
        organisation = make_organisation(network)
        projects = [make_project(organisation, f"P{i}") for i in range(4)]
        funders = [
            Funder.objects.create(network=network, name=f"F{i}", kind="bank") for i in range(3)
        ]
        for project in projects:
            SessionProject.objects.create(session=session, project=project)
        for funder in funders:
            SessionFunder.objects.create(session=session, funder=funder)
        for p, f, from_project in wishes:
            Wish.objects.get_or_create(
                session=session,
                side="project" if from_project else "funder",
                project=projects[p],
                funder=funders[f],
                defaults={"position": 0},
            )
        sessions.run_schedule(session)
        stored = sessions.run_schedule(session)  # a re-run replaces the schedule
        rows = list(Meeting.objects.filter(session=session))
        assert len(rows) == len(stored)
        assert len({(m.slot, m.project_id) for m in rows}) == len(rows)
        assert len({(m.slot, m.funder_id) for m in rows}) == len(rows)
        assert len({(m.slot, m.table) for m in rows}) == len(rows)
        assert all(0 <= m.slot < slots and 1 <= m.table <= tables for m in rows)
        wished = {(projects[p].pk, funders[f].pk) for p, f, _ in wishes}
        assert {(m.project_id, m.funder_id) for m in rows} <= wished
        session.delete()
