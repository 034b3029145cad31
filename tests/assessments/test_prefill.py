"""The next assessment starts from the previous answers, each to confirm."""

import pytest

from levier.assessments import services
from levier.assessments.models import Answer
from tests.assessments.conftest import url

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def previous(assessment, admin):
    question = assessment.pack.question("SOC-HSW-05")
    services.save_answer(
        assessment,
        question,
        services.AnswerInput(levels=("periodic",), comment="Tous les deux ans"),
        admin,
        0,
    )
    services.submit(assessment, admin)
    return assessment


def test_answers_are_carried_over_and_marked_to_confirm(previous, company, admin):
    following = services.start(company, previous.framework_version, "2027", admin)

    carried = Answer.objects.get(assessment=following, question_code="SOC-HSW-05")
    assert carried.levels == ["periodic"] and carried.comment == "Tous les deux ans"
    assert carried.to_confirm


def test_the_page_asks_to_confirm_and_confirming_clears_it(client, previous, company, contributor):
    following = services.start(company, previous.framework_version, "2027", contributor)
    client.force_login(contributor)

    page = client.get(url("assessment_theme", following, "SOC-HSW")).content.decode()
    assert "toujours vraie\u202f?" in page
    carried = Answer.objects.get(assessment=following, question_code="SOC-HSW-05")

    client.post(
        url("assessment_answer", following, "SOC-HSW-05"),
        {
            "SOC-HSW-05-level": "periodic",
            "SOC-HSW-05-comment": "Tous les deux ans",
            "SOC-HSW-05-version": carried.version,
        },
        **HTMX,
    )

    carried.refresh_from_db()
    assert not carried.to_confirm and carried.answered_by == contributor
    assert (
        "toujours vraie\u202f?"
        not in client.get(url("assessment_theme", following, "SOC-HSW")).content.decode()
    )


def test_an_answer_that_no_longer_fits_is_not_carried_over(previous, company, admin):
    from levier.frameworks.services import publish

    current = f'version: "{previous.framework_version.version}"'
    assert current in previous.framework_version.source
    source = previous.framework_version.source.replace(current, 'version: "9.0.0"')
    source = source.replace("code: periodic", "code: biennial").replace(
        "any_of: [periodic, annual]", "any_of: [biennial, annual]"
    )
    newer = publish(source, "levier-360.yaml", shipped=True)

    following = services.start(company, newer, "2027", admin)

    assert not Answer.objects.filter(assessment=following, question_code="SOC-HSW-05").exists()


def test_the_first_assessment_starts_empty(company, admin, levier_360):
    first = services.start(company, levier_360, "2026", admin)

    assert not first.answers.exists()


def test_carried_answers_wait_in_the_progress_until_confirmed(client, previous, company, admin):
    following = services.start(company, previous.framework_version, "2027", admin)
    client.force_login(admin)

    page = client.get(url("assessment_detail", following)).content.decode()

    assert "1 réponse a été reprise de votre évaluation précédente" in page
    assert 'id="assessment-overall-progress" value="0"' in page
    assert "Commencer à répondre" in page
