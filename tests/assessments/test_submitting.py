import pytest
from django.urls import reverse

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


@pytest.fixture
def reassessment(company, admin, levier_360):
    """A 2026 assessment whose answers were carried over from 2025, one of
    them already confirmed by saving it again."""
    previous = services.start(company, levier_360, "2025", admin)
    _answer_all_best(previous, admin)
    services.submit(previous, admin)
    current = services.start(company, levier_360, "2026", admin)
    _confirm(current, current.answers.order_by("question_code").first(), admin)
    return current


def _confirm(assessment, stored, user):
    """Save a carried-over answer unchanged: what "confirm" does."""
    saved = services.save_answer(
        assessment,
        assessment.pack.question(stored.question_code),
        services.AnswerInput(
            levels=tuple(stored.levels),
            value=stored.value,
            text=stored.text,
            not_applicable=stored.not_applicable,
            comment=stored.comment,
        ),
        user,
        stored.version,
    )
    assert saved.answer is not None and not saved.answer.to_confirm


def test_submitting_with_unconfirmed_carried_answers_asks_first(client, reassessment, admin):
    unconfirmed = services.unconfirmed_carried_over(reassessment)
    assert 0 < len(unconfirmed) < reassessment.answers.count()
    client.force_login(admin)

    response = client.post(url("assessment_submit", reassessment))

    reassessment.refresh_from_db()
    assert response.status_code == 200 and reassessment.is_draft
    page = response.content.decode()
    warning = page.split('id="carried-over-unconfirmed"')[1].split("</div>")[0]
    assert str(len(unconfirmed)) in warning and "2025" in warning
    first = unconfirmed[0]
    review = reverse(
        "assessment_theme",
        args=[reassessment.organisation.slug, reassessment.pk, first.theme_code],
    )
    assert f'href="{review}#q-{first.code}"' in warning
    assert f'name="carried_over_confirmed" value="{len(unconfirmed)}"' in page


def test_submitting_after_confirming_the_carried_answers_works(client, reassessment, admin):
    client.force_login(admin)
    count = len(services.unconfirmed_carried_over(reassessment))

    response = client.post(
        url("assessment_submit", reassessment), {"carried_over_confirmed": str(count)}
    )

    assert response["Location"] == url("assessment_results", reassessment)
    reassessment.refresh_from_db()
    assert reassessment.status == Assessment.Status.SUBMITTED


def test_no_confirmation_step_when_every_carried_answer_is_confirmed(client, reassessment, admin):
    for question in services.unconfirmed_carried_over(reassessment):
        _confirm(reassessment, reassessment.answers.get(question_code=question.code), admin)
    client.force_login(admin)

    page = client.get(url("assessment_submit", reassessment)).content.decode()
    response = client.post(url("assessment_submit", reassessment))

    assert "carried-over-unconfirmed" not in page
    assert response["Location"] == url("assessment_results", reassessment)
