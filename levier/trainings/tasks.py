"""The satisfaction questionnaire, sent after a training's last session."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks import task

from levier.tenancy.scope import system
from levier.trainings import emails, services
from levier.trainings.models import SurveyInvitation


@task()
def send_training_surveys() -> int:
    """One questionnaire per participant of a training whose last session
    ended within two weeks; returns how many were queued.

    Safe to run as often as one likes (from the same cron as the event
    reminders): the invitation row, unique per registration, is created in
    the transaction that queues the email, so each person is asked once.
    """
    with system():
        now = timezone.now()
        sent = 0
        for event in services.events_due_for_survey(now):
            for registration in services.survey_recipients(event):
                try:
                    with transaction.atomic():
                        invitation = SurveyInvitation.objects.create(
                            registration=registration, sent_at=now
                        )
                        emails.survey(invitation)
                except IntegrityError:
                    continue  # another run asked this person first
                sent += 1
        return sent
