"""The organisation's profile through the API: read, and edited as the web
profile form edits it (same validation, 422 with the field at fault)."""

import json

import pytest

from levier.accounts.models import Organisation
from levier.api.services import ORGANISATION_AREAS
from tests.api.conftest import every_scope
from tests.api.factories import make_token

URL = "/api/v1/organisation"


@pytest.fixture(autouse=True)
def _no_rate_limit(settings):
    settings.RATELIMIT_ENABLE = False


@pytest.fixture
def home(api_tenants):
    return api_tenants["home"]


def patch(client, body, headers):
    return client.patch(URL, data=json.dumps(body), content_type="application/json", **headers)


def test_the_profile_of_the_tokens_organisation(client, home, api_headers):
    organisation = home.organisation
    response = client.get(URL, **api_headers["org"])
    assert response.status_code == 200
    body = response.json()
    assert body["name"] == organisation.name
    assert body["slug"] == organisation.slug
    assert body["network"] == home.network_world.network.slug
    assert body["headcount"] == organisation.headcount
    assert body["size_band"] == organisation.size_band
    assert body["region"] == organisation.region
    assert {"is_ess", "is_mission", "is_bcorp", "siren", "naf_code", "legal_form"} <= set(body)


def test_each_organisations_token_reads_its_own_profile(client, api_tenants, api_headers):
    sibling = api_tenants["sibling"]
    _token, headers = make_token(
        sibling.admin, organisation=sibling.organisation, scopes=every_scope(ORGANISATION_AREAS)
    )
    assert client.get(URL, **headers).json()["slug"] == sibling.organisation.slug
    assert (
        client.get(URL, **api_headers["org"]).json()["slug"]
        == api_tenants["home"].organisation.slug
    )


def test_tokens_without_the_area_get_403(client, home, api_headers):
    for headers in (api_headers["org_none"], api_headers["network_none"]):
        assert client.get(URL, **headers).status_code == 403
        assert patch(client, {"headcount": 12}, headers).status_code == 403
    reader = make_token(home.admin, organisation=home.organisation, scopes=["profile:read"])[1]
    assert client.get(URL, **reader).status_code == 200
    assert patch(client, {"headcount": 12}, reader).status_code == 403
    # A network's token has no organisation profile of its own.
    assert client.get(URL, **api_headers["network"]).status_code in (403, 404)


def test_an_edit_changes_the_given_fields_only(client, home, api_headers):
    before = Organisation.objects.get(pk=home.organisation.pk)
    response = patch(
        client,
        {"headcount": 260, "naf_code": "62 01 Z", "is_bcorp": True, "siren": "732 829 320"},
        api_headers["org"],
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["headcount"], body["size_band"], body["naf_code"]) == (260, "large", "62.01Z")
    assert body["siren"] == "732829320"
    after = Organisation.objects.get(pk=home.organisation.pk)
    assert (after.headcount, after.naf_code, after.naf_section) == (260, "62.01Z", "J")
    assert after.is_bcorp and after.siren == "732829320"
    assert (after.name, after.region, after.is_ess) == (before.name, before.region, before.is_ess)


def test_clearing_an_optional_field(client, home, api_headers):
    Organisation.objects.filter(pk=home.organisation.pk).update(naf_code="62.01Z")
    response = patch(client, {"naf_code": None}, api_headers["org"])
    assert response.status_code == 200
    assert response.json()["naf_code"] is None
    assert Organisation.objects.get(pk=home.organisation.pk).naf_code == ""


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"siren": "123456789"}, "siren"),
        ({"naf_code": "99.99Q"}, "naf_code"),
        ({"region": "XX"}, "region"),
        ({"headcount": 0}, "headcount"),
        ({"headcount": None}, "headcount"),
        ({"name": ""}, "name"),
        ({"legal_form": "llc"}, "legal_form"),
        ({"headcount": "many"}, "headcount"),
    ],
)
def test_invalid_profiles_are_422_with_the_field(client, home, api_headers, body, field):
    before = Organisation.objects.get(pk=home.organisation.pk)
    response = patch(client, body, {**api_headers["org"], "HTTP_ACCEPT_LANGUAGE": "en"})
    assert response.status_code == 422, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert field in {error["field"] for error in response.json()["errors"]}
    after = Organisation.objects.get(pk=home.organisation.pk)
    assert (after.headcount, after.name, after.siren) == (
        before.headcount,
        before.name,
        before.siren,
    )


def test_a_siren_already_in_the_network_is_refused(client, api_tenants, api_headers):
    Organisation.objects.filter(pk=api_tenants["sibling"].organisation.pk).update(
        siren="732829320"
    )
    response = patch(
        client, {"siren": "732829320"}, {**api_headers["org"], "HTTP_ACCEPT_LANGUAGE": "en"}
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "siren", "detail": "An organisation with this SIREN is already a member."}
    ]


@pytest.mark.parametrize("body", [3.2e295, [], "nom", None])
def test_a_body_that_is_not_an_object_is_refused_and_changes_nothing(
    client, home, api_headers, body
):
    before = client.get(URL, **api_headers["org"]).json()

    response = patch(client, body, api_headers["org"])

    assert response.status_code == 400
    assert client.get(URL, **api_headers["org"]).json() == before
    # An object is still taken.
    assert patch(client, {"headcount": 21}, api_headers["org"]).status_code == 200
