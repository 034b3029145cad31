"""Members propose, animators review and publish; nobody sees what is not theirs."""

import pytest
from django.urls import reverse

from levier.accounts.models import OrgRole
from levier.practices.models import Adoption, Practice
from tests.factories import make_member, make_network, make_network_staff, make_organisation
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db

PROPOSAL = {
    "title": "Des causeries RSE chaque mois",
    "summary": "Un temps court et ouvert pour parler des sujets RSE avec l'équipe.",
    "steps": "Choisir un créneau\nProposer un sujet\nNoter les idées",
    "effort": "low",
    "cost": "none",
    "themes": ["GOV-PUR"],
    "size_bands": ["micro", "small"],
    "author_named": "on",
}


@pytest.fixture
def author(network):
    return make_member(make_organisation(network, name="Atelier Auteur"), OrgRole.CONTRIBUTOR)


def test_a_member_proposes_and_an_animator_publishes(client, network, author):
    client.force_login(author)
    response = client.post(reverse("practice_propose"), PROPOSAL)
    practice = Practice.objects.get()
    assert response["Location"] == reverse("practice_detail", args=[practice.pk])
    assert practice.status == "draft" and practice.network == network
    client.post(reverse("practice_submit", args=[practice.pk]))
    practice.refresh_from_db()
    assert practice.status == "submitted"

    peer = make_member(make_organisation(network))
    client.force_login(peer)
    assert client.get(reverse("practice_detail", args=[practice.pk])).status_code == 404

    client.force_login(make_network_staff(network))
    client.post(
        reverse("practice_review", args=[network.slug, practice.pk]), {"decision": "publish"}
    )
    practice.refresh_from_db()
    assert practice.status == "published"

    client.force_login(peer)
    page = client.get(reverse("practice_detail", args=[practice.pk])).content.decode()
    assert "Des causeries RSE" in page
    assert "Atelier Auteur" in page  # it agreed to be named


def test_sending_back_needs_a_comment(client, network, author):
    practice = make_practice(
        network,
        title="À revoir",
        status="submitted",
        author_organisation=author.memberships.get().organisation,
    )
    client.force_login(make_network_staff(network))
    url = reverse("practice_review", args=[network.slug, practice.pk])

    client.post(url, {"decision": "send_back", "comment": ""})
    practice.refresh_from_db()
    assert practice.status == "submitted"

    client.post(url, {"decision": "send_back", "comment": "Ajoutez les résultats chiffrés."})
    practice.refresh_from_db()
    assert practice.status == "draft"
    client.force_login(author)
    page = client.get(reverse("practice_detail", args=[practice.pk])).content.decode()
    assert "Ajoutez les résultats chiffrés." in page


def test_another_networks_practices_are_invisible(client, network):
    other = make_network()
    theirs = make_practice(other, title="Pratique d'ailleurs")
    client.force_login(make_member(make_organisation(network)))

    assert client.get(reverse("practice_detail", args=[theirs.pk])).status_code == 404
    listing = client.get(reverse("practice_list")).content.decode()
    assert "Pratique d'ailleurs" not in listing


def test_animators_of_another_network_cannot_review(client, network):
    practice = make_practice(network, title="La nôtre", status="submitted")
    client.force_login(make_network_staff(make_network()))

    response = client.post(
        reverse("practice_review", args=[network.slug, practice.pk]), {"decision": "publish"}
    )

    assert response.status_code == 404
    practice.refresh_from_db()
    assert practice.status == "submitted"


def test_public_practices_are_visible_without_an_account(client, network):
    public = make_practice(network, title="Ouverte à tous", is_public=True)
    private = make_practice(network, title="Réservée au réseau")

    assert client.get(reverse("practice_detail", args=[public.pk])).status_code == 200
    assert client.get(reverse("practice_detail", args=[private.pk])).status_code == 404


def test_viewers_cannot_propose(client, network):
    client.force_login(make_member(make_organisation(network), OrgRole.VIEWER))

    assert client.get(reverse("practice_propose")).status_code == 404


def test_we_do_it_too(client, network):
    organisation = make_organisation(network)
    client.force_login(make_member(organisation, OrgRole.CONTRIBUTOR))
    practice = make_practice(network, title="Charte de télétravail")

    client.post(reverse("practice_adopt", args=[practice.pk]), {"organisation": organisation.pk})
    client.post(reverse("practice_adopt", args=[practice.pk]), {"organisation": organisation.pk})

    assert Adoption.objects.filter(practice=practice, organisation=organisation).count() == 1
    response = client.get(reverse("practice_list"))
    (card,) = response.context["page"].object_list
    assert card.adopters == 1
    assert f'href="{reverse("practice_detail", args=[practice.pk])}"' in response.content.decode()


def test_nobody_adopts_on_behalf_of_another_organisation(client, network):
    stranger = make_organisation(network)
    client.force_login(make_member(make_organisation(network), OrgRole.ADMIN))
    practice = make_practice(network, title="Charte")

    response = client.post(
        reverse("practice_adopt", args=[practice.pk]), {"organisation": stranger.pk}
    )

    assert response.status_code == 404
    assert not Adoption.objects.exists()


def test_filters_and_sorting(client, network):
    client.force_login(make_member(make_organisation(network)))
    make_practice(
        network, title="Petite action", effort="low", themes=["ENV-MOB"], size_bands=["micro"]
    )
    make_practice(
        network, title="Gros chantier", effort="high", themes=["ENV-CLI"], size_bands=["large"]
    )
    url = reverse("practice_list")

    def titles(**params):
        return [p.title for p in client.get(url, params).context["page"]]

    assert titles(effort="low") == ["Petite action"]
    assert titles(theme="ENV-CLI") == ["Gros chantier"]
    assert titles(size_band="micro") == ["Petite action"]
    assert titles(pillar="ENV") == ["Gros chantier", "Petite action"]


def test_the_library_page_queries_do_not_grow(client, network, django_assert_max_num_queries):
    client.force_login(make_member(make_organisation(network)))
    for n in range(3):
        make_practice(network, title=f"Pratique {n}", code=f"p{n}")
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("practice_list"), {"q": "pratique"})
    for n in range(3, 60):
        make_practice(network, title=f"Pratique {n}", code=f"p{n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("practice_list"), {"q": "pratique"})
