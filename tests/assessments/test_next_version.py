"""A member's next assessment on Levier 360 v2 starts from its v1 answers where
the question is the same; a v1 result never changes."""

import pytest

from levier.assessments import services
from levier.assessments.models import Answer, ScoreSnapshot
from levier.frameworks.models import FrameworkVersion
from levier.frameworks.services import publish
from tests.assessments.conftest import url

pytestmark = pytest.mark.django_db


@pytest.fixture
def v1(levier_360):
    return FrameworkVersion.objects.get(framework__code="levier-360", version="1.0.0")


@pytest.fixture
def submitted_on_v1(company, admin, v1):
    first = services.start(company, v1, "2025", admin)
    pack = first.pack
    given = {
        "SOC-HSW-05": services.AnswerInput(levels=("periodic",), comment="Tous les deux ans"),
        "SOC-EMP-01": services.AnswerInput(value=82.0),
        "SOC-EMP-04": services.AnswerInput(levels=("interessement", "savings_plan")),
        "GOV-PUR-09": services.AnswerInput(text="Nos engagements"),
        "ENV-CLI-05": services.AnswerInput(not_applicable=True),
    }
    for code, answer in given.items():
        outcome = services.save_answer(first, pack.question(code), answer, admin, 0)
        assert outcome.error is None, code
    services.submit(first, admin)
    return first


def test_v2_starts_from_the_v1_answers_of_the_same_questions(
    submitted_on_v1, company, admin, levier_360
):
    assert levier_360.version == "2.0.0"
    following = services.start(company, levier_360, "2026", admin)

    carried = {a.question_code: a for a in following.answers.all()}
    before = {a.question_code: a for a in submitted_on_v1.answers.all()}
    assert set(carried) == set(before)
    for code, old in before.items():
        new = carried[code]
        assert (new.levels, new.value, new.text, new.not_applicable, new.comment) == (
            old.levels,
            old.value,
            old.text,
            old.not_applicable,
            old.comment,
        ), code
        assert new.to_confirm
    # The questions new in v2 start unanswered.
    added = {q.code for q in levier_360.pack.questions} - {
        q.code for q in submitted_on_v1.pack.questions
    }
    assert added and not added & set(carried)


def test_a_v1_answer_whose_level_is_gone_is_left_out(submitted_on_v1, company, admin, levier_360):
    # A later version where SOC-HSW-05's "periodic" level is renamed: same code,
    # but the v1 level no longer exists.
    source = levier_360.source.replace('version: "2.0.0"', 'version: "2.1.0"')
    source = source.replace("code: periodic", "code: biennial").replace(
        "any_of: [periodic, annual]", "any_of: [biennial, annual]"
    )
    assert source != levier_360.source
    newer = publish(source, "levier-360-v2.yaml", shipped=True)

    following = services.start(company, newer, "2026", admin)

    carried = set(following.answers.values_list("question_code", flat=True))
    assert "SOC-HSW-05" not in carried
    assert {"SOC-EMP-01", "SOC-EMP-04", "GOV-PUR-09", "ENV-CLI-05"} <= carried


def test_the_previous_assessment_of_the_framework_is_found_across_versions(
    submitted_on_v1, company, admin, levier_360
):
    """The latest submitted one of the framework, whatever its version."""
    second = services.start(company, levier_360, "2026", admin)
    outcome = services.save_answer(
        second,
        levier_360.pack.question("SOC-EMP-01"),
        services.AnswerInput(value=91.0),
        admin,
        Answer.objects.get(assessment=second, question_code="SOC-EMP-01").version,
    )
    assert outcome.error is None
    services.submit(second, admin)

    third = services.start(company, levier_360, "2027", admin)

    assert Answer.objects.get(assessment=third, question_code="SOC-EMP-01").value == 91.0


def test_the_v1_result_stays_as_submitted(submitted_on_v1, company, admin, levier_360):
    before = ScoreSnapshot.objects.get(assessment=submitted_on_v1).overall

    following = services.start(company, levier_360, "2026", admin)
    services.submit(following, admin)

    submitted_on_v1.refresh_from_db()
    assert submitted_on_v1.framework_version.version == "1.0.0"
    assert services.score(submitted_on_v1).overall == pytest.approx(before)
    assert ScoreSnapshot.objects.get(assessment=submitted_on_v1, is_current=True).overall == (
        pytest.approx(before)
    )


def test_the_results_say_the_previous_assessment_used_another_version(
    client, submitted_on_v1, company, admin, levier_360
):
    following = services.start(company, levier_360, "2026", admin)
    services.submit(following, admin)
    client.force_login(admin)

    page = client.get(url("assessment_results", following)).content.decode()
    earlier = client.get(url("assessment_results", submitted_on_v1)).content.decode()

    assert 'id="previous-version"' in page and "1.0.0" in page
    assert 'id="previous-version"' not in earlier
