import os

import pytest

from levier.tenancy.scope import system
from tests.factories import make_member, make_network, make_organisation

# Playwright's sync API runs an event loop in the test thread; Django's ORM
# refuses to run inside one unless told it is safe (it is: one thread).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(autouse=True)
def _tests_act_as_the_system():
    """Test code builds and checks data for nobody in particular; requests it
    makes still run in the scope of the person signed in (the middleware
    activates it), like in production."""
    with system():
        yield


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "fr-FR", "timezone_id": "Europe/Paris"}


@pytest.fixture
def network(db):
    return make_network()


@pytest.fixture
def organisation(network):
    return make_organisation(network, name="Atelier Alpha")


@pytest.fixture
def other_organisation(db):
    """An organisation of another network: nothing of it may leak."""
    return make_organisation(make_network(), name="Beta Industries")


@pytest.fixture
def org_admin(organisation):
    return make_member(organisation, "admin", full_name="Alice Admin")


@pytest.fixture
def org_admin_client(client, org_admin):
    client.force_login(org_admin)
    return client


def pytest_report_header(config):
    from django.conf import settings

    return f"database: {settings.DATABASES['default']['ENGINE']}"
