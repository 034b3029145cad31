import pytest

from levier.accounts.models import NetworkRole
from levier.programmes import services as programmes
from levier.programmes.models import Application, Programme
from tests.factories import make_network_staff


@pytest.fixture
def animator(network):
    return make_network_staff(network, NetworkRole.Role.ANIMATOR, full_name="Anne Animatrice")


@pytest.fixture
def programme(network):
    return Programme.objects.create(network=network, title="Cap RSE 2027", seats=3, min_actions=2)


def select(programme, organisation):
    application = Application.objects.create(
        programme=programme, organisation=organisation, answer="Oui"
    )
    programmes.decide(application, Application.Status.SELECTED)
    return application
