"""A training's emails: its sessions changed, and the satisfaction
questionnaire. Through the outbox: they leave once the transaction commits."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from levier.events import ics
from levier.events.emails import event_links
from levier.mailing import services as mailing
from levier.messaging import preferences
from levier.trainings.models import TrainingSession


def survey_url(invitation) -> str:
    return settings.SITE_URL + reverse("training_survey", args=[invitation.token])


def survey(invitation) -> None:
    """Not essential mail: a registered person may stop it (a guest is asked
    once, with no account to keep a preference in)."""
    registration = invitation.registration
    with translation.override(settings.LANGUAGE_CODE):
        message = EmailMessage(
            subject=_("[Levier] Your opinion on the training: %(title)s")
            % {"title": registration.event.title},
            body=render_to_string(
                "trainings/email/survey.txt",
                {
                    "name": registration.display_name,
                    "event": registration.event,
                    "survey_url": survey_url(invitation),
                    "unsubscribe_url": preferences.unsubscribe_url(registration.user)
                    if registration.user is not None
                    else "",
                },
            ),
            to=[registration.email],
        )
        if registration.user is not None:
            preferences.mark_as_news(message, registration.user)
        # The link is the key to one answer.
        mailing.queue(message, kind="training.survey", sensitive=True)


def removed_session_attachment(event, session) -> tuple[str, bytes, str]:
    return ics.session_cancel_attachment(event, session)


def sessions_changed(registration, removed=None) -> int:
    """The dates of a training changed (a session added, moved or removed).
    A seat's holder gets the updated calendar file, and the file that takes a
    removed session out of their calendar. Returns 1 when queued."""
    if not registration.email:
        return 0
    event = registration.event
    confirmed = registration.status == registration.Status.CONFIRMED
    with translation.override(settings.LANGUAGE_CODE):
        message = EmailMessage(
            subject=_("[Levier] Sessions changed: %(title)s") % {"title": event.title},
            body=render_to_string(
                "trainings/email/sessions_changed.txt",
                {
                    "name": registration.display_name,
                    "event": event,
                    "registration": registration,
                    "sessions": TrainingSession.objects.filter(event=event).order_by(
                        "date", "start_time", "pk"
                    ),
                    "removed": removed is not None,
                    **event_links(registration),
                },
            ),
            to=[registration.email],
        )
        if confirmed:
            message.attach(*ics.attachment(event, public=registration.is_guest))
            if removed is not None:
                message.attach(*removed)
        # A guest's links carry the secret that manages their registration.
        mailing.queue(message, kind="training.sessions_changed", sensitive=registration.is_guest)
    return 1
