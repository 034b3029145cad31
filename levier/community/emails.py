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
from django.utils.translation import gettext_lazy as _lazy

from levier.accounts.models import OrgRole
from levier.community import ics
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
            body=render_to_string(f"community/email/{template}.txt", context),
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


def _organisation_recipients(organisation, *, admins_only: bool, also=None) -> list[str]:
    """The organisation's active people (or its admins), plus ``also``, once each."""
    memberships = organisation.memberships.filter(user__is_active=True).select_related("user")
    if admins_only:
        memberships = memberships.filter(role=OrgRole.ADMIN)
    emails = [m.user.email for m in memberships.order_by("pk")]
    if also is not None and also.is_active:
        emails.insert(0, also.email)
    return list(dict.fromkeys(e for e in emails if e))


def application_decided(application, message: str = "") -> bool:
    """Tells the applicants of the decision, with the animator's message if any.
    Returns whether an email was queued."""
    selected = application.status == application.Status.SELECTED
    recipients = _organisation_recipients(
        application.organisation, admins_only=True, also=application.submitted_by
    )
    if not recipients:
        return False
    programme = application.programme
    with translation.override(settings.LANGUAGE_CODE):
        subject = (
            _("[Levier] Your application is selected: %(title)s")
            if selected
            else _("[Levier] Your application: %(title)s")
        )
        body = render_to_string(
            "community/email/application_decided.txt",
            {
                "application": application,
                "programme": programme,
                "organisation": application.organisation,
                "selected": selected,
                "message": message,
                "programme_url": settings.SITE_URL
                + reverse("programme_detail", args=[programme.pk]),
            },
        )
        mailing.queue(
            EmailMessage(subject=subject % {"title": programme.title}, body=body, to=recipients),
            kind=f"programme.application_{application.status}",
        )
    return True


APPOINTMENT_SUBJECTS = {
    "booked": _lazy("[Levier] Coaching appointment: %(title)s"),
    "changed": _lazy("[Levier] Coaching appointment changed: %(title)s"),
    "cancelled": _lazy("[Levier] Coaching appointment cancelled: %(title)s"),
}


def appointment(appointment, change: str) -> bool:
    """Tells the organisation's people of a booked, moved or removed
    appointment, with the file for their calendar. Returns whether queued."""
    recipients = _organisation_recipients(appointment.organisation, admins_only=False)
    if not recipients:
        return False
    programme = appointment.programme
    url = settings.SITE_URL + reverse("programme_detail", args=[programme.pk])
    with translation.override(settings.LANGUAGE_CODE):
        message = EmailMessage(
            subject=str(APPOINTMENT_SUBJECTS[change]) % {"title": programme.title},
            body=render_to_string(
                "community/email/appointment.txt",
                {
                    "appointment": appointment,
                    "programme": programme,
                    "change": change,
                    "programme_url": url,
                },
            ),
            to=recipients,
        )
        message.attach(
            *ics.appointment_attachment(appointment, url, cancelled=change == "cancelled")
        )
        # The video link is for the organisation's people only.
        mailing.queue(message, kind=f"programme.appointment_{change}", sensitive=True)
    return True
