import pytest

from levier.accounts.models import NetworkRole
from levier.membership.models import JoinPage
from tests.factories import make_network_staff


@pytest.fixture
def join_page(network):
    return JoinPage.objects.create(network=network, is_open=True, welcome="Bienvenue.")


@pytest.fixture
def animator(network):
    return make_network_staff(network, NetworkRole.Role.ANIMATOR, full_name="Anne Animatrice")


@pytest.fixture
def network_admin(network):
    return make_network_staff(
        network, NetworkRole.Role.NETWORK_ADMIN, full_name="Nadia Administratrice"
    )


PROSPECT = {
    "company_name": "Brasserie du Canal",
    "siren": "732 829 320",
    "legal_form": "",
    "headcount": "14",
    "naf_code": "11.05Z",
    "region": "32",
    "website": "https://brasserie.example.org",
    "contact_name": "Lucie Brasseur",
    "contact_job": "Gérante",
    "contact_email": "lucie@brasserie.example.org",
    "motivation": "Nous voulons structurer notre démarche RSE.",
    "consent": "on",
}
