from io import BytesIO

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from levier.assessments import services
from tests.assessments.conftest import url

pytestmark = pytest.mark.django_db


def _answer(assessment, user, pick):
    versions = dict(assessment.answers.values_list("question_code", "version"))
    for question in services.applicable_questions(assessment):
        if question.is_choice and question.condition is None:
            given = services.AnswerInput(levels=(pick(question).code,))
            services.save_answer(assessment, question, given, user, versions.get(question.code, 0))


def _lowest(question):
    return min(question.levels, key=lambda level: level.points)


def _best(question):
    return max(question.levels, key=lambda level: level.points)


@pytest.fixture
def submitted(assessment, admin):
    _answer(
        assessment, admin, lambda q: _best(q) if q.theme_code.startswith("SOC") else _lowest(q)
    )
    services.submit(assessment, admin)
    return assessment


def test_results_show_scores_charts_strengths_and_gaps(client, submitted, admin):
    client.force_login(admin)
    result = services.score(submitted)

    page = client.get(url("assessment_results", submitted)).content.decode()

    assert page.count("<svg") >= 2
    assert 'role="img"' in page
    assert f"<strong>{round(result.overall)}</strong>" in page
    assert "Vos points forts" in page and "le plus de points à gagner" in page
    assert "emploi et rémunération" in page


def test_results_compare_with_the_previous_assessment(client, submitted, admin, company):
    newer = services.start(company, submitted.framework_version, "2027", admin)
    _answer(newer, admin, _best)
    client.force_login(admin)

    page = client.get(url("assessment_results", newer)).content.decode()

    before = services.score(submitted).overall
    after = services.score(newer).overall
    assert "depuis 2026" in page
    assert f"+{round(after - before, 1):.1f}".replace(".", ",") in page


def test_the_pdf_report(client, submitted, admin):
    client.force_login(admin)

    response = client.get(url("assessment_results_pdf", submitted))

    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    pdf = PdfReader(BytesIO(response.content))
    text = " ".join(page.extract_text() for page in pdf.pages)
    assert submitted.organisation.name in text
    assert "Score global" in text and "Par pilier" in text
    assert len(pdf.pages) >= 2


def test_the_spreadsheet_holds_answers_and_scores(client, submitted, admin):
    client.force_login(admin)
    result = services.score(submitted)

    response = client.get(url("assessment_results_xlsx", submitted))

    book = load_workbook(BytesIO(response.content))
    scores = book["Scores"]
    assert scores["C2"].value == pytest.approx(round(result.overall, 1))
    answers = {row[0].value: row for row in book["Réponses"].iter_rows(min_row=2)}
    counted = result.questions["SOC-HSW-05"]
    assert answers["SOC-HSW-05"][6].value == counted.earned
    assert answers["SOC-HSW-05"][7].value == counted.max


def test_the_results_page_queries_do_not_grow(
    client, assessment, admin, django_assert_max_num_queries
):
    client.force_login(admin)
    page = url("assessment_results", assessment)
    _answer(assessment, admin, _lowest)
    services.submit(assessment, admin)
    with django_assert_max_num_queries(45) as first:
        client.get(page)
    for period in ("2027", "2028"):
        newer = services.start(
            assessment.organisation, assessment.framework_version, period, admin
        )
        _answer(newer, admin, _best)
        services.submit(newer, admin)
    with django_assert_max_num_queries(len(first.captured_queries) + 2):
        client.get(url("assessment_results", newer))
