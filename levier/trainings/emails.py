"""The satisfaction questionnaire's email, through the outbox (it leaves once
the transaction that marks it sent commits)."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from levier.mailing import services as mailing


def survey_url(invitation) -> str:
    return settings.SITE_URL + reverse("training_survey", args=[invitation.token])


def survey(invitation) -> None:
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
                },
            ),
            to=[registration.email],
        )
        # The link is the key to one answer.
        mailing.queue(message, kind="training.survey", sensitive=True)
