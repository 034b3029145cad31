"""The action plan costs the same number of queries with 2 actions as with 40,
whatever their owners, practices and assessments."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from levier.accounts.models import OrgRole
from levier.plans import services
from levier.practices.models import Practice
from tests.factories import make_member

pytestmark = pytest.mark.django_db


def add_actions(company, admin, submitted, count):
    practices = list(Practice.objects.published()[:10])
    question = submitted.pack.questions[0]
    for n in range(count):
        owner = make_member(company, OrgRole.CONTRIBUTOR, full_name=f"Personne {n}")
        services.add_action(
            company,
            admin,
            title=f"Action {n}",
            owner=owner,
            practice=practices[n % len(practices)],
            assessment=submitted,
            question_code=question.code,
            target_level=question.levels[-1].code,
        )


def plan_queries(client, company) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("plan_list", args=[company.slug]))
    assert response.status_code == 200
    return len(captured)


def test_the_plan_queries_do_not_grow_with_the_number_of_actions(
    client, company, admin, submitted
):
    client.force_login(admin)
    add_actions(company, admin, submitted, 2)
    few = plan_queries(client, company)

    add_actions(company, admin, submitted, 38)
    many = plan_queries(client, company)

    assert many == few


def test_the_plan_reads_its_baseline_answers_once(client, company, admin, submitted):
    # The baseline of the projection is the latest submitted assessment the
    # realised gains start from: its answers are read once for the page.
    client.force_login(admin)
    add_actions(company, admin, submitted, 2)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("plan_list", args=[company.slug]))
    assert response.status_code == 200

    reads = [q["sql"] for q in captured if 'FROM "assessments_answer"' in q["sql"]]

    assert len(reads) == 1
