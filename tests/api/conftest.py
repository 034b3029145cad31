"""Fixtures shared by the API's tests: the tenancy world (home, a sibling
organisation of the same network, an organisation of another network), built
once per module in a transaction rolled back at its end, and tokens of the
home organisation and network with every area, or with none."""

import pytest
from django.db import transaction

from levier.api.services import NETWORK_AREAS, ORGANISATION_AREAS
from levier.frameworks.services import latest_version, sync_shipped_packs
from levier.tenancy.scope import system
from tests.api.factories import make_token
from tests.tenancy import world as w


def every_scope(areas) -> list[str]:
    return [f"{area}:{right}" for area in areas for right in ("read", "write")]


@pytest.fixture(scope="module")
def api_tenants(django_db_setup, django_db_blocker):
    """{"home", "sibling", "foreign"}: OrgWorlds (tests/tenancy/world.py).
    Each test rolls its own changes back to a savepoint; the world goes at
    the module's end."""
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


@pytest.fixture
def api_headers(api_tenants, db):
    """Authorization headers of tokens of the home organisation and of the
    home network: "org" and "network" with every area read and write,
    "org_none" and "network_none" with no area at all."""
    home = api_tenants["home"]
    organisation, network = home.organisation, home.network_world.network
    org_admin, network_admin = home.admin, home.network_world.network_admin
    return {
        "org": make_token(
            org_admin, organisation=organisation, scopes=every_scope(ORGANISATION_AREAS)
        )[1],
        "network": make_token(network_admin, network=network, scopes=every_scope(NETWORK_AREAS))[
            1
        ],
        "org_none": make_token(org_admin, organisation=organisation)[1],
        "network_none": make_token(network_admin, network=network)[1],
    }
