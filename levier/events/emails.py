"""Emails to registrants, each with the event as an .ics attachment when they
hold a seat. Written in the site's language: the recipient is often not the
person whose click sent them (a promotion follows someone else's cancellation).
They go through the outbox, so they leave once the registration is committed."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from levier.events import ics
from levier.mailing import services as mailing


def event_links(registration) -> dict:
    """The event's page and where the registration is managed: a guest's
    carry their secret token."""
    event = registration.event
    if registration.is_guest:
        return {
            "event_url": ics.public_event_url(event),
            "manage_url": settings.SITE_URL
            + reverse("guest_registration", args=[registration.token]),
        }
    return {"event_url": ics.event_url(event), "manage_url": ics.event_url(event)}


def _send(
    registration,
    subject: str,
    template: str,
    *,
    with_ics: bool,
    cancelled=False,
    **context,
) -> None:
    if not registration.email:
        return
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "registration": registration,
            "event": registration.event,
            "name": registration.display_name,
            **event_links(registration),
            **context,
        }
        message = EmailMessage(
            subject=subject % {"title": registration.event.title},
            body=render_to_string(f"events/email/{template}.txt", context),
            to=[registration.email],
        )
        if with_ics:
            message.attach(
                *ics.attachment(
                    registration.event, public=registration.is_guest, cancelled=cancelled
                )
            )
        # A guest's links carry the secret that manages their registration.
        mailing.queue(message, kind=f"event.{template}", sensitive=registration.is_guest)


def registered(registration) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        if registration.status == registration.Status.CONFIRMED:
            _send(
                registration,
                _("[Levier] You are registered: %(title)s"),
                "registered",
                with_ics=True,
            )
        elif registration.status == registration.Status.WAITLISTED:
            _send(
                registration,
                _("[Levier] On the waitlist: %(title)s"),
                "waitlisted",
                with_ics=False,
                position=registration.waitlist_position,
            )


def promoted(registration) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        _send(registration, _("[Levier] A seat is yours: %(title)s"), "promoted", with_ics=True)


def reminder(registration) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        _send(registration, _("[Levier] Reminder: %(title)s"), "reminder", with_ics=True)


def confirm_guest_email(registration) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        _send(
            registration,
            _("[Levier] Confirm your registration: %(title)s"),
            "confirm_guest",
            with_ics=False,
        )


def cancelled(registration, *, had_seat: bool) -> None:
    """Confirms a cancellation; a seat's holder also gets the file that takes
    the event out of their calendar."""
    with translation.override(settings.LANGUAGE_CODE):
        _send(
            registration,
            _("[Levier] Registration cancelled: %(title)s"),
            "cancelled",
            with_ics=had_seat,
            cancelled=True,
            had_seat=had_seat,
        )


def event_cancelled(registration) -> None:
    """The event will not take place: everyone registered or waiting gets the
    file that takes it out of their calendar (same UID, higher sequence)."""
    with translation.override(settings.LANGUAGE_CODE):
        _send(
            registration,
            _("[Levier] Event cancelled: %(title)s"),
            "event_cancelled",
            with_ics=True,
            cancelled=True,
            reason=registration.event.cancellation_reason,
        )


def rescheduled(registration, *, before) -> None:
    """The date, time or place moved. A seat's holder gets the updated file
    (same UID, higher sequence, so their calendar moves the event); people
    waiting hold no seat, so nothing is put in their calendar."""
    with translation.override(settings.LANGUAGE_CODE):
        _send(
            registration,
            _("[Levier] Date or place changed: %(title)s"),
            "rescheduled",
            with_ics=registration.status == registration.Status.CONFIRMED,
            before=before,
        )
