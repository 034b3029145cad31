import pytest

from levier.accounts.models import OrgRole
from levier.frameworks.services import latest_version, sync_shipped_packs
from levier.insights.models import Sharing
from tests.factories import make_member, make_network_staff, make_organisation
from tests.insights.conftest import submit_assessment


@pytest.fixture
def animator(network):
    return make_network_staff(network, full_name="Anne Animatrice", email="anne@reseau.example")


@pytest.fixture
def animator_client(client, animator):
    client.force_login(animator)
    return client


@pytest.fixture
def version(db):
    sync_shipped_packs()
    return latest_version()


@pytest.fixture
def scored(network, version):
    """Six members with submitted assessments of varied quality: the first
    three share their results with the network, the others do not."""

    def make(name, seed, shares):
        organisation = make_organisation(network, name=name)
        admin = make_member(
            organisation, OrgRole.ADMIN, full_name=f"Admin {name}", email=f"admin@{seed}.example"
        )
        make_member(
            organisation,
            OrgRole.CONTRIBUTOR,
            full_name=f"Contrib {name}",
            email=f"contrib@{seed}.example",
        )
        submit_assessment(organisation, version, seed)
        if shares:
            Sharing.objects.create(organisation=organisation, shared_by=admin)
        return organisation

    return [
        make("Alpha", 1, True),
        make("Bravo", 2, True),
        make("Charlie", 3, True),
        make("Delta", 4, False),
        make("Echo", 5, False),
        make("Foxtrot", 6, False),
    ]
