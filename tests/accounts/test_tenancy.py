"""Multi-tenancy is a security boundary: every scoped URL of another
organisation or network answers 404.

The URL conf is enumerated, so URLs added later are covered without anyone
remembering to add them here.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from levier.accounts.models import NetworkRole, OrgRole
from tests.factories import make_member, make_network_staff, make_organisation

# Values for the other parameters of scoped URLs. Each scoped view must 404
# before it even looks at them, so any value does.
FILLERS = {"int": "1", "slug": "x", "str": "x", "uuid": "00000000-0000-0000-0000-000000000000"}


def _walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry


def _scoped_urls(scope_parameter: str):
    found = []
    for route, entry in _walk(get_resolver().url_patterns):
        if f"<slug:{scope_parameter}>" in route:
            found.append((route, entry))
    return found


def _fill(route: str, scope_parameter: str, value: str) -> str:
    import re

    def replace(match):
        converter, name = match.group(1), match.group(2)
        return value if name == scope_parameter else FILLERS[converter]

    return "/" + re.sub(r"<(\w+):(\w+)>", replace, route)


ORG_URLS = _scoped_urls("org_slug")
NETWORK_URLS = _scoped_urls("network_slug")


def test_the_url_conf_has_scoped_urls_to_check():
    assert len(ORG_URLS) >= 6
    assert len(NETWORK_URLS) >= 2


@pytest.mark.parametrize(("route", "entry"), ORG_URLS, ids=[r for r, _ in ORG_URLS])
def test_every_organisation_url_goes_through_the_permission_decorator(route, entry):
    assert getattr(entry.callback, "levier_scope", None) == "organisation", route


@pytest.mark.parametrize(("route", "entry"), NETWORK_URLS, ids=[r for r, _ in NETWORK_URLS])
def test_every_network_url_goes_through_the_permission_decorator(route, entry):
    assert getattr(entry.callback, "levier_scope", None) == "network", route


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize(("route", "entry"), ORG_URLS, ids=[r for r, _ in ORG_URLS])
def test_member_of_a_gets_404_on_every_url_of_b(client, network, route, entry, method):
    org_a = make_organisation(network)
    org_b = make_organisation(network)  # same network: only membership separates them
    client.force_login(make_member(org_a, OrgRole.ADMIN))
    make_member(org_b, OrgRole.ADMIN)

    response = getattr(client, method)(_fill(route, "org_slug", org_b.slug))

    assert response.status_code == 404, route


@pytest.mark.django_db
@pytest.mark.parametrize(("route", "entry"), ORG_URLS, ids=[r for r, _ in ORG_URLS])
def test_animator_of_another_network_gets_404(client, network, other_organisation, route, entry):
    client.force_login(make_network_staff(network, NetworkRole.Role.NETWORK_ADMIN))

    response = client.get(_fill(route, "org_slug", other_organisation.slug))

    assert response.status_code == 404, route


@pytest.mark.django_db
@pytest.mark.parametrize(("route", "entry"), NETWORK_URLS, ids=[r for r, _ in NETWORK_URLS])
def test_members_and_other_animators_get_404_on_network_urls(client, network, route, entry):
    organisation = make_organisation(network)
    url = _fill(route, "network_slug", network.slug)
    outsiders = [
        make_member(organisation, OrgRole.ADMIN),
        make_network_staff(make_organisation().network, NetworkRole.Role.NETWORK_ADMIN),
    ]
    for user in outsiders:
        client.force_login(user)
        assert client.get(url).status_code == 404, (route, user)
        assert client.post(url).status_code == 404, (route, user)


@pytest.mark.django_db
@pytest.mark.parametrize(("route", "entry"), ORG_URLS + NETWORK_URLS, ids=lambda v: str(v))
def test_anonymous_visitors_are_sent_to_sign_in(client, organisation, route, entry):
    parameter = "org_slug" if "org_slug" in route else "network_slug"
    value = organisation.slug if parameter == "org_slug" else organisation.network.slug

    response = client.get(_fill(route, parameter, value))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
