"""What a member reads on the assessment pages and exports: no internal codes,
answers carried over from last year told apart from saved ones, statuses as
words in the spreadsheet."""

from io import BytesIO

import pytest
from bs4 import BeautifulSoup
from openpyxl import load_workbook

from levier.assessments import services
from levier.engine.scoring import THEME_STATUSES
from tests.assessments.conftest import url

pytestmark = pytest.mark.django_db

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}


def _answer_everything(assessment, user):
    for question in services.applicable_questions(assessment):
        if question.is_choice and question.condition is None:
            given = services.AnswerInput(levels=(question.levels[-1].code,))
            services.save_answer(assessment, question, given, user, 0)


def test_a_question_page_shows_no_internal_code(client, assessment, admin):
    client.force_login(admin)
    theme = assessment.pack.themes[0]

    page = client.get(url("assessment_theme", assessment, theme.code), **ENGLISH)

    legends = BeautifulSoup(page.content, "html.parser").select("fieldset.question legend")
    assert len(legends) >= 2
    codes = {question.code for question in theme.questions}
    assert [
        legend.get_text() for legend in legends if any(c in legend.get_text() for c in codes)
    ] == []


def test_a_carried_over_answer_says_where_it_comes_from_until_confirmed(client, assessment, admin):
    _answer_everything(assessment, admin)
    services.submit(assessment, admin)
    newer = services.start(assessment.organisation, assessment.framework_version, "2027", admin)
    theme = newer.pack.themes[0]
    client.force_login(admin)

    page = client.get(url("assessment_theme", newer, theme.code), **ENGLISH)
    states = BeautifulSoup(page.content, "html.parser").select(".save-state")

    carried = [state for state in states if state.select_one(".state-carried")]
    assert carried, "the theme's answers were copied from 2026"
    assert all(state.select_one(".state-saved") is None for state in carried)
    assert all(admin.display_name in state.get_text() for state in carried)
    assert all("previous assessment" in state.get_text() for state in carried)


def test_the_spreadsheet_gives_each_status_in_words(client, assessment, admin):
    _answer_everything(assessment, admin)
    services.submit(assessment, admin)
    client.force_login(admin)

    response = client.get(url("assessment_results_xlsx", assessment), **ENGLISH)

    scores = load_workbook(BytesIO(response.content)).worksheets[0]
    statuses = {row[3].value for row in scores.iter_rows(min_row=3) if row[3].value}
    assert statuses, "pillars and themes have a status"
    assert statuses.isdisjoint(THEME_STATUSES)
    assert "Scored" in statuses
