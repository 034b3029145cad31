import pytest
from django.urls import reverse

from levier.accounts.models import Organisation
from tests.factories import make_network_staff, make_organisation

pytestmark = pytest.mark.django_db

VALID = {
    "name": "Scierie du Vallon",
    "siren": "732 829 320",
    "legal_form": "sas",
    "headcount": "72",
    "naf_code": "1610a",
    "region": "84",
    "is_ess": "on",
}


@pytest.fixture
def animator_client(client, network):
    client.force_login(make_network_staff(network))
    return client


def test_an_animator_adds_an_organisation(animator_client, network):
    response = animator_client.post(reverse("organisation_create", args=[network.slug]), VALID)

    organisation = Organisation.objects.get(name="Scierie du Vallon")
    assert response["Location"] == reverse("invite", args=[organisation.slug])
    assert organisation.network == network
    assert organisation.siren == "732829320"
    assert organisation.naf_code == "16.10A"
    assert organisation.naf_section == "C"
    assert organisation.size_band == "medium"
    assert organisation.is_ess and not organisation.is_mission


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("siren", "732829321", "SIREN"),
        ("naf_code", "99.99Q", "NAF"),
        ("headcount", "0", "headcount"),
        ("region", "42", "region"),
    ],
)
def test_bad_input_is_refused_and_what_was_typed_is_kept(
    animator_client, network, field, value, message
):
    response = animator_client.post(
        reverse("organisation_create", args=[network.slug]),
        {**VALID, field: value},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert 'value="Scierie du Vallon"' in response.content.decode()
    assert not Organisation.objects.exists()


def test_the_same_siren_twice_in_a_network_is_refused(animator_client, network):
    make_organisation(network, siren="732829320")

    response = animator_client.post(reverse("organisation_create", args=[network.slug]), VALID)

    assert response.status_code == 200
    assert Organisation.objects.count() == 1


@pytest.mark.parametrize(
    ("headcount", "band"),
    [
        (1, "micro"),
        (9, "micro"),
        (10, "small"),
        (49, "small"),
        (50, "medium"),
        (249, "medium"),
        (250, "large"),
        (5000, "large"),
    ],
)
def test_size_band_follows_the_eu_thresholds(network, headcount, band):
    organisation = make_organisation(network, headcount=headcount)
    assert Organisation.objects.get(pk=organisation.pk).size_band == band
    assert organisation.size_band == band


def test_the_size_band_follows_a_new_headcount(network):
    organisation = make_organisation(network, headcount=8)
    organisation.headcount = 300
    organisation.save()
    assert organisation.size_band == "large"


def test_the_profile_page_shows_the_naf_label_and_people(
    org_admin_client, organisation, org_admin
):
    page = org_admin_client.get(reverse("organisation_detail", args=[organisation.slug]))

    html = page.content.decode()
    assert "Programmation informatique" in html
    assert "Petite (10 à 49 personnes)" in html
    assert org_admin.full_name in html


def test_an_admin_edits_the_profile(org_admin_client, organisation):
    response = org_admin_client.post(
        reverse("organisation_edit", args=[organisation.slug]),
        {**VALID, "name": "Atelier Alpha", "headcount": "260"},
    )

    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.size_band == "large"


def test_the_member_list_filters(animator_client, network):
    make_organisation(network, name="Petite Boîte", headcount=4, naf_code="10.71C", region="53")
    make_organisation(network, name="Grande Maison", headcount=400, naf_code="62.01Z")
    url = reverse("network_organisations", args=[network.slug])

    small = animator_client.get(url, {"size_band": "micro"}).context["organisations"]
    sector = animator_client.get(url, {"naf_section": "J"}).context["organisations"]
    search = animator_client.get(url, {"q": "grande"}).context["organisations"]

    assert [o.name for o in small] == ["Petite Boîte"]
    assert [o.name for o in sector] == ["Grande Maison"]
    assert [o.name for o in search] == ["Grande Maison"]


def test_the_member_list_uses_a_constant_number_of_queries(
    animator_client, network, django_assert_max_num_queries
):
    url = reverse("network_organisations", args=[network.slug])
    for _ in range(3):
        make_organisation(network)
    with django_assert_max_num_queries(12) as few:
        animator_client.get(url)
    for _ in range(30):
        make_organisation(network)
    with django_assert_max_num_queries(len(few.captured_queries)):
        animator_client.get(url)
