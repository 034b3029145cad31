"""Registering to events: eligibility, seats, waitlist and promotion.

Every change to an event's seats locks the event row first
(``select_for_update``), so two people taking the last seat at the same
moment are served one after the other: on PostgreSQL the second waits for
the first to commit, then counts its seat; SQLite serialises writers anyway
(IMMEDIATE transactions). Emails are queued in the same transaction (the
outbox, ADR 14) and leave once it commits.
"""

import uuid
from dataclasses import dataclass

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from levier.accounts.models import Membership
from levier.api import webhooks
from levier.clubs.models import ClubMember
from levier.events import emails, recurrence
from levier.events.models import Audience, Event, Registration
from levier.lib.verdicts import ALLOWED, Verdict


class RegistrationRefused(Exception):
    """Raised with a message the person can read."""


def registration_window(event: Event, now=None) -> Verdict:
    """Whether registration is still open, whoever asks."""
    now = now or timezone.now()
    if event.is_cancelled:
        return Verdict(False, _("This event is cancelled."))
    if not event.is_published:
        return Verdict(False, _("This event is not published."))
    if event.start <= now:
        return Verdict(False, _("Registration is closed: the event has started."))
    if event.registration_deadline and event.registration_deadline < now:
        deadline = formats.date_format(
            timezone.localtime(event.registration_deadline), "DATETIME_FORMAT"
        )
        return Verdict(False, _("Registration closed on %(date)s.") % {"date": deadline})
    return ALLOWED


def eligibility(event: Event, user, organisation, now=None) -> Verdict:
    """May this person, for this organisation, register? If not, why, in words."""
    window = registration_window(event, now)
    if not window:
        return window
    if event.audience == Audience.PUBLIC:
        return ALLOWED
    if organisation is None or organisation.network_id != event.network_id:
        return Verdict(
            False,
            _("Reserved to the members of %(network)s.") % {"network": event.network.name},
        )
    if (
        event.audience == Audience.CLUB
        and event.club_id
        and not ClubMember.objects.filter(club_id=event.club_id, user=user).exists()
    ):
        return Verdict(
            False,
            _("Reserved to the members of the club “%(club)s”.") % {"club": event.club.name},
        )
    if event.min_headcount and organisation.headcount < event.min_headcount:
        return Verdict(
            False,
            ngettext(
                "Reserved to organisations of %(count)s employee or more.",
                "Reserved to organisations of %(count)s employees or more.",
                event.min_headcount,
            )
            % {"count": event.min_headcount},
        )
    if event.roles:
        role = (
            Membership.objects.filter(user=user, organisation=organisation)
            .values_list("role", flat=True)
            .first()
        )
        if role not in event.roles:
            return Verdict(
                False,
                _("Reserved to these roles in their organisation: %(roles)s.")
                % {"roles": ", ".join(event.role_labels)},
            )
    return ALLOWED


def seats_left(event: Event) -> int | None:
    """Free seats, or None when the event has no limit."""
    if event.capacity is None:
        return None
    return max(event.capacity - event.registrations.confirmed().count(), 0)


def _lock(event: Event) -> Event:
    return (
        Event.objects.select_for_update(of=("self",))
        .select_related("network", "club")
        .get(pk=event.pk)
    )


def _seat_or_waitlist(event: Event) -> str:
    left = seats_left(event)
    if left is None or left > 0:
        return Registration.Status.CONFIRMED
    return Registration.Status.WAITLISTED


def register(event: Event, user, organisation, registered_by=None) -> Registration:
    """Give a seat, or a place on the waitlist when the event is full."""
    with transaction.atomic():
        event = _lock(event)
        verdict = eligibility(event, user, organisation)
        if not verdict:
            raise RegistrationRefused(verdict.reason)
        if event.registrations.active().filter(user=user).exists():
            raise RegistrationRefused(
                _("%(name)s is already registered.") % {"name": user.display_name}
            )
        registration = Registration.objects.create(
            event=event,
            user=user,
            organisation=organisation,
            status=_seat_or_waitlist(event),
            registered_by=registered_by or user,
        )
        # Queued in the same transaction: the registration and its email are
        # saved together, and leave once it commits.
        emails.registered(registration)
        webhooks.fire(
            "registration.created",
            network=event.network_id,
            payload=webhooks.registration_data(registration),
        )
    return registration


def request_guest_registration(event: Event, name: str, email: str, organisation: str):
    """A person without an account asks for a seat at a public event; they
    confirm their email address before it counts."""
    with transaction.atomic():
        event = _lock(event)
        if event.audience != Audience.PUBLIC:
            raise RegistrationRefused(_("This event is reserved to members."))
        verdict = registration_window(event)
        if not verdict:
            raise RegistrationRefused(verdict.reason)
        existing = event.registrations.active().filter(user=None, guest_email__iexact=email)
        registration = existing.first()
        if registration is None:
            registration = Registration.objects.create(
                event=event,
                guest_name=name,
                guest_email=email.lower(),
                guest_organisation=organisation,
                status=Registration.Status.PENDING,
            )
        if registration.status == Registration.Status.PENDING:
            emails.confirm_guest_email(registration)
        else:
            emails.registered(registration)  # a reminder of where they stand
    return registration


