"""Assessments through the API: lists and scores of the token's organisation
only, answers written to a draft through the web autosave's service (the
same versions and conflicts) and seen on the web page."""

import json
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from levier.api.services import ORGANISATION_AREAS
from levier.assessments import services
from levier.assessments.models import Answer, Assessment
from levier.engine.packs import MULTIPLE_CHOICE, NUMBER
from tests.api.conftest import every_scope
from tests.api.factories import make_token

URL = "/api/v1/assessments"


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    settings.RATELIMIT_ENABLE = False


@pytest.fixture
def home(api_tenants):
    return api_tenants["home"]


@pytest.fixture
def sibling_headers(api_tenants, db):
    sibling = api_tenants["sibling"]
    return make_token(
        sibling.admin,
        organisation=sibling.organisation,
        scopes=every_scope(ORGANISATION_AREAS),
    )[1]


@pytest.fixture
def draft(home):
    """A draft of the home organisation, pre-filled from its submitted one."""
    submitted = home.objects["assessment"]
    return services.start(home.organisation, submitted.framework_version, "2027", home.admin)


def choice_question(assessment, *, multiple=False):
    return next(
        q
        for q in services.applicable_questions(assessment)
        if q.levels
        and not q.is_numeric
        and (q.type == MULTIPLE_CHOICE) == multiple
        and not q.condition
    )


def put(client, assessment, code, body, headers):
    return client.put(
        f"{URL}/{assessment.pk}/answers/{code}",
        data=json.dumps(body),
        content_type="application/json",
        **headers,
    )


# Reading ---------------------------------------------------------------------------------


def test_the_list_holds_the_organisations_assessments_only(client, home, api_headers, draft):
    response = client.get(URL, **api_headers["org"])
    assert response.status_code == 200
    body = response.json()
    ids = {item["id"] for item in body["items"]}
    assert ids == {home.objects["assessment"].pk, draft.pk}
    submitted = next(i for i in body["items"] if i["id"] == home.objects["assessment"].pk)
    assert submitted["status"] == "submitted"
    assert submitted["framework"] == "levier-360"
    assert submitted["overall"] is not None
    assert next(i for i in body["items"] if i["id"] == draft.pk)["overall"] is None


def test_the_list_filters_by_status_and_by_change(client, home, api_headers, draft):
    drafts = client.get(URL, {"status": "draft"}, **api_headers["org"]).json()["items"]
    assert [item["id"] for item in drafts] == [draft.pk]
    later = (timezone.now() + timedelta(minutes=5)).isoformat()
    assert client.get(URL, {"updated_since": later}, **api_headers["org"]).json()["items"] == []
    # An answer changed later brings its assessment back.
    Answer.objects.filter(assessment=draft).update(updated_at=timezone.now() + timedelta(hours=1))
    changed = client.get(URL, {"updated_since": later}, **api_headers["org"]).json()["items"]
    assert [item["id"] for item in changed] == [draft.pk]
    assert client.get(URL, {"status": "closed"}, **api_headers["org"]).status_code == 422


def test_one_assessment_with_its_scores_as_the_results_page(client, home, api_headers):
    assessment = home.objects["assessment"]
    response = client.get(f"{URL}/{assessment.pk}", **api_headers["org"])
    assert response.status_code == 200
    body = response.json()
    expected = services.score(assessment)
    assert body["scores"]["overall"] == pytest.approx(expected.overall)
    assert {row["code"]: row["score"] for row in body["scores"]["pillars"]} == pytest.approx(
        expected.pillars
    )
    themes = {row["code"]: row for row in body["scores"]["themes"]}
    assert set(themes) == set(expected.themes)
    assert all(row["pillar"] for row in themes.values())
    assert body["scores"]["answered"] == 1
    assert body["questions"] == len(services.applicable_questions(assessment))


def test_titles_follow_the_requested_language(client, home, api_headers):
    assessment = home.objects["assessment"]
    english = client.get(
        f"{URL}/{assessment.pk}", HTTP_ACCEPT_LANGUAGE="en", **api_headers["org"]
    ).json()
    pack = assessment.pack
    first = pack.pillars[0]
    assert english["scores"]["pillars"][0]["title"] == first.title.get("en")
    assert english["title"] == assessment.framework_version.title_en


