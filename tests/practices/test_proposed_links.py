"""A member's practice names the questions it improves; once an animator
publishes it, it reaches the where-to-start of members whose answers it
improves (ADR 0029)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from levier.accounts.models import OrgRole
from levier.assessments import services as assessments
from levier.engine.packs import SINGLE_CHOICE
from levier.frameworks.services import latest_pack, latest_version
from levier.practices.models import Practice, PracticeLink
from tests.factories import make_member, make_network_staff, make_organisation

pytestmark = pytest.mark.django_db

PROPOSAL = {
    "title": "Des vélos de service pour les petits trajets",
    "summary": "Deux vélos à assistance électrique pour les rendez-vous en ville.",
    "steps": "Choisir les vélos\nPrévoir un local\nOuvrir les réservations",
    "effort": "low",
    "cost": "low",
    "author_named": "on",
    "sources": "ADEME | 2024 | https://www.ademe.fr/",
}


@pytest.fixture
def author(network):
    return make_member(make_organisation(network, name="Atelier Auteur"), OrgRole.CONTRIBUTOR)


@pytest.fixture
def peer(network):
    """A member whose assessment leaves room on every plain single-choice question."""
    organisation = make_organisation(network, name="Menuiserie Voisine", headcount=30)
    user = make_member(organisation, OrgRole.ADMIN)
    assessment = assessments.start(organisation, latest_version(), "2026", user)
    for question in assessments.applicable_questions(assessment):
        if question.type == SINGLE_CHOICE and question.condition is None:
            lowest = min(question.levels, key=lambda level: level.points)
            assessments.save_answer(
                assessment, question, assessments.AnswerInput(levels=(lowest.code,)), user, 0
            )
    assessments.submit(assessment, user)
    return user, assessment


def _room_to_grow(assessment):
    """A question answered at its lowest level and its best level."""
    question = next(
        q
        for q in assessments.applicable_questions(assessment)
        if q.type == SINGLE_CHOICE and q.condition is None
    )
    return question, max(question.levels, key=lambda level: level.points)


def _suggested(client, user, assessment) -> set[int]:
    client.force_login(user)
    url = reverse("where_to_start", args=[assessment.organisation.slug, assessment.pk])
    response = client.get(url)
    assert response.status_code == 200
    cards = response.context["top"] + response.context["quick_wins"]
    return {practice.pk for card in cards for practice, _option in card["practices"]}


def test_a_proposed_practice_reaches_where_to_start_once_published(client, network, author, peer):
    peer_user, assessment = peer
    question, best = _room_to_grow(assessment)
    client.force_login(author)

    response = client.post(
        reverse("practice_propose"),
        {**PROPOSAL, "links": [f"levier-360:{question.code}:{best.code}"]},
    )

    practice = Practice.objects.get()
    assert response["Location"] == reverse("practice_detail", args=[practice.pk])
    assert list(practice.links.values_list("framework", "question_code", "level_code")) == [
        ("levier-360", question.code, best.code)
    ]
    assert practice.sources == [{"name": "ADEME", "year": 2024, "url": "https://www.ademe.fr/"}]
    client.post(reverse("practice_submit", args=[practice.pk]))
    assert practice.pk not in _suggested(client, peer_user, assessment)

    client.force_login(make_network_staff(network))
    client.post(
        reverse("practice_review", args=[network.slug, practice.pk]), {"decision": "publish"}
    )

    assert practice.pk in _suggested(client, peer_user, assessment)
    page = client.get(reverse("practice_list")).content.decode()
    assert PROPOSAL["title"] in page and "Atelier Auteur" in page


def test_the_library_card_names_the_organisation_only_when_it_agreed(client, network, author):
    organisation = author.memberships.get().organisation
    for code, named in (("nommee", True), ("anonyme", False)):
        Practice.objects.create(
            network=network,
            code=code,
            title=f"Pratique {code}",
            summary="Résumé.",
            steps="Une étape",
            effort="low",
            cost="none",
            status=Practice.Status.PUBLISHED,
            author_organisation=organisation,
            author_named=named,
        )
    client.force_login(make_member(make_organisation(network)))

    page = client.get(reverse("practice_list")).content.decode()

    assert page.count("Atelier Auteur") == 1
    named_card = page[page.index("Pratique nommee") :]
    assert "Atelier Auteur" in named_card[: named_card.index("</article>")]


def test_only_better_levels_are_offered(client, author):
    client.force_login(author)

    choices = client.get(reverse("practice_propose")).context["form"].fields["links"].choices

    offered = {value for _group, options in choices for value, _label in options}
    for framework in ("levier-360", "iso-26000"):
        pack = latest_pack(framework)
        for question in pack.questions:
            if not pack.is_scoreable(question):
                continue
            for level in question.levels:
                value = f"{framework}:{question.code}:{level.code}"
                assert (value in offered) == (level.points > question.starting_points), value


@pytest.mark.parametrize(
    ("link", "reason"),
    [
        ("levier-360:NOPE-99:yes", "is not a question of levier-360"),
        ("iso-26000:GOUV-DEC-03:no", "gives no more points than the lowest"),
        ("iso-26000:GOUV-DEC-03:maybe", "is not a level of GOUV-DEC-03"),
        ("acme:GOUV-DEC-03:yes", "is not a framework of your network"),
    ],
)
def test_a_bad_link_is_refused_and_nothing_typed_is_lost(client, author, link, reason):
    client.force_login(author)
    good = "iso-26000:GOUV-DEC-01:objectives"

    response = client.post(
        reverse("practice_propose"),
        {**PROPOSAL, "links": [good, link]},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 200 and not Practice.objects.exists()
    errors = response.context["form"].errors["links"]
    assert len(errors) == 1 and reason in errors[0]
    page = response.content.decode()
    assert PROPOSAL["title"] in page and "ADEME | 2024 | https://www.ademe.fr/" in page
    assert f'value="{good}" selected' in page


def test_one_level_per_question(client, author):
    client.force_login(author)

    response = client.post(
        reverse("practice_propose"),
        {**PROPOSAL, "links": ["iso-26000:GOUV-DEC-01:values", "iso-26000:GOUV-DEC-01:embedded"]},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 200 and not Practice.objects.exists()
    assert "GOUV-DEC-01 is chosen twice" in response.context["form"].errors["links"][0]


def test_a_bad_source_is_refused_with_its_line(client, author):
    client.force_login(author)
    sources = "ADEME | 2024 | https://www.ademe.fr/\nINSEE | 1850 | https://www.insee.fr/"

    response = client.post(
        reverse("practice_propose"), {**PROPOSAL, "sources": sources}, HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.status_code == 200 and not Practice.objects.exists()
    errors = response.context["form"].errors["sources"]
    assert errors == [f"Source line 2: the year “1850” is not a year from 1900 to {_next_year()}"]
    assert "INSEE | 1850 | https://www.insee.fr/" in response.content.decode()


def _next_year() -> int:
    return timezone.now().year + 1


def test_editing_keeps_links_to_frameworks_not_offered(client, author):
    client.force_login(author)
    client.post(
        reverse("practice_propose"), {**PROPOSAL, "links": ["iso-26000:GOUV-DEC-01:values"]}
    )
    practice = Practice.objects.get()
    PracticeLink.objects.create(
        practice=practice, framework="retired-pack", question_code="OLD-01", level_code="yes"
    )
    url = reverse("practice_edit", args=[practice.pk])
    assert client.get(url).context["form"]["links"].value() == ["iso-26000:GOUV-DEC-01:values"]

    client.post(url, {**PROPOSAL, "links": ["iso-26000:GOUV-DEC-01:embedded"]})

    assert set(practice.links.values_list("framework", "question_code", "level_code")) == {
        ("iso-26000", "GOUV-DEC-01", "embedded"),
        ("retired-pack", "OLD-01", "yes"),
    }
