import pytest
from django.conf import settings
from django.core import mail
from django.db import transaction

from levier.assessments import emails
from levier.assessments.models import ThemeAssignment
from levier.mailing.models import OutgoingEmail
from tests.assessments.conftest import url
from tests.mailing.helpers import committed

pytestmark = pytest.mark.django_db


def test_an_admin_assigns_themes_and_the_contributor_sees_them_first(
    client, assessment, admin, contributor
):
    client.force_login(admin)

    response = client.post(
        url("assessment_assign", assessment), {"SOC-HSW": [contributor.pk], "ENV-CLI": []}
    )

    assert response.status_code == 302
    assert list(ThemeAssignment.objects.values_list("theme_code", "user")) == [
        ("SOC-HSW", contributor.pk)
    ]
    client.force_login(contributor)
    page = client.get(url("assessment_detail", assessment)).content.decode()
    mine = page.split("Thèmes qui vous sont attribués")[1].split("</section>")[0]
    assert "Santé, sécurité et bien-être" in mine
    assert "Climat" not in mine


def test_only_members_who_answer_can_be_assigned(client, assessment, admin, viewer):
    client.force_login(admin)

    response = client.post(url("assessment_assign", assessment), {"SOC-HSW": [viewer.pk]})

    assert response.status_code == 200
    assert not ThemeAssignment.objects.exists()


def test_contributors_cannot_assign(client, assessment, contributor):
    client.force_login(contributor)

    response = client.post(url("assessment_assign", assessment), {"SOC-HSW": [contributor.pk]})

    assert response.status_code == 404


def _assignment_emails():
    return OutgoingEmail.objects.filter(kind="assessments.theme_assigned")


def test_a_colleague_is_emailed_once_per_theme_newly_assigned(
    client, assessment, admin, contributor
):
    client.force_login(admin)
    theme = assessment.pack.theme("SOC-HSW")

    with committed():
        client.post(url("assessment_assign", assessment), {"SOC-HSW": [contributor.pk]})

    (message,) = mail.outbox
    assert message.to == [contributor.email]
    assert theme.title.get(settings.LANGUAGE_CODE) in message.body
    assert str(assessment) in message.body
    assert url("assessment_theme", assessment, "SOC-HSW") in message.body
    assert _assignment_emails().count() == 1
    # Saving the same choices again, or adding oneself, changes nothing for the colleague.
    client.post(url("assessment_assign", assessment), {"SOC-HSW": [contributor.pk, admin.pk]})
    assert _assignment_emails().count() == 1
    # A second theme is a new assignment: one more email, about that theme only.
    client.post(
        url("assessment_assign", assessment),
        {"SOC-HSW": [contributor.pk], "ENV-CLI": [contributor.pk]},
    )
    latest = _assignment_emails().order_by("-pk").first()
    assert _assignment_emails().count() == 2
    assert assessment.pack.theme("ENV-CLI").title.get(settings.LANGUAGE_CODE) in latest.body


def test_assigning_a_theme_to_oneself_sends_no_email(client, assessment, admin):
    client.force_login(admin)

    client.post(url("assessment_assign", assessment), {"SOC-HSW": [admin.pk]})

    assert ThemeAssignment.objects.filter(user=admin).exists()
    assert not _assignment_emails().exists()


def test_no_email_leaves_when_the_assignment_is_rolled_back(assessment, admin, contributor):
    with pytest.raises(RuntimeError), transaction.atomic():
        emails.tell_assignees(
            assessment, [("SOC-HSW", contributor.pk)], {contributor.pk: contributor}, admin
        )
        raise RuntimeError("the assignment failed")

    assert not _assignment_emails().exists()
