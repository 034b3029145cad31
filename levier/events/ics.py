"""iCalendar (RFC 5545) output: one event attached to an email, or a feed."""

from datetime import date

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as VEvent

from levier.events.models import Event
from levier.lib.ical import PRODID
from levier.trainings.models import TrainingSession


def event_url(event: Event) -> str:
    return settings.SITE_URL + reverse("event_detail", args=[event.pk])


def public_event_url(event: Event) -> str:
    return settings.SITE_URL + reverse("public_event", args=[event.pk])


def _component(event: Event, url: str, cancelled: bool, with_link: bool) -> VEvent:
    component = VEvent()
    component.add("uid", event.uid)
    component.add("dtstamp", timezone.now())
    # Local times with their zone: a calendar in another zone still shows
    # the right hour, and daylight saving is the zone's business.
    component.add("dtstart", timezone.localtime(event.start))
    component.add("dtend", timezone.localtime(event.end))
    component.add("summary", event.title)
    description = "\n\n".join(part for part in (event.description, url) if part)
    component.add("description", description)
    # The online link is for the people who hold a seat, not for whoever
    # subscribes to the network's agenda.
    with_link = with_link and not event.is_cancelled
    location = event.place or (event.online_url if with_link else "")
    if location:
        component.add("location", location)
    component.add("url", url)
    component.add("sequence", event.sequence)
    component.add("categories", [event.get_kind_display()])
    # A cancelled event keeps its UID in every feed, marked cancelled, so that
    # calendars which already hold it strike it rather than keep it.
    component.add("status", "CANCELLED" if cancelled or event.is_cancelled else "CONFIRMED")
    return component


def _session_component(
    event: Event, session, number: int, total: int, url: str, cancelled: bool, with_link: bool
) -> VEvent:
    """One session of a training: its own day and hours, the event's title."""
    component = VEvent()
    component.add("uid", session.uid)
    component.add("dtstamp", timezone.now())
    component.add("dtstart", session.start)
    component.add("dtend", session.end)
    component.add("summary", f"{event.title} ({number}/{total})")
    description = "\n\n".join(part for part in (event.description, url) if part)
    component.add("description", description)
    with_link = with_link and not event.is_cancelled
    online = session.online_url or event.online_url
    location = session.where or (online if with_link else "")
    if location:
        component.add("location", location)
    component.add("url", url)
    component.add("sequence", event.sequence)
    component.add("categories", [event.get_kind_display()])
    component.add("status", "CANCELLED" if cancelled or event.is_cancelled else "CONFIRMED")
    return component


def _sessions(events) -> dict[int, list]:
    """The training sessions of the events, by event id."""
    found: dict[int, list] = {}
    for session in TrainingSession.objects.filter(event__in=[e.pk for e in events]).order_by(
        "date", "start_time", "pk"
    ):
        found.setdefault(session.event_id, []).append(session)
    return found


def calendar(
    events,
    name: str = "",
    *,
    public: bool = False,
    method: str = "PUBLISH",
    cancelled=False,
    links_for=frozenset(),
) -> bytes:
    """``links_for``: ids of the events whose online link the reader may see
    (those where they hold a seat)."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("method", method)
    if name:
        cal.add("x-wr-calname", name)
        cal.add("name", name)
    events = list(events)
    sessions = _sessions(events)
    for event in events:
        url = public_event_url(event) if public else event_url(event)
        with_link = event.pk in links_for
        # A training of several sessions is one VEVENT per session, not one
        # block over the weeks it spans.
        for number, session in enumerate(sessions.get(event.pk, ()), start=1):
            cal.add_component(
                _session_component(
                    event, session, number, len(sessions[event.pk]), url, cancelled, with_link
                )
            )
        if event.pk not in sessions:
            cal.add_component(_component(event, url, cancelled=cancelled, with_link=with_link))
    if events:
        # The zone's rules over the years the events span, not half a century.
        first = min(timezone.localdate(e.start) for e in events)
        last = max(timezone.localdate(e.end) for e in events)
        cal.add_missing_timezones(
            first_date=date(first.year, 1, 1), last_date=date(last.year + 1, 1, 1)
        )
    return cal.to_ical()


def attachment(
    event: Event, *, public: bool = False, cancelled: bool = False
) -> tuple[str, bytes, str]:
    """(filename, content, mimetype) for EmailMessage.attach; ``cancelled``
    tells calendars to drop the event (same UID, METHOD:CANCEL)."""
    method = "CANCEL" if cancelled else "PUBLISH"
    # Sent with a seat (registration, promotion, reminder): the link goes too.
    content = calendar(
        [event],
        public=public,
        method=method,
        cancelled=cancelled,
        links_for=frozenset() if cancelled else {event.pk},
    )
    return (f"levier-event-{event.pk}.ics", content, f"text/calendar; method={method}")


def session_cancel_attachment(event: Event, session) -> tuple[str, bytes, str]:
    """Takes one removed session of a training out of a calendar (its UID,
    METHOD:CANCEL); the event's other sessions stay."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("method", "CANCEL")
    cal.add_component(
        _session_component(event, session, 1, 1, event_url(event), cancelled=True, with_link=False)
    )
    return (
        f"levier-session-{session.pk}-cancelled.ics",
        cal.to_ical(),
        "text/calendar; method=CANCEL",
    )
