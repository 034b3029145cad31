"""Events and their registrations. A network's token reads its network's
events (published or not) and their registrations, and registers guests as
the public registration form does (its website's agenda); an
organisation's token reads the events of its network its members see."""

from datetime import date, datetime, time, timedelta
from typing import Literal

from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.errors import HttpError, ValidationError
from ninja.pagination import paginate

from levier.api.auth import network_id, require
from levier.api.pagination import CursorPagination, Since
from levier.api.problems import Problem
from levier.api.schemas_network import MAX_ID, token_network_id
from levier.events import services
from levier.events.forms import GuestForm
from levier.events.models import Audience, Event, EventKind, Registration
from levier.lib.limits import NAME_MAX_LENGTH, PERSON_NAME_MAX_LENGTH

router = Router(tags=["events"])

AREA = "events"
# Text a single-line field keeps: no control characters, something visible.
NO_CONTROL = r"[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"
SINGLE_LINE = rf"^{NO_CONTROL}*$"
VISIBLE_LINE = rf"^{NO_CONTROL}*\w{NO_CONTROL}*$"


class NamedRef(Schema):
    id: int
    name: str


class EventOut(Schema):
    id: int
    network: str = Field(description="The network's slug")
    title: str
    kind: Literal[tuple(EventKind.values)]  # type: ignore[valid-type]
    theme: str
    description: str = Field(description="Markdown")
    start: datetime
    end: datetime
    place: str
    online: bool = Field(description="Whether it happens online (the link goes to registrants)")
    capacity: int | None = Field(description="Null: no limit")
    seats_left: int | None = Field(description="Null: no limit")
    waiting: int = Field(description="People on the waitlist")
    registration_deadline: datetime | None
    registration_open: bool
    audience: Literal[tuple(Audience.values)]  # type: ignore[valid-type]
    is_published: bool
    cancelled_at: datetime | None = Field(
        description="Null unless cancelled; a cancelled event stays listed"
    )
    cancellation_reason: str
    club: NamedRef | None
    programme: NamedRef | None
    updated_at: datetime

    @staticmethod
    def resolve_network(event) -> str:
        return event.network.slug

    @staticmethod
    def resolve_online(event) -> bool:
        return bool(event.online_url)

    @staticmethod
    def resolve_seats_left(event) -> int | None:
        return event.seats_left_annotated

    @staticmethod
    def resolve_registration_open(event) -> bool:
        return services.registration_window(event).allowed

    @staticmethod
    def resolve_club(event) -> dict | None:
        return {"id": event.club.pk, "name": event.club.name} if event.club_id else None

    @staticmethod
    def resolve_programme(event) -> dict | None:
        if not event.programme_id:
            return None
        return {"id": event.programme.pk, "name": event.programme.title}


class EventFilters(Schema):
    from_date: date | None = Field(None, description="Events ending on this day or later")
    to_date: date | None = Field(None, description="Events starting on this day or earlier")
    audience: Literal[tuple(Audience.values)] | None = None  # type: ignore[valid-type]
    kind: Literal[tuple(EventKind.values)] | None = None  # type: ignore[valid-type]
    updated_since: Since | None = Field(None, description="Changed at or after (updated_at)")


class RegistrationOut(Schema):
    id: int
    event_id: int
    name: str
    organisation: str = Field(description="The member's organisation, or what the guest gave")
    email: str
    is_guest: bool
    status: Literal[tuple(Registration.Status.values)]  # type: ignore[valid-type]
    waitlist_position: int | None = None
    attended: bool | None = Field(description="Null until the animator marks attendance")
    created_at: datetime
    promoted_at: datetime | None
    cancelled_at: datetime | None

    @staticmethod
    def resolve_name(registration) -> str:
        return registration.display_name

    @staticmethod
    def resolve_organisation(registration) -> str:
        return registration.organisation_name

    @staticmethod
    def resolve_waitlist_position(registration) -> int | None:
        return getattr(registration, "api_waitlist_position", None)


class RegistrationFilters(Schema):
    status: Literal[tuple(Registration.Status.values)] | None = None  # type: ignore[valid-type]
    updated_since: Since | None = Field(
        None,
        description="Registered, promoted or cancelled at or after this time "
        "(created_at, promoted_at, cancelled_at)",
    )


class GuestIn(Schema):
    name: str = Field(max_length=PERSON_NAME_MAX_LENGTH, pattern=VISIBLE_LINE)
    email: str = Field(max_length=254, json_schema_extra={"format": "email"})
    organisation: str = Field("", max_length=NAME_MAX_LENGTH, pattern=SINGLE_LINE)
    consent: Literal[True] = Field(
        description="The guest agreed that Levier keeps these details to manage the "
        "registration (erased after the event), as the public form asks"
    )


