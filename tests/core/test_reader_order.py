"""Lists of names in the order a reader expects, whatever the database: the
accents and the case do not send "Écopôle" after "Zèbre"; and sector names in
the page's language."""

from html import escape

import pytest
from django.urls import reverse

from levier.accounts import naf
from levier.accounts.models import NetworkRole
from levier.lib.collation import ReadingOrder, reading_key
from tests.factories import make_network_staff, make_organisation

pytestmark = pytest.mark.django_db

NAMES = ["Zèbre Conseil", "Écopôle", "Eco Bois", "Fermes du Nord", "atelier Vert", "Élan"]


def test_names_sort_without_regard_to_accents_and_case(network):
    for name in NAMES:
        make_organisation(network, name=name)

    ordered = list(
        network.organisations.order_by(ReadingOrder("name"), "pk").values_list("name", flat=True)
    )

    assert ordered == sorted(NAMES, key=reading_key)
    assert (
        ordered.index("Écopôle") < ordered.index("Fermes du Nord") < ordered.index("Zèbre Conseil")
    )
    assert ordered[0] == "atelier Vert"


def test_the_dashboard_and_the_members_list_use_that_order(client, network):
    for name in NAMES:
        make_organisation(network, name=name)
    client.force_login(make_network_staff(network, NetworkRole.Role.ANIMATOR))

    dashboard = client.get(reverse("network_dashboard", args=[network.slug]))
    members = client.get(reverse("network_organisations", args=[network.slug]))

    expected = sorted(NAMES, key=reading_key)
    assert [o.name for o in dashboard.context["members"]] == expected
    assert [o.name for o in members.context["organisations"]] == expected


def test_an_english_page_lists_the_sectors_in_english(client):
    english = client.get(reverse("practice_list"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    french = client.get(reverse("practice_list"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    for letter, title in naf.SECTION_TITLES_EN.items():
        assert escape(f"{letter} · {title}") + "</option>" in english
        assert escape(f"{letter} · {naf.section_title(letter, 'fr')}") + "</option>" in french
    assert naf.section_title("C", "fr") not in english
