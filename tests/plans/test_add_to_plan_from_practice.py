"""A practice's page puts it into the plan: with the exact gain where the
assessment suggests it, plainly otherwise, never twice, never for someone else."""

import pytest
from django.urls import reverse

from levier.accounts.models import OrgRole
from levier.plans.models import Action
from levier.practices.models import Practice
from tests.factories import make_member, make_organisation

pytestmark = pytest.mark.django_db


def _where_to_start(client, assessment):
    url = reverse("where_to_start", args=[assessment.organisation.slug, assessment.pk])
    return client.get(url).context["top"]


def test_a_suggested_practice_gets_the_gain_where_to_start_shows(client, submitted, admin):
    client.force_login(admin)
    card = _where_to_start(client, submitted)[0]
    practice = card["practices"][0][0]

    response = client.post(
        reverse("practice_add_to_plan", args=[practice.pk]),
        {"organisation": submitted.organisation.pk},
    )

    action = Action.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "action_detail", args=[submitted.organisation.slug, action.pk]
    )
    assert action.practice == practice
    assert action.question_code == card["suggestion"].question_code
    assert action.projected_gain == pytest.approx(card["suggestion"].gain.overall)
    assert action.created_by == admin


def test_a_practice_no_assessment_suggests_becomes_a_plain_action(client, company, admin):
    client.force_login(admin)
    practice = Practice.objects.filter(status=Practice.Status.PUBLISHED).first()

    client.post(reverse("practice_add_to_plan", args=[practice.pk]), {"organisation": company.pk})

    action = Action.objects.get()
    assert action.title == practice.display_title[:200]
    assert action.projected_gain is None and action.due_date is not None


def test_the_same_practice_is_not_added_twice_and_the_page_links_to_it(client, company, admin):
    client.force_login(admin)
    practice = Practice.objects.filter(status=Practice.Status.PUBLISHED).first()
    url = reverse("practice_add_to_plan", args=[practice.pk])

    client.post(url, {"organisation": company.pk})
    second = client.post(url, {"organisation": company.pk}, follow=True)

    action = Action.objects.get()
    assert "déjà dans le plan" in second.content.decode()
    page = client.get(reverse("practice_detail", args=[practice.pk])).content.decode()
    assert reverse("action_detail", args=[company.slug, action.pk]) in page
    assert url not in page


def test_viewers_and_other_organisations_cannot_add(client, company, admin, network):
    practice = Practice.objects.filter(status=Practice.Status.PUBLISHED).first()
    url = reverse("practice_add_to_plan", args=[practice.pk])
    stranger = make_organisation(network)
    client.force_login(make_member(company, OrgRole.VIEWER))
    assert client.post(url, {"organisation": company.pk}).status_code == 404
    client.force_login(make_member(stranger, OrgRole.ADMIN))
    assert client.post(url, {"organisation": company.pk}).status_code == 404
    assert not Action.objects.exists()
    # The same request from the organisation's own contributor works.
    client.force_login(admin)
    assert client.post(url, {"organisation": company.pk}).status_code == 302
    assert Action.objects.filter(organisation=company).count() == 1
