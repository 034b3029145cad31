"""The practice library through the API: the shipped library and the
token's network's published practices, searched and filtered as the
library's page does; nothing of another network."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.test import override_settings
from django.utils import timezone

from levier.accounts.models import NetworkRole, OrgRole
from levier.frameworks.services import sync_shipped_packs
from levier.practices.models import Adoption, Practice, PracticeLink
from tests.api.factories import make_token
from tests.factories import make_member, make_network, make_network_staff, make_organisation
from tests.practices.factories import make_practice

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_no_rate_limit")]


@pytest.fixture
def _no_rate_limit():
    with override_settings(RATELIMIT_ENABLE=False):
        yield


def _tenant(label):
    network = make_network(name=f"Réseau {label}", slug=f"reseau-{label}")
    admin = make_network_staff(network, NetworkRole.Role.NETWORK_ADMIN)
    organisation = make_organisation(network, name=f"Entreprise {label}")
    org_admin = make_member(organisation, OrgRole.ADMIN)
    return SimpleNamespace(
        network=network,
        admin=admin,
        organisation=organisation,
        headers=make_token(admin, network=network, scopes=["practices:read"])[1],
        org_headers=make_token(org_admin, organisation=organisation, scopes=["practices:read"])[1],
        practice=make_practice(
            network,
            title=f"Vélos de service {label}",
            code=f"velos-{label}",
            themes=["ENV-MOB"],
            effort="low",
            cost="low",
            is_public=True,
        ),
    )


@pytest.fixture
def ours():
    return _tenant("ours")


@pytest.fixture
def theirs():
    return _tenant("theirs")


@pytest.fixture
def shipped():
    return make_practice(
        None,
        title="Bilan carbone simplifié",
        code="bilan-carbone",
        themes=["ENV-CLI"],
        effort="medium",
        cost="none",
        size_bands=["small"],
    )


def codes(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {item["code"] for item in response.json()["items"]}


def test_both_kinds_of_token_read_the_library_and_their_networks_practices(
    client, ours, theirs, shipped
):
    make_practice(ours.network, title="Brouillon", code="brouillon", status="draft")

    for headers in (ours.headers, ours.org_headers):
        # Not another network's practice, public as it is; not a draft.
        assert codes(client.get("/api/v1/practices", **headers)) == {"velos-ours", "bilan-carbone"}


def test_search_folds_accents_and_plurals_as_the_library_does(client, ours, shipped):
    response = client.get("/api/v1/practices", {"q": "velo"}, **ours.headers)
    assert codes(response) == {"velos-ours"}
    assert codes(client.get("/api/v1/practices", {"q": "carbones"}, **ours.headers)) == {
        "bilan-carbone"
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"theme": "ENV-MOB"}, {"velos-ours"}),
        ({"effort": "medium"}, {"bilan-carbone"}),
        ({"cost": "low"}, {"velos-ours"}),
        # A practice for no size in particular suits every size.
        ({"size_band": "large"}, {"velos-ours"}),
        ({"size_band": "small"}, {"velos-ours", "bilan-carbone"}),
        ({"question": "Q-MOB-1"}, {"velos-ours"}),
        ({"theme": "unknown"}, set()),
    ],
)
def test_filters_are_the_librarys(client, ours, shipped, query, expected):
    PracticeLink.objects.create(practice=ours.practice, question_code="Q-MOB-1", level_code="L3")
    assert codes(client.get("/api/v1/practices", query, **ours.headers)) == expected


def test_pillars_and_theme_titles_come_from_the_framework(client, ours, shipped):
    sync_shipped_packs()
    PracticeLink.objects.create(
        practice=ours.practice, question_code="ENV-MOB-01", level_code="L3"
    )

    assert codes(client.get("/api/v1/practices", {"pillar": "ENV"}, **ours.headers)) == {
        "velos-ours",
        "bilan-carbone",
    }
    assert codes(client.get("/api/v1/practices", {"pillar": "SOC"}, **ours.headers)) == set()
    assert codes(client.get("/api/v1/practices", {"pillar": "NOPE"}, **ours.headers)) == set()
    body = client.get(
        f"/api/v1/practices/{ours.practice.pk}", HTTP_ACCEPT_LANGUAGE="en", **ours.headers
    ).json()
    assert body["theme_titles"] == [{"code": "ENV-MOB", "title": "Mobility"}]
    assert body["links"][0]["theme_code"] == "ENV-MOB"


def test_bad_filters_are_refused_with_the_field_at_fault(client, ours):
    response = client.get("/api/v1/practices", {"effort": "huge"}, **ours.headers)
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["effort"]


def test_updated_since_gives_what_changed(client, ours, shipped):
    since = timezone.now() + timedelta(minutes=1)
    Practice.objects.filter(pk=shipped.pk).update(updated_at=since + timedelta(minutes=1))
    response = client.get(
        "/api/v1/practices", {"updated_since": since.isoformat()}, **ours.headers
    )
    assert codes(response) == {"bilan-carbone"}


def test_a_practice_reads_whole_with_its_adopters(client, ours, theirs):
    practice = ours.practice
    practice.context = "Pour les trajets courts."
    practice.results = "-30 % de trajets en voiture."
    practice.author_organisation = ours.organisation
    practice.author_named = True
    practice.save()
    PracticeLink.objects.create(practice=practice, question_code="Q-MOB-1", level_code="L3")
    Adoption.objects.create(practice=practice, organisation=ours.organisation)

    response = client.get(f"/api/v1/practices/{practice.pk}", **ours.org_headers)

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["title"] == "Vélos de service ours"
    assert body["steps"] == ["Faire un premier pas", "Faire le suivant"]
    assert body["context"] == "Pour les trajets courts."
    assert body["author"] == "Entreprise ours"
    assert body["adopters"] == 1
    assert body["network"] == "reseau-ours"
    assert body["links"] == [
        {
            "framework": "levier-360",
            "question_code": "Q-MOB-1",
            "level_code": "L3",
            "theme_code": None,
        }
    ]
    assert body["theme_titles"][0]["code"] == "ENV-MOB"


def test_another_networks_practice_is_not_found(client, ours, theirs):
    url = f"/api/v1/practices/{theirs.practice.pk}"
    assert client.get(url, **ours.headers).status_code == 404
    assert client.get(url, **ours.org_headers).status_code == 404
    assert client.get(url, **theirs.headers).status_code == 200
    assert client.get(url, **theirs.org_headers).status_code == 200


def test_drafts_reach_whom_the_web_shows_them_to(client, ours):
    draft = make_practice(ours.network, title="Brouillon", code="brouillon", status="draft")
    url = f"/api/v1/practices/{draft.pk}"
    assert client.get(url, **ours.headers).status_code == 200  # the network's animators
    assert client.get(url, **ours.org_headers).status_code == 404  # not its author


def test_a_token_without_the_practices_area_is_forbidden(client, ours):
    _token, headers = make_token(ours.admin, network=ours.network, scopes=["events:read"])
    for url in ("/api/v1/practices", f"/api/v1/practices/{ours.practice.pk}"):
        response = client.get(url, **headers)
        assert response.status_code == 403
        assert response["Content-Type"] == "application/problem+json"


def test_listing_practices_takes_as_many_queries_for_20_as_for_2(
    client, ours, shipped, django_assert_max_num_queries
):
    with django_assert_max_num_queries(99) as few:
        assert len(client.get("/api/v1/practices", **ours.headers).json()["items"]) == 2
    for n in range(18):
        practice = make_practice(ours.network, title=f"Pratique {n}", code=f"pratique-{n}")
        Adoption.objects.create(practice=practice, organisation=ours.organisation)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get("/api/v1/practices", **ours.headers).json()["items"]) == 20
