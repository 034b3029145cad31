"""The results PDF is a board document: a cover with its summary, full pages, plan, method."""

import random
import shutil
import subprocess
from io import BytesIO

import pytest
from pypdf import PdfReader

from levier.assessments import services
from levier.plans.models import Action
from tests.assessments.conftest import url

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


FOOTER_TOP = 18 / 25.4 * 72  # the page's bottom margin, in points: the footer lies below


def _lowest_body_text(page) -> float:
    """The height (from the page's bottom, in points) of the lowest text above the footer."""
    heights = []

    def visit(text, cm, tm, font, size):
        y = tm[5] * cm[3] + cm[5]
        if text.strip() and y > FOOTER_TOP:
            heights.append(y)

    page.extract_text(visitor_text=visit)
    return min(heights)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_no_page_but_the_last_is_nearly_empty(client, admin, demo_like, language):
    pages = PdfReader(BytesIO(_pdf(client, admin, demo_like, language))).pages

    assert len(pages) >= 3
    for number, page in enumerate(pages[:-1], start=1):
        # Chart pages hold fewer characters: their labels are short.
        assert len(page.extract_text()) > 600, f"page {number} holds little text"
        assert _lowest_body_text(page) < 0.4 * float(page.mediabox.height), (
            f"page {number} ends in its upper part"
        )


def test_the_cover_holds_the_summary(client, admin, demo_like):
    first = PdfReader(BytesIO(_pdf(client, admin, demo_like, "en"))).pages[0].extract_text()

    assert demo_like.organisation.name in first
    assert "Summary" in first and "Overall score" in first
    assert "Top points to win" in first
    assert "2 planned · 1 in progress · 1 done" in first


def test_the_plan_and_the_method_are_in_the_document(client, admin, demo_like):
    pages = PdfReader(BytesIO(_pdf(client, admin, demo_like, "en"))).pages
    text = " ".join(page.extract_text() for page in pages)

    for index in range(4):
        assert f"Action number {index}" in text
    assert "Action number 4" not in text  # dropped
    assert "Method" in text and "weighted mean" in text


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_every_page_renders_to_an_image(client, admin, demo_like, tmp_path):
    (tmp_path / "results.pdf").write_bytes(_pdf(client, admin, demo_like))

    subprocess.run(
        ["pdftoppm", "-r", "50", "-png", str(tmp_path / "results.pdf"), str(tmp_path / "page")],
        check=True,
    )

    assert len(list(tmp_path.glob("page*.png"))) == len(PdfReader(tmp_path / "results.pdf").pages)