def confirm_guest(registration: Registration) -> Registration:
    """The guest clicked the link of their email: now they take a seat."""
    with transaction.atomic():
        event = _lock(registration.event)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status != Registration.Status.PENDING:
            return registration
        verdict = registration_window(event)
        if not verdict:
            raise RegistrationRefused(verdict.reason)
        registration.status = _seat_or_waitlist(event)
        registration.created_at = timezone.now()  # the waitlist counts from confirmation
        registration.save(update_fields=["status", "created_at"])
        emails.registered(registration)
        webhooks.fire(
            "registration.created",
            network=event.network_id,
            payload=webhooks.registration_data(registration),
        )
    return registration


def cancel(registration: Registration) -> list[Registration]:
    """Cancel a registration; a freed seat goes to the first in line, who is told.

    Returns the registrations promoted.
    """
    with transaction.atomic():
        event = _lock(registration.event)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status not in Registration.ACTIVE:
            return []
        had_seat = registration.status == Registration.Status.CONFIRMED
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at"])
        promoted = _fill_free_seats(event)
        emails.cancelled(registration, had_seat=had_seat)
        for promotion in promoted:
            emails.promoted(promotion)
    return promoted


@dataclass(frozen=True)
class Schedule:
    """When and where an event takes place: what its registrants must hear of."""

    start: object
    end: object
    place: str

    @classmethod
    def of(cls, event: Event) -> "Schedule":
        return cls(event.start, event.end, event.place)


def save_edited(
    event: Event, capacity_before: int | None, schedule_before: Schedule | None = None
) -> list[Registration]:
    """Save an edited event (calendars see a new sequence); when its date,
    time or place moved, tell everyone registered or waiting, once, with the
    updated file; when it has more seats than before, give them to the
    waitlist. Returns those promoted."""
    with transaction.atomic():
        event.sequence += 1
        event.save()
        moved = (
            schedule_before is not None
            and schedule_before != Schedule.of(event)
            and event.is_published
            and not event.is_cancelled
        )
        if moved:
            for registration in event.registrations.active().select_related("user"):
                emails.rescheduled(registration, before=schedule_before)
        grew = event.capacity is None or (
            capacity_before is not None and event.capacity > capacity_before
        )
        return fill_free_seats(event) if grew else []


def cancel_event(event: Event, reason: str) -> list[Registration]:
    """Cancel the event for everyone: it stays in the agenda, struck, with its
    reason; registrations stay as they were. Each person registered, waiting
    or confirming their email is told once, with the file that takes the
    event out of their calendar. Cancelling twice does nothing more.

    Returns the registrations emailed."""
    with transaction.atomic():
        event = _lock(event)
        if event.is_cancelled:
            return []
        event.cancelled_at = timezone.now()
        event.cancellation_reason = reason
        event.sequence += 1
        event.save(update_fields=["cancelled_at", "cancellation_reason", "sequence", "updated_at"])
        told = list(event.registrations.active().select_related("user", "event"))
        for registration in told:
            emails.event_cancelled(registration)
    return told


def fill_free_seats(event: Event) -> list[Registration]:
    """After the capacity grew: promote as many as the new seats allow."""
    with transaction.atomic():
        promoted = _fill_free_seats(_lock(event))
        for promotion in promoted:
            emails.promoted(promotion)
    return promoted


def _fill_free_seats(event: Event) -> list[Registration]:
    if event.start <= timezone.now() or event.is_cancelled:
        return []  # nobody is called to an event that has begun or will not happen
    left = seats_left(event)
    waiting = list(event.registrations.waitlist().select_for_update())
    if left is not None:
        waiting = waiting[:left]
    now = timezone.now()
    for registration in waiting:
        registration.status = Registration.Status.CONFIRMED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at"])
    return waiting


def mark_attendance(event: Event, attended_ids: set[int]) -> int:
    """Record who came among the confirmed registrations; returns how many came."""
    confirmed = event.registrations.confirmed()
    confirmed.filter(pk__in=attended_ids).update(attended=True)
    confirmed.exclude(pk__in=attended_ids).update(attended=False)
    return confirmed.filter(attended=True).count()


def create_series(event: Event, rule: str, count: int) -> list[Event]:
    """Save ``event`` and its next ``count - 1`` occurrences, each an event of
    its own (its own seats and registrations) sharing one series id."""
    zone = timezone.get_current_timezone()
    start = timezone.localtime(event.start, zone)
    starts = recurrence.occurrences(start, rule, count)
    duration = event.end - event.start
    deadline_before = (
        event.start - event.registration_deadline if event.registration_deadline else None
    )
    with transaction.atomic():
        event.series = uuid.uuid4()
        event.save()
        created = [event]
        for occurrence_start in starts[1:]:
            copy = Event.objects.get(pk=event.pk)
            copy.pk = None
            copy.start = occurrence_start
            copy.end = occurrence_start + duration
            if deadline_before is not None:
                copy.registration_deadline = occurrence_start - deadline_before
            copy.save()
            created.append(copy)
    return created


def cancel_following(event: Event, reason: str) -> list[Registration]:
    """Cancel this occurrence and the later ones of its series."""
    if event.series is None:
        return cancel_event(event, reason)
    told = []
    later = Event.objects.filter(
        series=event.series, network_id=event.network_id, start__gte=event.start
    ).order_by("start")
    for occurrence in later:
        told += cancel_event(occurrence, reason)
    return told
