"""Every non-essential email Levier sends (a campaign, an action digest, a
training's questionnaire) carries the same one-click unsubscribe, and once
a person used it, none of them is sent to them any more."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from levier.messaging import preferences
from levier.plans import services as plans
from tests.factories import make_member
from tests.mailing.helpers import committed
from tests.trainings.factories import present, seat
from tests.trainings.test_survey import _ended_training

pytestmark = pytest.mark.django_db


def _unsubscribe(client, message) -> None:
    """Follow the footer's link as the person would; it is the header's too."""
    link = re.search(r"http://\S+/unsubscribe/\S+/", message.body).group(0)
    assert message.extra_headers["List-Unsubscribe"] == f"<{link}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert client.post("/" + link.split("://", 1)[1].split("/", 1)[1]).status_code == 200


def _send_digests():
    mail.outbox.clear()
    with committed():
        call_command("send_action_reminders", "--now")
    return list(mail.outbox)


def test_the_action_digest_can_be_stopped_from_its_own_link(client, organisation):
    owner = make_member(organisation)
    plans.add_action(
        organisation,
        owner,
        title="Rédiger la charte achats",
        owner=owner,
        due_date=timezone.localdate() - timedelta(days=1),
    )
    (digest,) = _send_digests()
    assert digest.to == [owner.email]

    _unsubscribe(client, digest)

    assert not preferences.wants_news(owner)
    assert _send_digests() == []


def test_the_training_questionnaire_can_be_stopped_from_its_own_link(
    client, network, organisation
):
    training, session = _ended_training(network)
    came = seat(training, organisation)
    present(session, came, "am")
    mail.outbox.clear()
    with committed():
        call_command("send_training_surveys", now=True)
    (survey,) = mail.outbox

    _unsubscribe(client, survey)

    assert not preferences.wants_news(came.user)


def test_a_guest_has_no_account_to_unsubscribe_and_is_asked_once(network, organisation):
    training, session = _ended_training(network)
    guest = seat(training, organisation)
    guest.user, guest.guest_name, guest.guest_email = None, "Gaëlle Invitée", "g@example.org"
    guest.save()
    present(session, guest, "am")
    mail.outbox.clear()
    with committed():
        call_command("send_training_surveys", now=True)
        call_command("send_training_surveys", now=True)

    (survey,) = mail.outbox
    assert survey.to == ["g@example.org"]
    assert "List-Unsubscribe" not in survey.extra_headers
    assert "/unsubscribe/" not in survey.body
