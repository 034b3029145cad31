"""A session's emails: at publication each side's people get their agenda,
with a calendar file holding one event per meeting; after the meetings,
they are asked for the follow-ups they have not given."""

from datetime import date, timedelta

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

# Follow-ups are asked for the day after the meetings, while they are fresh.
FOLLOW_UP_AFTER = timedelta(days=1)
FOLLOW_UP_WITHIN = timedelta(days=30)


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


def _send(session, person, side, meetings, url, *, follow_up=False) -> None:
    context = {
        "session": session,
        "person": person,
        "side": side,
        "rows": [(slot_start(session, m.slot), m) for m in meetings],
        "url": url,
    }
    if follow_up:
        message = EmailMessage(
            subject=_("[Levier] How did your meetings go? %(title)s") % {"title": session.title},
            body=render_to_string("finance/session/email/follow_up_request.txt", context),
            to=[person.email],
        )
        mailing.queue(message, kind="finance.follow_up_request")
        return
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


def _people(session, meetings_by_side) -> dict[tuple[str, str], tuple]:
    """(side, email) -> (person, their meetings): the project's people for its
    meetings on the project side, the funder's contacts on the funder side."""
    entries = {e.project_id: e for e in session.project_entries.select_related("registered_by")}
    contacts: dict[int, list] = {}
    for contact in FunderContact.objects.filter(
        funder_id__in={m.funder_id for m in meetings_by_side["funder"]}
    ).select_related("user"):
        contacts.setdefault(contact.funder_id, []).append(contact.user)
    by_person: dict[tuple[str, str], tuple] = {}
    for meeting in meetings_by_side["project"]:
        entry = entries.get(meeting.project_id)
        for email, person in _project_people(
            meeting.project, entry.registered_by if entry else None
        ).items():
            by_person.setdefault(("project", email), (person, []))[1].append(meeting)
    for meeting in meetings_by_side["funder"]:
        for user in contacts.get(meeting.funder_id, ()):
            by_person.setdefault(("funder", user.email), (user, []))[1].append(meeting)
    return by_person


def _write_to_each(session, meetings_by_side, *, follow_up=False) -> int:
    sent = 0
    by_person = _people(session, meetings_by_side)
    for (side, _email), (person, mine) in sorted(by_person.items(), key=lambda i: i[0]):
        if not person.email:
            continue
        mine.sort(key=lambda m: m.slot)
        if side == "funder":
            path = reverse("funder_session", args=[session.network.slug, session.pk])
        else:
            path = reverse("member_session", args=[mine[0].project.organisation.slug, session.pk])
        _send(session, person, side, mine, settings.SITE_URL + path, follow_up=follow_up)
        sent += 1
    return sent


def agendas(session: MeetingSession) -> int:
    """Queue each person's agenda once (a person on both sides, or speaking
    for two projects, gets one email per side with all their meetings)."""
    with system(), translation.override(settings.LANGUAGE_CODE):
        meetings = list(session.meetings.select_related("project__organisation", "funder"))
        return _write_to_each(session, {"project": meetings, "funder": meetings})


def request_follow_ups(session: MeetingSession) -> int:
    """Once the meetings are over, ask each side's people for the follow-ups
    they have not given yet: one email per person listing their meetings,
    never twice for a session. Returns how many were queued."""
    with system(), translation.override(settings.LANGUAGE_CODE), transaction.atomic():
        session = MeetingSession.objects.select_for_update().get(pk=session.pk)
        if session.follow_ups_requested_at is not None:
            return 0
        session.follow_ups_requested_at = timezone.now()
        session.save(update_fields=["follow_ups_requested_at"])
        meetings = list(
            session.meetings.select_related("project__organisation", "funder").prefetch_related(
                "follow_ups"
            )
        )
        waiting = {
            side: [m for m in meetings if side not in {f.side for f in m.follow_ups.all()}]
            for side in ("project", "funder")
        }
        return _write_to_each(session, waiting, follow_up=True)


def sessions_awaiting_follow_ups(now=None) -> list[MeetingSession]:
    """Published sessions whose last meeting ended a day ago or more (and at
    most a month ago: an old session is not worth an email any more) and whose
    people were not asked for their follow-ups yet."""
    now = now or timezone.now()
    with system():
        candidates = MeetingSession.objects.filter(
            schedule_published_at__isnull=False,
            follow_ups_requested_at__isnull=True,
            first_slot_at__lte=now - FOLLOW_UP_AFTER,
            first_slot_at__gte=now - FOLLOW_UP_WITHIN - timedelta(days=1),
        ).order_by("first_slot_at", "pk")
        return [
            session
            for session in candidates
            if now - FOLLOW_UP_WITHIN <= slot_end(session, session.slots - 1)
            and slot_end(session, session.slots - 1) <= now - FOLLOW_UP_AFTER
        ]


def publish(session: MeetingSession) -> int:
    """Publish the schedule and queue the agendas (they leave after commit)."""
    with transaction.atomic():
        session.schedule_published_at = timezone.now()
        session.save(update_fields=["schedule_published_at"])
        return agendas(session)
