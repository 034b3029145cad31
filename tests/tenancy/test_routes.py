"""Tenancy is a security boundary: every route of the URL conf, tried with
real objects of another organisation and of another network, by every role,
on GET and POST, answers 404 (or sends the anonymous visitor to sign in).

The URL conf is walked, so routes added later are covered without touching
this file; a route that declares no scope (``levier.tenancy.views``), or a
parameter whose kind no converter names (``levier.tenancy.converters``),
fails here. For each route, the same address with the person's own objects
works for someone allowed (not 404), so a 404 never comes from a broken URL.

Variants of a route with foreign objects: every parameter in turn (the
others being the person's own), then all of them, taken from a sibling
organisation of the same network and from an organisation of another
network. Tokens are replaced by unknown ones (a token is a key: whoever
holds it may use it).
"""

import re

import pytest
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver

from levier.tenancy.converters import CONVERTERS
from levier.tenancy.views import (
    ACCOUNT,
    ADMIN,
    FUNDER,
    MEMBER,
    NETWORK,
    ORGANISATION,
    PUBLIC,
    SCOPES,
)
from tests.tenancy import world as w

PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
KIND_OF = {converter: name for name, converter in CONVERTERS.items()}
# What network staff may do in a member organisation of their network
# without its consent: see and edit its profile, see its people.
STAFF_CAPABILITIES = {"view_profile", "edit_profile"}
SIGNED_IN_SCOPES = {ORGANISATION, NETWORK, FUNDER, MEMBER, ACCOUNT}
# Coach pages that reach every organisation of the cohort coached, by design.
COHORT_ROUTES_OF_COACHES = {
    "coach/programmes/<programme:pk>/documents/<deliverable_document:document_pk>/"
}


def _walk(patterns, prefix="", inherited=None):
    for entry in patterns:
        declared = getattr(entry, "levier_scope", None) or inherited
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), declared)
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry, declared


ROUTES = list(_walk(get_resolver().url_patterns))
OWN_ROUTES = [
    (route, entry)
    for route, entry, inherited in ROUTES
    if inherited is None  # allauth, i18n and the admin are declared as a whole
]


def _scope(entry):
    return getattr(entry.callback, "levier_scope", None)


def _kinds(route: str) -> list[tuple[str, str]]:
    """(parameter name, kind) for each parameter of the route."""
    found = []
    for match in PARAMETER.finditer(route):
        converter = match.group("converter") or "str"
        found.append((match.group("name"), converter))
    return found


def test_the_walk_finds_the_routes_and_the_declared_includes():
    declared = {inherited for _route, _entry, inherited in ROUTES if inherited}
    assert {ACCOUNT, PUBLIC, ADMIN} <= declared
    assert len(OWN_ROUTES) > 80


@pytest.mark.parametrize(("route", "entry"), OWN_ROUTES, ids=[r for r, _ in OWN_ROUTES])
def test_every_route_declares_its_scope_and_types_its_parameters(route, entry):
    assert _scope(entry) in SCOPES, f"{route}: decorate its view with a levier.tenancy.views scope"
    for name, converter in _kinds(route):
        assert converter in CONVERTERS, (
            f"{route}: <{converter}:{name}> says nothing of what it names; "
            "use a converter of levier.tenancy.converters"
        )
    if _scope(entry) == ORGANISATION:
        assert route.startswith("o/<org:org_slug>/"), route
    if _scope(entry) == NETWORK:
        assert route.startswith("n/<network:network_slug>/"), route
    if _scope(entry) == FUNDER:
        assert route.startswith("f/<network:network_slug>/"), route


@pytest.fixture(scope="module")
def tenants(django_db_setup, django_db_blocker):
    """Home (the people acting), a sibling organisation in the same network,
    and an organisation of another network; built once for the module, in a
    transaction rolled back at its end (each test rolls back its own changes
    to a savepoint)."""
    from django.db import transaction

    from levier.frameworks.services import latest_version, sync_shipped_packs
    from levier.tenancy.scope import system

    with django_db_blocker.unblock(), system():
        atomic = transaction.atomic()
        atomic.__enter__()
        sync_shipped_packs()
        version = latest_version("levier-360")
        ours, theirs = w.build_network("ours"), w.build_network("theirs")
        built = {
            "home": w.build_organisation(ours, version, "home"),
            "sibling": w.build_organisation(ours, version, "sibling"),
            "foreign": w.build_organisation(theirs, version, "foreign"),
        }
    yield built
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


