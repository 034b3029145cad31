"""An operational objective linked to the plan's actions and to questions
of the assessment: chosen among the organisation's actions and the
questions of its latest assessment's framework, stored as [framework,
question] pairs; the objective's page shows each action's status and due
date and each question's latest submitted answer and score."""

from datetime import date

import pytest
from django.utils.html import escape

from levier.assessments import services as assessments
from levier.frameworks.services import latest_version, sync_shipped_packs
from levier.plans.models import Action
from tests.mission import core_data as d

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def world():
    return d.company()


@pytest.fixture
def operational(world):
    return d.add_operational(d.add_objective(world.mission))


@pytest.fixture
def version(db):
    sync_shipped_packs()
    return latest_version("levier-360")


def _choice_questions(assessment, count):
    questions = [
        q
        for q in assessments.applicable_questions(assessment)
        if q.is_choice and q.condition is None and q.type != "multiple_choice"
    ]
    return questions[:count]


def test_actions_and_questions_are_linked_from_the_organisations_own(
    client, world, operational, version
):
    assessment = assessments.start(world.organisation, version, "2025", world.admin)
    first, second = _choice_questions(assessment, 2)
    ours = Action.objects.create(organisation=world.organisation, title="Acheter des casiers")
    other = d.company()
    theirs = Action.objects.create(organisation=other.organisation, title="Pas à nous")
    url = d.url("mission_operational_links", world.organisation, operational.pk)
    client.force_login(world.contributor)
    page = client.get(url, **EN).content.decode()
    assert "Acheter des casiers" in page and "Pas à nous" not in page
    assert f'value="levier-360:{first.code}"' in page
    response = client.post(url, {"actions": [theirs.pk], "questions": []}, **EN)
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    response = client.post(url, {"actions": [ours.pk], "questions": ["levier-360:NOPE-99"]})
    assert response.status_code == 400
    response = client.post(
        url,
        {
            "actions": [ours.pk],
            "questions": [f"levier-360:{first.code}", f"levier-360:{second.code}"],
        },
    )
    assert response["Location"] == d.url("mission_operational", world.organisation, operational.pk)
    operational.refresh_from_db()
    assert list(operational.actions.all()) == [ours]
    assert operational.questions == [["levier-360", first.code], ["levier-360", second.code]]
    # The page opens with them ticked.
    page = client.get(url).content.decode()
    assert f'value="levier-360:{first.code}" checked' in page


def test_questions_of_another_framework_stay_linked(client, world, operational, version):
    assessments.start(world.organisation, version, "2025", world.admin)
    operational.questions = [["ancien-referentiel", "Q-1"]]
    operational.save()
    client.force_login(world.contributor)
    client.post(
        d.url("mission_operational_links", world.organisation, operational.pk),
        {"actions": [], "questions": []},
    )
    operational.refresh_from_db()
    assert operational.questions == [["ancien-referentiel", "Q-1"]]


def test_without_an_assessment_the_page_says_how_to_link_questions(client, world, operational):
    client.force_login(world.contributor)
    page = client.get(
        d.url("mission_operational_links", world.organisation, operational.pk), **EN
    ).content.decode()
    assert "No assessment yet: start one to link its questions." in page
    assert "Your plan has no action yet." in page


def test_the_objectives_page_shows_the_actions_status_and_the_latest_answers(
    client, world, operational, version
):
    assessment = assessments.start(world.organisation, version, "2025", world.admin)
    answered, unanswered = _choice_questions(assessment, 2)
    best = max(answered.levels, key=lambda level: level.points)
    assessments.save_answer(
        assessment, answered, assessments.AnswerInput(levels=(best.code,)), world.admin, 0
    )
    assessments.submit(assessment, world.admin)
    done = Action.objects.create(
        organisation=world.organisation, title="Acheter des casiers", status="done"
    )
    late = Action.objects.create(
        organisation=world.organisation, title="Former l'équipe", due_date=date(2020, 1, 1)
    )
    operational.actions.add(done, late)
    operational.questions = [["levier-360", answered.code], ["levier-360", unanswered.code]]
    operational.save()
    client.force_login(world.viewer)
    page = client.get(
        d.url("mission_operational", world.organisation, operational.pk), **EN
    ).content.decode()
    assert d.url("action_detail", world.organisation, done.pk) in page
    assert "1 of 2 actions done" in page
    assert "Done" in page and "To do" in page
    assert '<span class="badge badge-danger">overdue</span>' in page
    assert escape(answered.text.get("en")) in page
    assert escape(best.label.get("en") if best.label else "Yes") in page
    assert "100/100" in page
    assert "Not answered" in page
    assert "2025" in page
