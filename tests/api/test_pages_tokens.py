"""The pages where an organisation's or a network's admins create tokens,
see them (never their secret again), revoke them and read their calls."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from levier.accounts.models import NetworkRole, OrgRole
from levier.api.models import ApiCall, ApiToken, digest
from tests.api.factories import make_token
from tests.factories import make_member, make_network_staff, make_organisation

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def admin(organisation):
    return make_member(organisation, OrgRole.ADMIN, full_name="Alice Admin")


@pytest.fixture
def network_admin(network):
    return make_network_staff(network, NetworkRole.Role.NETWORK_ADMIN, full_name="Nina Admin")


def _secret(page: str) -> str:
    start = page.index('id="token-secret" value="') + len('id="token-secret" value="')
    return page[start : page.index('"', start)]


def test_an_org_admin_creates_a_token_and_sees_its_secret_once(client, organisation, admin):
    client.force_login(admin)
    response = client.post(
        reverse("org_api_token_new", args=[organisation.slug]),
        {"name": "ERP", "scopes": ["assessments:write", "plans:read"], "expiry": "30"},
        **EN,
    )
    assert response.status_code == 200
    page = response.content.decode()
    secret = _secret(page)
    assert "shown this once" in page
    token = ApiToken.objects.get()
    assert token.organisation == organisation and token.network is None
    assert token.created_by == admin
    assert token.scopes == ["assessments:read", "assessments:write", "plans:read"]
    assert token.secret_digest == digest(secret) and secret.startswith(token.prefix)
    assert timedelta(days=29) < token.expires_at - timezone.now() <= timedelta(days=30)
    assert "no-store" in response["Cache-Control"]
    # The secret opens the API...
    api = client.get("/api/v1/token", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert api.status_code == 200 and api.json()["name"] == "ERP"
    # ... and no page shows it again.
    for url in (
        reverse("org_api", args=[organisation.slug]),
        reverse("org_api_token", args=[organisation.slug, token.pk]),
        reverse("org_api_calls", args=[organisation.slug]),
    ):
        assert secret not in client.get(url, **EN).content.decode()


def test_the_list_says_what_each_token_may_do_and_where_it_stands(client, organisation, admin):
    make_token(admin, organisation=organisation, scopes=["plans:write"], name="Plan sync")
    make_token(
        admin,
        organisation=organisation,
        scopes=["carbon:read"],
        name="Old export",
        expires_at=timezone.now() - timedelta(days=1),
    )
    client.force_login(admin)
    page = client.get(reverse("org_api", args=[organisation.slug]), **EN).content.decode()
    assert "Plan sync" in page and "Action plan (read and write)" in page
    assert "Old export" in page and "Carbon footprint (read)" in page
    assert "Expired" in page and "Active" in page and "Alice Admin" in page


def test_bad_input_says_what_is_wrong_and_keeps_what_was_typed(client, organisation, admin):
    client.force_login(admin)
    url = reverse("org_api_token_new", args=[organisation.slug])
    response = client.post(url, {"name": "Website", "expiry": "90"}, **EN)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Choose at least one area." in page
    assert 'value="Website"' in page
    response = client.post(
        url, {"name": "", "scopes": ["plans:read"], "expiry": "forever"}, **EN
    ).content.decode()
    assert "This field is required." in response
    assert "Select a valid choice" in response
    assert 'value="plans:read"' in response and "checked" in response
    assert not ApiToken.objects.exists()


def test_a_network_admin_gives_network_areas_only(client, network, network_admin):
    client.force_login(network_admin)
    url = reverse("network_api_token_new", args=[network.slug])
    form = client.get(url, **EN).content.decode()
    assert "Members and dashboard figures" in form and "Carbon footprint" not in form
    refused = client.post(url, {"name": "CRM", "scopes": ["carbon:read"], "expiry": "never"})
    assert refused.status_code == 400 and not ApiToken.objects.exists()
    created = client.post(url, {"name": "Site", "scopes": ["events:write"], "expiry": "never"})
    assert created.status_code == 200
    token = ApiToken.objects.get()
    assert token.network == network and token.organisation is None
    assert token.scopes == ["events:read", "events:write"] and token.expires_at is None
    secret = _secret(created.content.decode())
    api = client.get("/api/v1/token", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert api.json()["network"] == network.slug


def test_revoking_asks_first_then_the_token_stops_working(client, organisation, admin):
    token, headers = make_token(admin, organisation=organisation, scopes=["plans:read"])
    client.force_login(admin)
    url = reverse("org_api_token_revoke", args=[organisation.slug, token.pk])
    confirm = client.get(url, **EN)
    assert confirm.status_code == 200 and "cannot be restored" in confirm.content.decode()
    token.refresh_from_db()
    assert token.revoked_at is None
    response = client.post(url)
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    client.logout()
    assert client.get("/api/v1/token", **headers).status_code == 401
    client.force_login(admin)
    detail = client.get(reverse("org_api_token", args=[organisation.slug, token.pk]), **EN)
    assert "Revoked" in detail.content.decode()


@override_settings(RATELIMIT_ENABLE=False)
def test_the_call_log_of_a_token_and_of_the_organisation(client, organisation, admin):
    erp, erp_headers = make_token(admin, organisation=organisation, name="ERP")
    _site, site_headers = make_token(admin, organisation=organisation, name="Site")
    for _ in range(2):
        client.get("/api/v1/token", **erp_headers)
    client.get("/api/v1/nothing-here", **site_headers)
    # Another organisation's calls stay its own.
    other = make_organisation(organisation.network, name="Voisine")
    other_admin = make_member(other, OrgRole.ADMIN)
    _theirs, their_headers = make_token(other_admin, organisation=other, name="Theirs")
    client.get("/api/v1/token", **their_headers)
    assert ApiCall.objects.count() == 4

    client.force_login(admin)
    detail = client.get(reverse("org_api_token", args=[organisation.slug, erp.pk]), **EN)
    page = detail.content.decode()
    assert page.count("/api/v1/token</code>") == 2 and "nothing-here" not in page
    overall = client.get(reverse("org_api_calls", args=[organisation.slug]), **EN)
    page = overall.content.decode()
    assert page.count("/api/v1/token</code>") == 2 and "/api/v1/nothing-here" in page
    assert "Theirs" not in page and ">404<" in page


def test_the_token_page_shows_the_latest_hundred_calls(client, organisation, admin):
    token, _headers = make_token(admin, organisation=organisation)
    ApiCall.objects.bulk_create(
        ApiCall(token=token, method="GET", path=f"/api/v1/call-{n}", status=200)
        for n in range(105)
    )
    client.force_login(admin)
    page = client.get(
        reverse("org_api_token", args=[organisation.slug, token.pk]), **EN
    ).content.decode()
    assert page.count("/api/v1/call-") == 100
    assert "The 100 latest calls are shown." in page


@pytest.mark.parametrize("role", [OrgRole.CONTRIBUTOR, OrgRole.VIEWER])
def test_members_who_are_not_admins_get_404(client, organisation, admin, role):
    token, _ = make_token(admin, organisation=organisation)
    client.force_login(make_member(organisation, role))
    for url in (
        reverse("org_api", args=[organisation.slug]),
        reverse("org_api_token_new", args=[organisation.slug]),
        reverse("org_api_token", args=[organisation.slug, token.pk]),
        reverse("org_api_token_revoke", args=[organisation.slug, token.pk]),
        reverse("org_api_calls", args=[organisation.slug]),
    ):
        assert client.get(url).status_code == 404
    assert (
        client.post(
            reverse("org_api_token_revoke", args=[organisation.slug, token.pk])
        ).status_code
        == 404
    )
    token.refresh_from_db()
    assert token.revoked_at is None


def test_network_staff_reach_neither_a_members_tokens_nor_as_animators_the_networks(
    client, network, organisation, admin, network_admin
):
    token, _ = make_token(admin, organisation=organisation)
    client.force_login(network_admin)
    assert client.get(reverse("org_api", args=[organisation.slug])).status_code == 404
    assert (
        client.get(reverse("org_api_token", args=[organisation.slug, token.pk])).status_code == 404
    )
    client.force_login(make_network_staff(network, NetworkRole.Role.ANIMATOR))
    assert client.get(reverse("network_api", args=[network.slug])).status_code == 404
    assert client.get(reverse("network_api_token_new", args=[network.slug])).status_code == 404


def test_another_organisations_token_is_404(client, organisation, admin):
    other = make_organisation(organisation.network, name="Voisine")
    theirs, _ = make_token(make_member(other, OrgRole.ADMIN), organisation=other)
    client.force_login(admin)
    for name in ("org_api_token", "org_api_token_revoke"):
        url = reverse(name, args=[organisation.slug, theirs.pk])
        assert client.get(url).status_code == 404
        assert client.post(url).status_code == 404
    theirs.refresh_from_db()
    assert theirs.revoked_at is None


def test_the_overview_costs_the_same_with_more_tokens(
    client, organisation, admin, django_assert_max_num_queries
):
    client.force_login(admin)
    url = reverse("org_api", args=[organisation.slug])
    make_token(admin, organisation=organisation)
    client.get(url)  # warm the session and the caches
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    for n in range(15):
        make_token(
            make_member(organisation, OrgRole.ADMIN), organisation=organisation, name=f"T{n}"
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_admins_find_the_pages_from_their_usual_places(client, network, organisation, admin):
    client.force_login(admin)
    page = client.get(reverse("organisation_detail", args=[organisation.slug])).content.decode()
    assert reverse("org_api", args=[organisation.slug]) in page
    client.force_login(make_member(organisation, OrgRole.CONTRIBUTOR))
    page = client.get(reverse("organisation_detail", args=[organisation.slug])).content.decode()
    assert reverse("org_api", args=[organisation.slug]) not in page
    client.force_login(make_network_staff(network, NetworkRole.Role.NETWORK_ADMIN))
    assert reverse("network_api", args=[network.slug]) in client.get("/").content.decode()
    client.force_login(make_network_staff(network, NetworkRole.Role.ANIMATOR))
    assert reverse("network_api", args=[network.slug]) not in client.get("/").content.decode()
