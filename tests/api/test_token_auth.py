"""A token opens the API for its one tenant, while it is valid and its
creator is still an admin there; a session never does."""

from datetime import timedelta

import pytest
from django.utils import timezone

from levier.accounts.models import Membership, NetworkRole, OrgRole
from levier.api.models import ApiToken
from levier.api.services import revoke
from tests.api.factories import make_token
from tests.factories import make_member, make_network_staff

URL = "/api/v1/token"


@pytest.fixture
def admin(organisation):
    return make_member(organisation, OrgRole.ADMIN, full_name="Alice Admin")


def test_a_valid_token_says_what_it_is_and_only_its_digest_is_kept(client, organisation, admin):
    token, headers = make_token(admin, organisation=organisation, scopes=["plans:write"])
    response = client.get(URL, **headers)
    assert response.status_code == 200
    assert response.json() == {
        "name": "Test token",
        "organisation": organisation.slug,
        "network": None,
        "scopes": ["plans:read", "plans:write"],  # writing brings reading
        "expires_at": None,
    }
    secret = headers["HTTP_AUTHORIZATION"].removeprefix("Bearer ")
    stored = ApiToken.objects.get(pk=token.pk)
    assert secret not in (stored.secret_digest, stored.prefix, stored.name)
    assert secret.startswith(stored.prefix)


@pytest.mark.parametrize("header", [None, "Bearer", "Bearer lev_wrong", "Basic abc", "lev_x"])
def test_no_or_a_wrong_token_is_a_401_problem(client, organisation, admin, header):
    make_token(admin, organisation=organisation)
    extra = {"HTTP_AUTHORIZATION": header} if header else {}
    response = client.get(URL, **extra)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response["WWW-Authenticate"] == "Bearer"
    assert response.json()["status"] == 401


def test_revoked_or_expired_tokens_stop_working(client, organisation, admin):
    token, headers = make_token(admin, organisation=organisation)
    assert client.get(URL, **headers).status_code == 200
    revoke(token)
    assert client.get(URL, **headers).status_code == 401
    _expired, headers = make_token(
        admin, organisation=organisation, expires_at=timezone.now() - timedelta(minutes=1)
    )
    assert client.get(URL, **headers).status_code == 401


def test_a_token_dies_with_its_creators_admin_role(client, organisation, admin):
    _token, headers = make_token(admin, organisation=organisation)
    assert client.get(URL, **headers).status_code == 200
    Membership.objects.filter(user=admin).update(role=OrgRole.CONTRIBUTOR)
    assert client.get(URL, **headers).status_code == 401


def test_a_network_token_needs_a_network_admin(client, network):
    animator = make_network_staff(network, NetworkRole.Role.ANIMATOR)
    _token, headers = make_token(animator, network=network)
    assert client.get(URL, **headers).status_code == 401
    admin = make_network_staff(network, NetworkRole.Role.NETWORK_ADMIN)
    _token, headers = make_token(admin, network=network)
    assert client.get(URL, **headers).json()["network"] == network.slug


def test_a_signed_in_session_opens_nothing_in_the_api(client, organisation, admin):
    client.force_login(admin)
    assert client.get(URL).status_code == 401