def _roles(home):
    network = home.network_world
    return {
        "viewer": home.viewer,
        "contributor": home.contributor,
        "admin": home.admin,
        "animator": network.animator,
        "network admin": network.network_admin,
        "funder contact": network.funder_contact,
        "coach": network.coach,
        "anonymous": None,
    }


def _clients(home) -> dict:
    """A signed-in test client per role, signed in once per test."""
    clients = {}
    for role, user in _roles(home).items():
        clients[role] = Client()
        if user is not None:
            clients[role].force_login(user)
    return clients


def _url(route, values: dict) -> str:
    return "/" + PARAMETER.sub(lambda m: values[m.group("name")], route)


def _own(route, scope, home) -> dict:
    return {
        name: w.value(KIND_OF[CONVERTERS[converter]], home, public=scope == PUBLIC)
        for name, converter in _kinds(route)
    }


def _variants(route, scope, tenants):
    """(label, description, values, whole) for each foreign variant: ``whole``
    when every parameter the foreign tenant can fill comes from it."""
    home = tenants["home"]
    own = _own(route, scope, home)
    kinds = {name: KIND_OF[CONVERTERS[converter]] for name, converter in _kinds(route)}
    for label in ("sibling", "foreign"):
        other = tenants[label]
        theirs = {}
        for name, kind in kinds.items():
            if kind in w.CODE_KINDS:
                continue
            if kind in w.TOKEN_KINDS:
                if label == "foreign":
                    theirs[name] = w.unknown_token()
                continue
            if label == "sibling" and kind not in w.ORGANISATION_KINDS:
                continue  # the sibling shares the home network's objects
            # Never a public object: those are everyone's by design.
            theirs[name] = w.value(kind, other)
        for name in theirs:
            yield label, f"{label} {name}", {**own, name: theirs[name]}, len(theirs) == 1
        if len(theirs) > 1:
            yield label, f"{label} everything", {**own, **theirs}, True


def _expected_outsider(response, scope, method, signed_in) -> bool:
    if not signed_in and scope in SIGNED_IN_SCOPES:
        return response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    if response.status_code == 404:
        return True
    # A POST-only view may refuse the method before it looks at anything.
    return method == "get" and response.status_code == 405


@pytest.mark.django_db
@override_settings(RATELIMIT_ENABLE=False)
@pytest.mark.parametrize(("route", "entry"), OWN_ROUTES, ids=[r for r, _ in OWN_ROUTES])
def test_foreign_objects_answer_404_to_every_role(tenants, route, entry):
    scope = _scope(entry)
    capability = getattr(entry.callback, "levier_capability", None)
    failures = []
    clients = _clients(tenants["home"])
    for label, description, values, whole in _variants(route, scope, tenants):
        url = _url(route, values)
        for role, client in clients.items():
            staff = role in ("animator", "network admin")
            if staff and label == "sibling":
                if scope == NETWORK:
                    continue  # the network's staff act on every member of their network
                if scope == ORGANISATION and whole and capability in STAFF_CAPABILITIES:
                    continue  # and see a member's profile, by design
            if role == "funder contact" and label == "sibling" and scope == FUNDER:
                continue  # a funder reads what every member shares with the network's funders
            if role == "coach" and label == "sibling" and route in COHORT_ROUTES_OF_COACHES:
                continue  # a coach reads what each organisation of the cohort hands in
            for method in ("get", "post"):
                response = getattr(client, method)(url)
                if not _expected_outsider(response, scope, method, role != "anonymous"):
                    failures.append(
                        f"{role} {method.upper()} {url} ({description}): {response.status_code}"
                    )
    assert not failures, "\n".join(failures)


@pytest.mark.django_db
@override_settings(RATELIMIT_ENABLE=False)
@pytest.mark.parametrize(("route", "entry"), OWN_ROUTES, ids=[r for r, _ in OWN_ROUTES])
def test_the_same_route_with_ones_own_objects_works_for_someone(tenants, route, entry):
    """The counterpart of the 404s above: someone allowed gets the page."""
    home = tenants["home"]
    url = _url(route, _own(route, _scope(entry), home))
    answers = {}
    for role, client in _clients(home).items():
        response = client.get(url)
        answers[role] = response.status_code
        assert response.status_code < 500, (role, url)
        if response.status_code not in (302, 404) or (
            response.status_code == 302 and "/accounts/login/" not in response["Location"]
        ):
            return
    pytest.fail(f"nobody may open {url}: {answers}")