def test_answers_are_listed_with_their_versions(client, home, api_headers):
    assessment = home.objects["assessment"]
    response = client.get(f"{URL}/{assessment.pk}/answers", **api_headers["org"])
    assert response.status_code == 200
    [answer] = response.json()["items"]
    stored = assessment.answers.get()
    assert answer["question_code"] == stored.question_code
    assert answer["levels"] == stored.levels
    assert answer["version"] == stored.version
    assert answer["comment"] is None


def test_another_organisations_token_gets_404_where_the_right_one_reads(
    client, home, api_headers, sibling_headers, draft
):
    assessment = home.objects["assessment"]
    question = choice_question(draft)
    for path in (
        f"{URL}/{assessment.pk}",
        f"{URL}/{assessment.pk}/answers",
    ):
        assert client.get(path, **api_headers["org"]).status_code == 200
        response = client.get(path, **sibling_headers)
        assert response.status_code == 404
        assert response["Content-Type"] == "application/problem+json"
    body = {"version": 0, "levels": [question.levels[0].code]}
    assert put(client, draft, question.code, body, sibling_headers).status_code == 404
    assert not draft.answers.filter(question_code=question.code, version__gt=1).exists()
    listed = client.get(URL, **sibling_headers).json()["items"]
    assert assessment.pk not in {item["id"] for item in listed}


def test_tokens_without_the_area_or_the_right_get_403(client, home, api_headers, draft):
    question = choice_question(draft)
    for headers in (api_headers["org_none"], api_headers["network_none"]):
        assert client.get(URL, **headers).status_code == 403
        assert client.get(f"{URL}/{draft.pk}", **headers).status_code == 403
    reader = make_token(home.admin, organisation=home.organisation, scopes=["assessments:read"])[1]
    assert client.get(f"{URL}/{draft.pk}", **reader).status_code == 200
    body = {"version": 0, "levels": [question.levels[0].code]}
    response = put(client, draft, question.code, body, reader)
    assert response.status_code == 403
    assert "write" in response.json()["title"]
    # A network's token holds no assessment of its own.
    assert client.get(URL, **api_headers["network"]).status_code in (403, 404)


def test_queries_do_not_grow_with_the_page(client, home, api_headers, draft):
    version = draft.framework_version

    def queries(limit):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(URL, {"limit": limit}, **api_headers["org"])
        assert len(response.json()["items"]) == limit
        return len(captured)

    Assessment.objects.bulk_create(
        Assessment(
            organisation=home.organisation,
            framework_version=version,
            period=str(2030 + n),
            headcount=10,
        )
        for n in range(20)
    )
    client.get(URL, **api_headers["org"])  # the token's first use is recorded once
    assert queries(2) == queries(20)
    answers = [
        Answer(assessment=draft, question_code=q.code, not_applicable=True)
        for q in services.applicable_questions(draft)[:25]
        if not draft.answers.filter(question_code=q.code).exists()
    ]
    Answer.objects.bulk_create(answers)
    path = f"{URL}/{draft.pk}/answers"
    with CaptureQueriesContext(connection) as few:
        client.get(path, {"limit": 2}, **api_headers["org"])
    with CaptureQueriesContext(connection) as many:
        client.get(path, {"limit": 20}, **api_headers["org"])
    assert len(few) == len(many)


# Writing ---------------------------------------------------------------------------------


def test_an_answer_written_by_the_api_is_on_the_web_page(client, home, api_headers, draft):
    question = choice_question(draft)
    stored = draft.answers.filter(question_code=question.code).first()
    version = stored.version if stored else 0
    level = question.levels[-1].code
    body = {"version": version, "levels": [level], "comment": "Figures from our HR system"}
    response = put(client, draft, question.code, body, api_headers["org"])
    assert response.status_code == 200, response.content
    answer = response.json()
    assert answer["levels"] == [level]
    assert answer["version"] == version + 1
    assert answer["to_confirm"] is False
    saved = Answer.objects.get(assessment=draft, question_code=question.code)
    assert (saved.levels, saved.comment, saved.answered_by) == (
        [level],
        "Figures from our HR system",
        home.admin,
    )
    # A member sees it on the theme's page, as if a colleague had typed it.
    client.force_login(home.viewer)
    page = client.get(
        reverse("assessment_theme", args=[home.organisation.slug, draft.pk, question.theme_code])
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert "Figures from our HR system" in html
    assert f'name="{question.code}-level" value="{level}" checked' in html


def test_a_stale_version_is_a_409_with_the_current_answer(client, home, api_headers, draft):
    question = choice_question(draft)
    Answer.objects.filter(assessment=draft, question_code=question.code).delete()
    first, second = question.levels[0].code, question.levels[-1].code
    assert (
        put(
            client, draft, question.code, {"version": 0, "levels": [first]}, api_headers["org"]
        ).status_code
        == 200
    )
    # A colleague saves on the web meanwhile (version 2).
    services.save_answer(
        draft, question, services.AnswerInput(levels=(second,)), home.contributor, 1
    )
    response = put(
        client, draft, question.code, {"version": 1, "levels": [first]}, api_headers["org"]
    )
    assert response.status_code == 409
    problem = response.json()
    assert problem["current"]["levels"] == [second]
    assert problem["current"]["version"] == 2
    assert Answer.objects.get(assessment=draft, question_code=question.code).levels == [second]
    # Keeping one's own answer: send it again from the version just read.
    response = put(
        client, draft, question.code, {"version": 2, "levels": [first]}, api_headers["org"]
    )
    assert response.status_code == 200
    assert response.json()["version"] == 3


def test_writing_an_unchanged_answer_changes_nothing_but_confirms_a_copy(
    client, home, api_headers, draft
):
    copied = draft.answers.get()  # pre-filled from the submitted assessment
    assert copied.to_confirm
    body = {"version": copied.version, "levels": copied.levels}
    response = put(client, draft, copied.question_code, body, api_headers["org"])
    assert response.status_code == 200
    assert response.json()["to_confirm"] is False
    confirmed = response.json()["version"]
    again = put(
        client, draft, copied.question_code, {**body, "version": confirmed}, api_headers["org"]
    )
    assert again.json()["version"] == confirmed


def test_a_submitted_assessment_takes_no_answer(client, home, api_headers):
    assessment = home.objects["assessment"]
    answer = assessment.answers.get()
    body = {"version": answer.version, "levels": answer.levels, "comment": "Late"}
    english = {**api_headers["org"], "HTTP_ACCEPT_LANGUAGE": "en"}
    response = put(client, assessment, answer.question_code, body, english)
    assert response.status_code == 409
    assert response.json()["title"] == "This assessment is submitted: it can no longer change."
    assert assessment.answers.get().comment == ""


def test_an_unknown_question_is_404(client, api_headers, draft):
    response = put(client, draft, "NO-SUCH-Q", {"version": 0}, api_headers["org"])
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"levels": ["no-such-level"]}, "levels"),
        ({"value": 12.0}, "value"),
        ({"text": "A written answer"}, "text"),
        ({"comment": "x" * 20000}, "comment"),
        ({"levels": "yes"}, "levels"),
        ({}, "version"),
        ({"version": -1}, "version"),
    ],
)
def test_invalid_answers_are_422_with_the_field(client, api_headers, draft, body, field):
    question = choice_question(draft)
    payload = {"version": 0, **body} if "version" not in body and body else body
    response = put(
        client, draft, question.code, payload, {**api_headers["org"], "HTTP_ACCEPT_LANGUAGE": "en"}
    )
    assert response.status_code == 422, response.content
    assert field in {error["field"] for error in response.json()["errors"]}


def test_several_levels_on_a_single_choice_are_refused_in_english(client, api_headers, draft):
    question = choice_question(draft)
    codes = [level.code for level in question.levels[:2]]
    response = put(
        client,
        draft,
        question.code,
        {"version": 0, "levels": codes},
        {**api_headers["org"], "HTTP_ACCEPT_LANGUAGE": "en"},
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": "levels", "detail": "Choose a single option."}]


def test_a_number_question_takes_a_value(client, api_headers, draft):
    question = next(
        (q for q in services.applicable_questions(draft) if q.type == NUMBER and not q.condition),
        None,
    )
    if question is None:
        pytest.skip("the pack has no number question that always applies")
    response = put(client, draft, question.code, {"version": 0, "value": 42.5}, api_headers["org"])
    assert response.status_code == 200, response.content
    assert response.json()["value"] == 42.5
    too_large = put(
        client, draft, question.code, {"version": 1, "value": 1e300}, api_headers["org"]
    )
    assert too_large.status_code == 422
    assert too_large.json()["errors"][0]["field"] == "value"
