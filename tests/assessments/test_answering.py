"""Answering: saved as given, kept when wrong, never silently overwritten."""

import pytest

from levier.assessments import services
from levier.assessments.models import Answer
from tests.assessments.conftest import url

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def _autosave(client, assessment, code, **fields):
    data = {f"{code}-{name}": value for name, value in fields.items()}
    return client.post(url("assessment_answer", assessment, code), data, **HTMX)


@pytest.fixture
def contributor_client(client, contributor):
    client.force_login(contributor)
    return client


def test_an_answer_saves_as_it_is_given(contributor_client, assessment, contributor):
    response = _autosave(contributor_client, assessment, "SOC-HSW-05", level="annual", version=0)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Enregistré" in page
    assert 'id="q-SOC-HSW-05-version"' in page and 'value="1"' in page
    answer = Answer.objects.get(question_code="SOC-HSW-05")
    assert answer.levels == ["annual"] and answer.answered_by == contributor


def test_answering_a_parent_reveals_its_follow_up(contributor_client, assessment):
    theme = contributor_client.get(url("assessment_theme", assessment, "SOC-HSW")).content.decode()
    assert 'id="q-SOC-HSW-06" class="question" hidden' in theme

    response = _autosave(contributor_client, assessment, "SOC-HSW-05", level="annual", version=0)

    page = response.content.decode()
    assert 'id="q-SOC-HSW-06" class="question" hx-swap-oob="true"' in page


def test_the_theme_form_saves_everything_without_javascript(contributor_client, assessment):
    response = contributor_client.post(
        url("assessment_theme", assessment, "SOC-HSW"),
        {
            "SOC-HSW-05-present": "1",
            "SOC-HSW-05-version": "0",
            "SOC-HSW-05-level": "periodic",
            "SOC-HSW-05-comment": "Enquête tous les deux ans",
            "SOC-HSW-06-present": "1",
            "SOC-HSW-06-version": "0",
            "SOC-HSW-06-value": "72,5",
            "then": "next",
        },
    )

    assert response.status_code == 302
    assert response["Location"].endswith("/themes/SOC-SKL/")
    assert Answer.objects.get(question_code="SOC-HSW-06").value == 72.5
    assert Answer.objects.get(question_code="SOC-HSW-05").comment == "Enquête tous les deux ans"


def test_a_wrong_value_is_explained_and_kept(contributor_client, assessment):
    response = contributor_client.post(
        url("assessment_theme", assessment, "SOC-HSW"),
        {
            "SOC-HSW-05-present": "1",
            "SOC-HSW-05-version": "0",
            "SOC-HSW-05-level": "annual",
            "SOC-HSW-06-present": "1",
            "SOC-HSW-06-version": "0",
            "SOC-HSW-06-value": "150",
        },
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "entre 0 et 100" in page
    assert 'value="150"' in page
    assert not Answer.objects.filter(question_code="SOC-HSW-06").exists()
    assert Answer.objects.get(question_code="SOC-HSW-05").levels == ["annual"]


def test_not_a_number_is_explained(contributor_client, assessment):
    _autosave(contributor_client, assessment, "SOC-HSW-05", level="annual", version=0)

    response = _autosave(contributor_client, assessment, "SOC-HSW-06", value="beaucoup", version=0)

    assert "n’est pas un nombre" in response.content.decode()


def test_a_second_person_saving_the_same_answer_sees_the_conflict(
    client, assessment, contributor, admin
):
    client.force_login(contributor)
    _autosave(client, assessment, "SOC-HSW-05", level="periodic", version=0)
    client.force_login(admin)  # opened the page when the answer did not exist yet

    response = _autosave(client, assessment, "SOC-HSW-05", level="none", version=0)

    page = response.content.decode()
    assert "Carl Contributeur a enregistré une autre réponse" in page
    assert "Tous les deux ans environ" in page  # their answer, shown to choose
    assert Answer.objects.get(question_code="SOC-HSW-05").levels == ["periodic"]

    answer = Answer.objects.get(question_code="SOC-HSW-05")
    _autosave(client, assessment, "SOC-HSW-05", level="none", override=answer.version)
    assert Answer.objects.get(question_code="SOC-HSW-05").levels == ["none"]


def test_concurrent_saves_from_the_same_version_never_both_win(assessment, contributor, admin):
    question = assessment.pack.question("SOC-HSW-05")
    first = services.save_answer(
        assessment, question, services.AnswerInput(levels=("once",)), contributor, 0
    )
    version = first.answer.version

    mine = services.save_answer(
        assessment, question, services.AnswerInput(levels=("annual",)), contributor, version
    )
    theirs = services.save_answer(
        assessment, question, services.AnswerInput(levels=("none",)), admin, version
    )

    assert mine.answer is not None and theirs.conflict is not None
    assert Answer.objects.get(question_code="SOC-HSW-05").levels == ["annual"]


def test_not_applicable_only_where_offered(contributor_client, assessment):
    applicable = services.applicable_questions(assessment)
    allowed = next(q for q in applicable if q.allow_na)
    refused = next(q for q in applicable if not q.allow_na and q.is_choice)

    _autosave(contributor_client, assessment, allowed.code, na="1", version=0)
    response = _autosave(contributor_client, assessment, refused.code, na="1", version=0)

    assert Answer.objects.get(question_code=allowed.code).not_applicable
    assert "n’est pas proposé" in response.content.decode()
    assert not Answer.objects.filter(question_code=refused.code).exists()


def test_viewers_read_but_cannot_answer(client, assessment, viewer):
    client.force_login(viewer)

    page = client.get(url("assessment_theme", assessment, "SOC-HSW"))
    response = _autosave(client, assessment, "SOC-HSW-05", level="annual", version=0)
    form_post = client.post(
        url("assessment_theme", assessment, "SOC-HSW"),
        {"SOC-HSW-05-present": "1", "SOC-HSW-05-level": "annual"},
    )

    assert page.status_code == 200 and "disabled" in page.content.decode()
    assert response.status_code == 404 and form_post.status_code == 404
    assert not Answer.objects.exists()


def test_a_question_that_does_not_apply_cannot_be_answered(contributor_client, assessment):
    excluded = next(q for q, _reason in services.left_out(assessment))

    response = _autosave(contributor_client, assessment, excluded.code, version=0)

    assert response.status_code == 404


def test_a_submitted_assessment_takes_no_answer(contributor_client, assessment, admin):
    services.submit(assessment, admin)

    response = _autosave(contributor_client, assessment, "SOC-HSW-05", level="annual", version=0)

    assert response.status_code == 409
    assert not Answer.objects.exists()


def test_the_theme_page_queries_do_not_grow_with_answers(
    contributor_client, assessment, contributor, django_assert_max_num_queries
):
    theme_url = url("assessment_theme", assessment, "SOC-HSW")
    questions = [
        q for q in services.applicable_questions(assessment) if q.is_choice and not q.condition
    ]
    first = questions[0]
    services.save_answer(
        assessment, first, services.AnswerInput(levels=(first.levels[0].code,)), contributor, 0
    )
    with django_assert_max_num_queries(40) as few:
        contributor_client.get(theme_url)
    for question in questions[1:]:
        if question.is_choice and question.condition is None:
            level = question.levels[-1].code
            services.save_answer(
                assessment, question, services.AnswerInput(levels=(level,)), contributor, 0
            )
    with django_assert_max_num_queries(len(few.captured_queries)):
        contributor_client.get(theme_url)
