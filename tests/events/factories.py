import itertools
from datetime import timedelta

from django.utils import timezone

from levier.events.models import Event, EventKind

_counter = itertools.count(1)


def make_event(network, **fields) -> Event:
    n = next(_counter)
    # Calendars count in whole seconds; a round start compares equal after a trip.
    start = fields.pop("start", None) or (timezone.now() + timedelta(days=10)).replace(
        second=0, microsecond=0
    )
    fields.setdefault("title", f"Workshop {n}")
    fields.setdefault("kind", EventKind.WORKSHOP)
    fields.setdefault("place", "Lille, Maison de l'entreprise")
    fields.setdefault("end", start + timedelta(hours=2))
    return Event.objects.create(network=network, start=start, **fields)


def ics_attachments(message) -> list[bytes]:
    """The iCalendar files attached to an email."""
    return [content for _name, content, mimetype in message.attachments if "calendar" in mimetype]