def _events(request):
    """The events the token reaches (the scope's "event" rule), narrowed to
    its network: all of a network's own for its token, the published ones
    its members see for an organisation's."""
    return Event.objects.filter(network_id=token_network_id(request)).select_related(
        "network", "club", "programme"
    )


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


@router.get(
    "/events",
    response={200: list[EventOut], 401: Problem, 403: Problem, 422: Problem},
    summary="The network's events",
)
@paginate(CursorPagination)
def list_events(request, filters: Query[EventFilters]):
    """A network's token: every event of its network, published or not (for
    its website's agenda, `audience=public`). An organisation's token: the
    events of its network its members see. Ordered by id for the cursor;
    `updated_since` filters on `updated_at`."""
    require(request, AREA)
    events = _events(request)
    if filters.from_date:
        events = events.filter(end__gte=_day_start(filters.from_date))
    if filters.to_date:
        events = events.filter(start__lt=_day_start(filters.to_date + timedelta(days=1)))
    if filters.audience:
        events = events.filter(audience=filters.audience)
    if filters.kind:
        events = events.filter(kind=filters.kind)
    if filters.updated_since:
        events = events.filter(updated_at__gte=filters.updated_since)
    return events.with_counts()


@router.get(
    "/events/{event_id}",
    response={200: EventOut, 401: Problem, 403: Problem, 404: Problem, 422: Problem},
    summary="One event",
)
def get_event(request, event_id: int = Path(..., ge=1, le=MAX_ID)):
    require(request, AREA)
    return get_object_or_404(_events(request).with_counts(), pk=event_id)


def _network_event(request, event_id: int) -> Event:
    """One of the network's events, for its token; 404 for any other."""
    return get_object_or_404(
        Event.objects.filter(network_id=network_id(request)).select_related("network", "club"),
        pk=event_id,
    )


@router.get(
    "/events/{event_id}/registrations",
    response={200: list[RegistrationOut], 401: Problem, 403: Problem, 404: Problem, 422: Problem},
    summary="Who registered to an event (network tokens)",
)
@paginate(CursorPagination)
def list_registrations(
    request,
    filters: Query[RegistrationFilters],
    event_id: int = Path(..., ge=1, le=MAX_ID),
):
    """As the animator's registrations page shows them: members and guests,
    their organisation, status and attendance. For a network's token."""
    require(request, AREA)
    event = _network_event(request, event_id)
    registrations = event.registrations.select_related("user", "organisation")
    if filters.status:
        registrations = registrations.filter(status=filters.status)
    if filters.updated_since:
        since = filters.updated_since
        registrations = registrations.filter(
            Q(created_at__gte=since) | Q(promoted_at__gte=since) | Q(cancelled_at__gte=since)
        )
    return registrations


def _form_errors(form) -> list[dict]:
    return [
        {"loc": ("body", "payload", field), "msg": " ".join(str(m) for m in messages)}
        for field, messages in form.errors.items()
    ]


@router.post(
    "/events/{event_id}/registrations",
    response={
        200: RegistrationOut,
        201: RegistrationOut,
        401: Problem,
        403: Problem,
        404: Problem,
        409: Problem,
        422: Problem,
    },
    summary="Register a guest (network tokens)",
)
def register_guest(request, payload: GuestIn, event_id: int = Path(..., ge=1, le=MAX_ID)):
    """Register a guest to a public event of the network, as its public
    registration form does: the guest receives an email to confirm their
    address (the registration is `pending` until then), then takes a seat or
    a place on the waitlist. 201 for a new registration; 200 when the guest
    already holds one (they are sent a reminder of where they stand). 409
    when the event does not take guests (reserved to members, unpublished,
    started, past its deadline). For a network's token with events:write."""
    require(request, AREA, write=True)
    event = _network_event(request, event_id)
    form = GuestForm(
        {
            "name": payload.name,
            "email": payload.email,
            "organisation": payload.organisation,
            "consent": payload.consent,
        }
    )
    if not form.is_valid():
        raise ValidationError(_form_errors(form))
    data = form.cleaned_data
    known = (
        event.registrations.active().filter(user=None, guest_email__iexact=data["email"]).exists()
    )
    try:
        registration = services.request_guest_registration(
            event, data["name"], data["email"], data["organisation"]
        )
    except services.RegistrationRefused as refused:
        raise HttpError(409, str(refused)) from None
    registration.api_waitlist_position = registration.waitlist_position
    return Status(200 if known else 201, registration)
