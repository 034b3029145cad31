"""The satisfaction questionnaire: sent once after the last session to those
who came, answered once through its link, shown to the animator only from
five answers."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from levier.messaging.preferences import set_news
from levier.trainings.models import SurveyAnswer, SurveyInvitation
from tests.mailing.helpers import committed
from tests.trainings.factories import make_session, make_training, present, seat

pytestmark = pytest.mark.django_db

ANSWER = {"overall": "4", "usefulness": "5", "recommend": "yes", "comment": "Très concret."}


def _ended_training(network):
    start = timezone.now() - timedelta(days=3)
    training = make_training(network, start=start, end=start + timedelta(hours=8))
    session = make_session(training, timezone.localdate() - timedelta(days=1))
    return training, session


def test_the_questionnaire_goes_once_to_those_who_came(network, organisation):
    training, session = _ended_training(network)
    came = seat(training, organisation)
    seat(training, organisation)  # recorded absent: nothing
    present(session, came, "am")
    mail.outbox.clear()

    with committed():
        call_command("send_training_surveys", now=True)
        call_command("send_training_surveys", now=True)

    (message,) = mail.outbox
    assert message.to == [came.user.email]
    invitation = SurveyInvitation.objects.get()
    assert invitation.token in message.body


def test_nobody_who_refused_news_by_email_is_asked(network, organisation):
    training, session = _ended_training(network)
    refused = seat(training, organisation)
    present(session, refused, "am")
    set_news(refused.user, False)
    mail.outbox.clear()

    with committed():
        call_command("send_training_surveys", now=True)

    assert mail.outbox == []


def test_the_questionnaire_is_answered_once(client, network, organisation):
    training, _session = _ended_training(network)
    registration = seat(training, organisation)
    invitation = SurveyInvitation.objects.create(registration=registration)
    url = reverse("training_survey", args=[invitation.token])

    assert client.get(url).status_code == 200
    assert client.post(url, ANSWER).status_code == 200
    second = client.post(url, {**ANSWER, "overall": "1"})

    assert SurveyAnswer.objects.count() == 1
    assert SurveyAnswer.objects.get().overall == 4
    assert second.status_code == 200  # the page that says it was answered
    invitation.refresh_from_db()
    assert invitation.answered_at is not None


def test_results_show_from_five_answers(client, network, organisation, animator):
    training, _session = _ended_training(network)
    for n in range(4):
        SurveyAnswer.objects.create(
            event=training, overall=5, usefulness=4, recommend=True, comment=f"Commentaire {n}"
        )
    client.force_login(animator)
    url = reverse("training_board", args=[network.slug, training.pk])

    assert b"Commentaire 0" not in client.get(url).content
    SurveyAnswer.objects.create(event=training, overall=3, usefulness=4, recommend=False)
    page = client.get(url).content.decode()
    assert "Commentaire 0" in page
    assert "4,6" in page or "4.6" in page  # (5 * 4 + 3) / 5


def test_an_unknown_link_is_404(client):
    assert client.get(reverse("training_survey", args=["x" * 32])).status_code == 404
