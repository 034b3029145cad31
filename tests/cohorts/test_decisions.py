"""Applicants hear of a selection or a decline, once, with the animator's word."""

import pytest
from django.core import mail
from django.urls import reverse

from levier.accounts.models import OrgRole
from levier.programmes.models import Application
from tests.cohorts.conftest import select
from tests.factories import make_member, make_organisation
from tests.mailing.helpers import committed

pytestmark = pytest.mark.django_db


@pytest.fixture
def application(programme, organisation, org_admin):
    return Application.objects.create(
        programme=programme, organisation=organisation, submitted_by=org_admin, answer="Oui"
    )


def _decide(client, application, status, message=""):
    url = reverse(
        "application_decide",
        args=[application.programme.network.slug, application.programme.pk, application.pk],
    )
    with committed():
        return client.post(url, {"status": status, "message": message})


def test_a_selection_is_emailed_once_with_the_animators_message(
    client, application, organisation, org_admin, animator
):
    other_admin = make_member(organisation, OrgRole.ADMIN)
    viewer = make_member(organisation, OrgRole.VIEWER)
    mail.outbox.clear()
    client.force_login(animator)

    _decide(client, application, "selected", "Bienvenue, premier atelier le 3 mars.")
    _decide(client, application, "selected")  # a second click tells nobody again

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == sorted([org_admin.email, other_admin.email])
    assert viewer.email not in message.to
    assert "Bienvenue, premier atelier le 3 mars." in message.body
    assert application.programme.title in message.subject
    application.refresh_from_db()
    assert application.notified_status == Application.Status.SELECTED


def test_a_decline_is_emailed_and_a_later_selection_too(client, application, animator):
    mail.outbox.clear()
    client.force_login(animator)

    _decide(client, application, "declined")
    _decide(client, application, "declined")
    _decide(client, application, "selected")

    assert len(mail.outbox) == 2
    assert "Oui" not in mail.outbox[0].body  # the answer is not echoed


def test_back_to_review_sends_nothing(client, application, animator):
    mail.outbox.clear()
    client.force_login(animator)

    _decide(client, application, "submitted")

    assert mail.outbox == []


def test_a_full_cohort_sends_nothing(client, network, programme, application, animator):
    programme.seats = 1
    programme.save()
    select(programme, make_organisation(network))
    mail.outbox.clear()
    client.force_login(animator)

    _decide(client, application, "selected")

    assert mail.outbox == []
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED
