""" "Where to start": exact gains, practices that get there, one click to the plan."""

import pytest
from django.urls import reverse

from levier.assessments import services as assessments
from levier.engine.scoring import score
from levier.plans.models import Action
from levier.practices.models import Adoption, Practice
from tests.factories import make_member, make_organisation

pytestmark = pytest.mark.django_db


def _url(assessment, name="where_to_start"):
    return reverse(name, args=[assessment.organisation.slug, assessment.pk])


def test_suggestions_show_the_exact_gain_and_practices(client, submitted, admin):
    client.force_login(admin)

    response = client.get(_url(submitted))

    page = response.content.decode()
    assert "Par où commencer" in page
    cards = response.context["top"]
    assert 1 <= len(cards) <= 10
    answers = assessments.engine_answers(assessments.stored_answers(submitted))
    before = score(submitted.pack, submitted.profile, answers).overall
    for card in cards:
        suggestion = card["suggestion"]
        question = card["question"]
        target = suggestion.target_answer
        reached = question.band_for(target.value) if question.is_numeric else None
        assert suggestion.target_level in target.levels or reached.code == suggestion.target_level
        # The gain counts the follow-ups the target reveals, answered at their best.
        path = {**answers, question.code: target, **dict(suggestion.follow_ups)}
        after = score(submitted.pack, submitted.profile, path)
        assert suggestion.gain.overall == pytest.approx(after.overall - before)
        assert card["practices"], question.code
        assert card["target"].points > max((level.points for level in card["current"]), default=0)


def test_quick_wins_are_low_effort(client, submitted, admin):
    client.force_login(admin)

    quick = client.get(_url(submitted)).context["quick_wins"]

    assert quick
    for card in quick:
        assert card["suggestion"].effort == "low"
        assert card["suggestion"].cost in ("none", "low")


def test_the_top_ten_spans_the_pillars(client, submitted, admin):
    client.force_login(admin)

    top = client.get(_url(submitted)).context["top"]

    assert {card["pillar"].code for card in top} == {"SOC", "ENV", "GOV"}


def test_filters_narrow_the_suggestions(client, submitted, admin):
    client.force_login(admin)

    top = client.get(_url(submitted), {"pillar": "ENV", "effort": "low"}).context["top"]

    assert top
    assert all(card["pillar"].code == "ENV" for card in top)
    assert all(card["suggestion"].effort == "low" for card in top)


def test_one_click_adds_a_suggestion_to_the_plan(client, submitted, admin, contributor):
    client.force_login(admin)
    card = client.get(_url(submitted)).context["quick_wins"][0]
    suggestion = card["suggestion"]
    practice = card["practices"][0][0]

    response = client.post(
        _url(submitted, "where_to_start_add"),
        {
            "question": suggestion.question_code,
            "target": suggestion.target_level,
            "practice": practice.pk,
            "owner": contributor.pk,
        },
    )

    assert response.status_code == 302
    action = Action.objects.get()
    assert action.owner == contributor and action.practice == practice
    assert action.question_code == suggestion.question_code
    assert action.projected_gain == pytest.approx(suggestion.gain.overall)
    assert action.due_date is not None
    page = client.get(_url(submitted)).content.decode()
    assert "Dans votre plan" in page


def test_a_malformed_owner_adds_the_action_without_owner(client, submitted, admin):
    client.force_login(admin)
    suggestion = client.get(_url(submitted)).context["quick_wins"][0]["suggestion"]

    response = client.post(
        _url(submitted, "where_to_start_add"),
        {
            "question": suggestion.question_code,
            "target": suggestion.target_level,
            "owner": "1 OR 1=1",
        },
    )

    assert response.status_code == 302
    assert Action.objects.get().owner is None


def test_peers_of_the_same_size_who_adopted_are_counted(client, submitted, admin, network):
    client.force_login(admin)
    card = client.get(_url(submitted)).context["top"][0]
    practice = card["practices"][0][0]
    for headcount in (20, 30, 400):  # two small peers, one large
        Adoption.objects.create(
            practice=practice, organisation=make_organisation(network, headcount=headcount)
        )

    refreshed = client.get(_url(submitted)).context["top"]
    option = next(option for c in refreshed for p, option in c["practices"] if p.pk == practice.pk)

    assert option.adopters_similar == 2 and option.adopters_total == 3


def test_a_draft_gets_a_preview(client, company, admin):
    from levier.frameworks.services import latest_version

    draft = assessments.start(company, latest_version(), "2027", admin)
    client.force_login(admin)

    page = client.get(_url(draft)).content.decode()

    assert "Aperçu" in page


def test_practices_of_another_network_are_never_suggested(client, submitted, admin):
    from tests.factories import make_network
    from tests.practices.factories import make_practice

    foreign = make_practice(make_network(), title="Pratique d'un autre réseau", effort="low")
    question = assessments.applicable_questions(submitted)[0]
    foreign.links.create(question_code=question.code, level_code=question.levels[-1].code)
    client.force_login(admin)

    response = client.get(_url(submitted))

    suggested = {
        p.pk
        for card in response.context["top"] + response.context["quick_wins"]
        for p, _option in card["practices"]
    }
    assert foreign.pk not in suggested
    assert Practice.objects.filter(pk=foreign.pk).exists()


def test_outsiders_get_404(client, submitted):
    client.force_login(make_member(make_organisation(submitted.organisation.network)))

    assert client.get(_url(submitted)).status_code == 404
    assert client.post(_url(submitted, "where_to_start_add"), {}).status_code == 404


def test_the_page_queries_do_not_grow_with_adoptions_and_plans(
    client, submitted, admin, network, django_assert_max_num_queries
):
    client.force_login(admin)
    with django_assert_max_num_queries(60) as few:
        client.get(_url(submitted))
    baseline = len(few)  # now: each request clears the connection's query log
    peers = [make_organisation(network, name=f"Pair {n}", headcount=20) for n in range(5)]
    for practice in Practice.objects.all()[:40]:
        for peer in peers:
            Adoption.objects.create(practice=practice, organisation=peer)
    for card in client.get(_url(submitted)).context["top"][:5]:
        client.post(
            _url(submitted, "where_to_start_add"),
            {"question": card["question"].code, "target": card["suggestion"].target_level},
        )

    assert Action.objects.filter(organisation=submitted.organisation).count() == 5

    with django_assert_max_num_queries(baseline):
        client.get(_url(submitted))


def test_the_member_chooses_which_practice_of_a_suggestion_goes_into_the_plan(
    client, submitted, admin
):
    client.force_login(admin)
    response = client.get(_url(submitted))
    cards = response.context["top"] + response.context["quick_wins"]
    card = next(card for card in cards if len(card["practices"]) > 1)
    suggestion = card["suggestion"]
    first, second = card["practices"][0][0], card["practices"][1][0]
    assert f'<option value="{second.pk}">' in response.content.decode()

    client.post(
        _url(submitted, "where_to_start_add"),
        {
            "question": suggestion.question_code,
            "target": suggestion.target_level,
            "practice": second.pk,
        },
    )

    action = Action.objects.get()
    assert action.practice == second != first


def test_a_practice_foreign_to_the_suggestion_falls_back_to_its_first(client, submitted, admin):
    client.force_login(admin)
    card = client.get(_url(submitted)).context["top"][0]
    suggestion = card["suggestion"]
    own = {practice.pk for practice, _option in card["practices"]}
    foreign = Practice.objects.exclude(pk__in=own).first()

    client.post(
        _url(submitted, "where_to_start_add"),
        {
            "question": suggestion.question_code,
            "target": suggestion.target_level,
            "practice": foreign.pk,
        },
    )

    assert Action.objects.get().practice == card["practices"][0][0]
