import pytest

from levier.assessments import services
from levier.assessments.models import Assessment, AssessmentEvent, ScoreLine, ScoreSnapshot
from tests.assessments.conftest import url

pytestmark = pytest.mark.django_db


def _answer_all_best(assessment, user):
    for question in services.applicable_questions(assessment):
        if question.is_choice:
            best = max(question.levels, key=lambda level: level.points)
            services.save_answer(
                assessment, question, services.AnswerInput(levels=(best.code,)), user, 0
            )


def test_submitting_locks_and_stores_the_scores(client, assessment, admin):
    services.save_answer(
        assessment,
        assessment.pack.question("SOC-HSW-05"),
        services.AnswerInput(levels=("annual",)),
        admin,
        0,
    )
    expected = services.score(assessment)
    client.force_login(admin)

    response = client.post(url("assessment_submit", assessment))

    assert response["Location"] == url("assessment_results", assessment)
    assessment.refresh_from_db()
    assert assessment.status == Assessment.Status.SUBMITTED
    snapshot = ScoreSnapshot.objects.get()
    assert snapshot.overall == pytest.approx(expected.overall)
    pillars = dict(ScoreLine.objects.filter(level="pillar").values_list("code", "score"))
    assert pillars == pytest.approx(expected.pillars)
    assert ScoreLine.objects.filter(level="theme").count() == len(assessment.pack.themes)


def test_the_submit_page_warns_of_unanswered_questions(client, assessment, admin):
    client.force_login(admin)

    page = client.get(url("assessment_submit", assessment)).content.decode()

    assert "compteront pour 0 point" in page


def test_only_admins_submit(client, assessment, contributor):
    client.force_login(contributor)

    assert client.post(url("assessment_submit", assessment)).status_code == 404
    assessment.refresh_from_db()
    assert assessment.is_draft


def test_reopening_keeps_the_history_and_a_new_submission_becomes_current(
    client, assessment, admin
):
    client.force_login(admin)
    client.post(url("assessment_submit", assessment))
    first = ScoreSnapshot.objects.get()

    client.post(url("assessment_reopen", assessment))
    assessment.refresh_from_db()
    assert assessment.is_draft
    _answer_all_best(assessment, admin)
    client.post(url("assessment_submit", assessment))

    first.refresh_from_db()
    second = ScoreSnapshot.objects.exclude(pk=first.pk).get()
    assert not first.is_current and second.is_current
    assert second.overall > first.overall
    kinds = list(AssessmentEvent.objects.values_list("kind", flat=True))
    assert kinds == ["submitted", "reopened", "submitted"]
    history = client.get(url("assessment_detail", assessment)).content.decode()
    assert "Rouverte" in history


def test_contributors_cannot_reopen(client, assessment, admin, contributor):
    services.submit(assessment, admin)
    client.force_login(contributor)

    assert client.post(url("assessment_reopen", assessment)).status_code == 404


def test_a_new_framework_version_leaves_submitted_results_alone(assessment, admin):
    from levier.frameworks.services import publish

    services.submit(assessment, admin)
    before = ScoreSnapshot.objects.get().overall
    current = f'version: "{assessment.framework_version.version}"'
    assert current in assessment.framework_version.source
    source = assessment.framework_version.source.replace(current, 'version: "9.1.0"')
    source = source.replace("weight: 2", "weight: 5")
    newer = publish(source, "levier-360.yaml", shipped=True)

    assessment.refresh_from_db()
    assert assessment.framework_version != newer
    assert services.score(assessment).overall == pytest.approx(before)
