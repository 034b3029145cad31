"""Publication of a session's schedule: each side's people get their agenda
by email, with a calendar file holding one event per meeting."""

from datetime import date

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as VEvent

from levier.accounts.models import Membership, OrgRole
from levier.finance.models import FunderContact, MeetingSession
from levier.finance.sessions import slot_end, slot_start
from levier.lib.ical import PRODID
from levier.mailing import services as mailing
from levier.tenancy.scope import system


def calendar(session: MeetingSession, meetings, side: str) -> bytes:
    """One VEVENT per meeting: the other side's name, the table and the
    place or video link."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    for meeting in meetings:
        other = meeting.funder.name if side == "project" else meeting.project.title
        component = VEvent()
        component.add(
            "uid",
            f"levier-meeting-{meeting.session_id}-{meeting.project_id}-{meeting.funder_id}@levier",
        )
        component.add("dtstamp", timezone.now())
        component.add("dtstart", timezone.localtime(slot_start(session, meeting.slot)))
        component.add("dtend", timezone.localtime(slot_end(session, meeting.slot)))
        component.add("summary", f"{session.title} · {other}")
        table = _("Table %(table)s") % {"table": meeting.table}
        component.add("description", "\n".join(p for p in (table, session.video_link) if p))
        location = ", ".join(p for p in (table, session.place or session.video_link) if p)
        component.add("location", location)
        cal.add_component(component)
    year = timezone.localdate(session.first_slot_at).year
    cal.add_missing_timezones(first_date=date(year, 1, 1), last_date=date(year + 1, 1, 1))
    return cal.to_ical()


def _project_people(project, registered_by) -> dict:
    """The project's organisation's administrators and whoever registered it."""
    people = {
        m.user.email: m.user
        for m in Membership.objects.filter(
            organisation_id=project.organisation_id, role=OrgRole.ADMIN
        ).select_related("user")
    }
    if registered_by is not None:
        people[registered_by.email] = registered_by
    return people


def _send(session, person, side, meetings, url) -> None:
    context = {
        "session": session,
        "person": person,
        "side": side,
        "rows": [(slot_start(session, m.slot), m) for m in meetings],
        "url": url,
    }
    message = EmailMessage(
        subject=_("[Levier] Your meetings: %(title)s") % {"title": session.title},
        body=render_to_string("finance/session/email/agenda.txt", context),
        to=[person.email],
    )
    message.attach(
        f"levier-meetings-{session.pk}.ics",
        calendar(session, meetings, side),
        "text/calendar; method=PUBLISH",
    )
    mailing.queue(message, kind="finance.session_agenda")


def agendas(session: MeetingSession) -> int:
    """Queue each person's agenda once (a person on both sides, or speaking
    for two projects, gets one email per side with all their meetings)."""
    sent = 0
    with system(), translation.override(settings.LANGUAGE_CODE):
        meetings = list(session.meetings.select_related("project", "funder"))
        entries = {
            e.project_id: e for e in session.project_entries.select_related("registered_by")
        }
        by_person: dict[tuple[str, str], tuple] = {}
        for meeting in meetings:
            entry = entries.get(meeting.project_id)
            for email, person in _project_people(
                meeting.project, entry.registered_by if entry else None
            ).items():
                by_person.setdefault(("project", email), (person, []))[1].append(meeting)
            for contact in FunderContact.objects.filter(
                funder_id=meeting.funder_id
            ).select_related("user"):
                by_person.setdefault(("funder", contact.user.email), (contact.user, []))[1].append(
                    meeting
                )
        for (side, _email), (person, mine) in sorted(by_person.items(), key=lambda i: i[0]):
            if not person.email:
                continue
            mine.sort(key=lambda m: m.slot)
            if side == "funder":
                path = reverse("funder_session", args=[session.network.slug, session.pk])
            else:
                path = reverse(
                    "member_session", args=[mine[0].project.organisation.slug, session.pk]
                )
            _send(session, person, side, mine, settings.SITE_URL + path)
            sent += 1
    return sent


def publish(session: MeetingSession) -> int:
    """Publish the schedule and queue the agendas (they leave after commit)."""
    with transaction.atomic():
        session.schedule_published_at = timezone.now()
        session.save(update_fields=["schedule_published_at"])
        return agendas(session)
