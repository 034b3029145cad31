"""Around every call: problem details, the token's rate limit, the call
log, ETags, and the docs served without a CDN."""

import pytest
from django.test import override_settings

from levier.accounts.models import OrgRole
from levier.api.models import ApiCall, ApiToken
from tests.api.factories import make_token
from tests.factories import make_member

URL = "/api/v1/token"


@pytest.fixture
def token_headers(organisation):
    admin = make_member(organisation, OrgRole.ADMIN)
    return make_token(admin, organisation=organisation, scopes=["profile:read"])


def test_unknown_routes_answer_a_problem(client, token_headers):
    _token, headers = token_headers
    response = client.get("/api/v1/nothing-here", **headers)
    assert response.status_code == 404


@override_settings(RATELIMIT_ENABLE=True, API_RATE="3/m")
def test_past_its_rate_a_token_gets_429_with_retry_after(client, token_headers):
    token, headers = token_headers
    assert [client.get(URL, **headers).status_code for _ in range(3)] == [200, 200, 200]
    refused = client.get(URL, **headers)
    assert refused.status_code == 429
    assert refused["Content-Type"] == "application/problem+json"
    assert 1 <= int(refused["Retry-After"]) <= 60
    # Another token has its own count.
    admin = token.created_by
    _other, other_headers = make_token(admin, organisation=token.organisation)
    assert client.get(URL, **other_headers).status_code == 200


def test_every_call_is_logged_and_the_token_marked_used(client, token_headers):
    token, headers = token_headers
    client.get(URL, **headers)
    client.get("/api/v1/nothing-here", **headers)
    calls = list(ApiCall.objects.filter(token=token).order_by("pk"))
    assert [(c.method, c.path, c.status) for c in calls] == [
        ("GET", URL, 200),
        ("GET", "/api/v1/nothing-here", 404),
    ]
    assert ApiToken.objects.get(pk=token.pk).last_used_at is not None


def test_reads_carry_an_etag_and_answer_304_when_unchanged(client, token_headers):
    _token, headers = token_headers
    first = client.get(URL, **headers)
    etag = first["ETag"]
    assert etag
    again = client.get(URL, HTTP_IF_NONE_MATCH=etag, **headers)
    assert again.status_code == 304
    assert client.get(URL, HTTP_IF_NONE_MATCH='"other"', **headers).status_code == 200


def test_the_openapi_document_and_its_docs_page_are_served_by_levier(client):
    document = client.get("/api/v1/openapi.json")
    assert document.status_code == 200
    spec = document.json()
    assert spec["openapi"].startswith("3.1")
    assert "/api/v1/token" in spec["paths"]
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()


def test_updated_since_takes_any_iso_offset_and_compares_in_utc(client, organisation):
    # PostgreSQL refuses offsets beyond ±15:59; ISO 8601 parses them.
    admin = make_member(organisation, OrgRole.ADMIN)
    _token, headers = make_token(admin, organisation=organisation, scopes=["plans:read"])
    for since in ("2026-01-01T00:00:00-19:35", "2026-01-01T00:00:00"):
        response = client.get("/api/v1/actions", {"updated_since": since}, **headers)
        assert response.status_code == 200, response.content
        assert response.json()["items"] == []
