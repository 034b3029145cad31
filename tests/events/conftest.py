import pytest

from levier.accounts.models import NetworkRole, OrgRole
from tests.factories import make_member, make_network_staff


@pytest.fixture
def member(organisation):
    return make_member(organisation, OrgRole.CONTRIBUTOR, full_name="Marie Membre")


@pytest.fixture
def colleague(organisation):
    return make_member(organisation, OrgRole.VIEWER, full_name="Paul Collègue")


@pytest.fixture
def animator(network):
    return make_network_staff(network, NetworkRole.Role.ANIMATOR, full_name="Anne Animatrice")
