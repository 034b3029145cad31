"""The results PDF is a board document: a cover with its summary, full pages, the
plan with its projected gain, the method and perimeter; it passes the page checks
of tests/reports/pdf_checks.py (no nearly empty page, no text over text, readable
sizes) in French and in English."""

import random
import re
from io import BytesIO

import pytest
from pypdf import PdfReader

from levier.assessments import services
from levier.assessments.models import Answer
from levier.engine.benchmarks import MIN_OTHERS
from levier.plans import services as plans
from levier.plans import suggesting
from levier.plans.models import Action
from levier.practices.exchange import sync_shipped
from tests.assessments.conftest import url
from tests.reports import pdf_checks

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_like(assessment, admin):
    """Every choice question answered at a varied level, submitted, with a plan of actions."""
    chance = random.Random(7)
    versions = dict(assessment.answers.values_list("question_code", "version"))
    for question in services.applicable_questions(assessment):
        if question.is_choice and question.condition is None:
            level = chance.choice(question.levels)
            given = services.AnswerInput(levels=(level.code,))
            services.save_answer(
                assessment, question, given, admin, versions.get(question.code, 0)
            )
    services.submit(assessment, admin)
    for index, status in enumerate(["todo", "todo", "in_progress", "done", "dropped"]):
        Action.objects.create(
            organisation=assessment.organisation,
            title=f"Action number {index}",
            status=status,
            owner=admin,
        )
    return assessment


def _pdf(client, admin, assessment, language="fr") -> bytes:
    client.force_login(admin)
    response = client.get(url("assessment_results_pdf", assessment), HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_document_passes_the_page_checks(client, admin, demo_like, language):
    pdf = _pdf(client, admin, demo_like, language)

    # Body text prints at 9 pt or more; the radar's 25-50-75-100 scale alone is smaller.
    pdf_checks.assert_board_document(pdf, min_text_pt=7.5)
    small = {text for _page, text, size in pdf_checks.text_sizes(pdf) if size < 8.95}
    assert small <= {"25", "50", "75", "100"}
    assert len(PdfReader(BytesIO(pdf)).pages) >= 3


def test_the_cover_holds_the_summary(client, admin, demo_like):
    first = PdfReader(BytesIO(_pdf(client, admin, demo_like, "en"))).pages[0].extract_text()

    assert demo_like.organisation.name in first
    assert "Summary" in first and "Overall score" in first
    assert "Top points to win" in first
    assert "2 planned · 1 in progress · 1 done" in first


def _text(pdf: bytes) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(BytesIO(pdf)).pages))


def test_the_plan_and_the_method_are_in_the_document(client, admin, demo_like):
    text = _text(_pdf(client, admin, demo_like, "en"))

    for index in range(4):
        assert f"Action number {index}" in text
    assert "Action number 4" not in text  # dropped
    assert "Method and perimeter" in text and "weighted mean" in text
    assert f"at least {MIN_OTHERS} other organisations" in text  # the anonymity rule


def test_the_plan_shows_its_projected_gain(client, company, admin, demo_like):
    sync_shipped()  # suggestions come with the practices that serve them
    found, _practices = suggesting.suggestions(demo_like)
    chosen = found[:2]
    for suggestion in chosen:
        plans.add_from_suggestion(company, demo_like, suggestion, None, admin)
    projection = plans.projection(demo_like, company.actions.all())

    text = _text(_pdf(client, admin, demo_like, "en"))

    assert projection.after > projection.before
    assert (
        f"the overall score goes from {projection.before:.0f} to {projection.after:.0f} / 100"
        in text
    )
    for suggestion in chosen:
        assert f"+{suggestion.gain.overall:.1f}" in text


def test_the_method_states_the_perimeter(client, company, admin, contributor, demo_like):
    question = next(
        q
        for q in services.applicable_questions(demo_like)
        if q.allow_na and q.code not in _answered(demo_like)
    )
    Answer.objects.create(
        assessment=demo_like,
        question_code=question.code,
        not_applicable=True,
        answered_by=contributor,
    )
    applicable = len(services.applicable_questions(demo_like))
    left_out = services.left_out(demo_like)
    total = len(demo_like.pack.questions)
    unanswered = len(services.score(demo_like).missing)

    text = _text(_pdf(client, admin, demo_like, "en"))

    version = demo_like.framework_version
    assert f"Framework: {version.title}, version {version.version}." in text
    assert f"Period assessed: {demo_like.period}." in text
    assert "by Alice Admin" in text
    assert "Answered by 2 people: Alice Admin, Carl Contributeur." in text
    assert f"{applicable} questions out of the framework’s {total} apply" in text
    assert applicable + len(left_out) == total
    if left_out:
        assert "The others are left out because:" in text
        assert "concern organisations of another size" in text  # a 25-person company
    assert "1 question answered “not applicable”" in text
    assert f"{unanswered} questions unanswered" in text


def _answered(assessment) -> set[str]:
    return set(assessment.answers.values_list("question_code", flat=True))


def test_every_page_renders_to_an_image(client, admin, demo_like):
    pdf = _pdf(client, admin, demo_like)

    assert len(pdf_checks.page_images(pdf)) == len(PdfReader(BytesIO(pdf)).pages)
