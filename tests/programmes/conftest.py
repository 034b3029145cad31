import pytest

from levier.accounts.models import NetworkRole
from tests.factories import make_network_staff


@pytest.fixture
def animator(network):
    return make_network_staff(network, NetworkRole.Role.ANIMATOR, full_name="Anne Animatrice")
