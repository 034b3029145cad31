"""Emails to a programme's applicants and cohort: the decision on their
application, their coaching appointments (with the file for their calendar).
Written in the site's language; they go through the outbox."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from levier.accounts.models import OrgRole
from levier.mailing import services as mailing
from levier.programmes import ics


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
            "programmes/email/application_decided.txt",
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
                "programmes/email/appointment.txt",
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
