"""The day after a session's meetings, each person who had meetings is asked,
once, for the follow-ups their side has not given; nobody else is written to."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from levier.finance import session_emails, sessions
from levier.finance.models import FollowUp, Meeting, MeetingSession
from levier.tenancy.scope import system
from tests.finance.test_sessions import _register_both, _session, session_world  # noqa: F401
from tests.mailing.helpers import committed

pytestmark = pytest.mark.django_db


def _held(sw, *, ended_hours_ago: float):
    """Move the session so that its last meeting ended that long ago, with a
    published schedule of three meetings."""
    session = sw["session"]
    _register_both(sw)
    sessions.set_wishes(session, "project", sw["project"], [sw["fund"], sw["bank"]])
    sessions.set_wishes(session, "funder", sw["fund"], [sw["other_project"]])
    with system():
        sessions.run_schedule(session)
    last_end = sessions.slot_end(session, session.slots - 1) - session.first_slot_at
    session.first_slot_at = timezone.now() - timedelta(hours=ended_hours_ago) - last_end
    session.registration_closes_at = session.first_slot_at - timedelta(days=3)
    session.picks_close_at = session.first_slot_at - timedelta(days=2)
    session.schedule_published_at = session.first_slot_at - timedelta(days=1)
    session.save()
    return session


def _send():
    mail.outbox.clear()
    with committed():
        call_command("send_follow_up_requests", "--now")
    return {message.to[0]: message for message in mail.outbox}


def test_each_person_is_asked_once_for_the_follow_ups_their_side_owes(sw):
    session = _held(sw, ended_hours_ago=30)
    with system():
        pairs = {(m.project_id, m.funder_id): m for m in Meeting.objects.filter(session=session)}
    fund, bank = sw["fund"].pk, sw["bank"].pk
    assert set(pairs) == {
        (sw["project"].pk, fund),
        (sw["project"].pk, bank),
        (sw["other_project"].pk, fund),
    }
    with system():
        FollowUp.objects.create(
            meeting=pairs[sw["project"].pk, fund], side="project", outcome="interested"
        )

    sent = _send()

    # The bank has no contact: nobody speaks for it.
    assert set(sent) == {"admin@porteuse.example", "admin@autre.example", "fonds@example.org"}
    carrier = sent["admin@porteuse.example"].body
    assert sent["admin@porteuse.example"].subject == (
        "[Levier] Comment se sont passés vos rendez-vous\u202f? Rencontres"
    )
    assert "Bonjour" in carrier and "«\u00a0Rencontres\u00a0»" in carrier
    assert "Banque" in carrier and "Fonds Impact" not in carrier  # that one is answered
    assert sent["admin@autre.example"].body.count("\n- ") == 1
    funder = sent["fonds@example.org"].body
    assert funder.count("\n- ") == 2 and "Atelier" in funder and "Autre projet" in funder
    assert f"/f/{sw['network'].slug}/sessions/{session.pk}/" in funder
    assert f"/o/{sw['carrier'].slug}/sessions/{session.pk}/" in carrier
    # Asked once: a second run writes to nobody.
    assert _send() == {}
    session.refresh_from_db()
    assert session.follow_ups_requested_at is not None


def test_nobody_is_asked_before_the_day_after_nor_for_an_old_session(sw):
    session = _held(sw, ended_hours_ago=3)
    assert _send() == {}
    MeetingSession.objects.filter(pk=session.pk).update(
        first_slot_at=session.first_slot_at - timedelta(days=45)
    )
    assert _send() == {}
    assert session_emails.sessions_awaiting_follow_ups() == []


def test_a_side_that_answered_everything_is_not_written_to(sw):
    session = _held(sw, ended_hours_ago=30)
    with system():
        for meeting in Meeting.objects.filter(session=session):
            FollowUp.objects.create(meeting=meeting, side="funder", outcome="no")

    sent = _send()

    assert "fonds@example.org" not in sent
    assert "admin@autre.example" in sent
