"""The factors' pages: search and filters, the picker fragment, a factor's
page; a network's imports only for its people."""

import pytest
from django.test import Client
from django.urls import reverse

from levier.carbon.models import EmissionFactor
from tests.carbon.factories import make_factor
from tests.factories import make_member, make_network, make_organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def member_client(organisation):
    client = Client()
    client.force_login(make_member(organisation, "viewer"))
    return client


def names(response):
    return {f.name_fr for f in response.context["page"].object_list}


def test_search_by_words_category_and_identifier(member_client):
    gas = make_factor(
        name_fr="Gaz naturel", unit="kWh_PCS", posts=("fuel_buildings",), source_id="26627"
    )
    train = make_factor(
        name_fr="Train",
        name_en="Train",
        unit="passenger_km",
        posts=("business_travel",),
        category="Transport de personnes",
    )
    url = reverse("carbon_factors")

    assert names(member_client.get(url, {"q": "gaz"})) == {gas.name_fr}
    assert names(member_client.get(url, {"q": "26627"})) == {gas.name_fr}
    assert names(member_client.get(url, {"q": "personnes"})) == {train.name_fr}
    assert names(member_client.get(url, {"post": "business_travel"})) >= {train.name_fr}
    assert gas.name_fr not in names(member_client.get(url, {"post": "business_travel"}))
    assert names(member_client.get(url, {"unit": "kWh_PCS"})) == {gas.name_fr}


def test_a_factor_shows_its_source_identifier_version_and_uncertainty(member_client):
    factor = make_factor(
        name_fr="Fioul",
        value=2.68,
        unit="L",
        uncertainty=5,
        source_id="14087",
        source_version="20.2",
        valid_until="Dec-17",
    )
    for url in (reverse("carbon_factors"), reverse("carbon_factor", args=[factor.pk])):
        page = member_client.get(url).content.decode()
        assert all(text in page for text in ("Fioul", "2,68", "14087", "20.2", "5"))
        assert "Valable jusqu’à" in page and "décembre 2017" in page and "Dec-17" not in page


@pytest.mark.parametrize(
    "language, stored, shown",
    [
        ("fr", "Sep-20", "septembre 2020"),
        ("en", "Sep-20", "September 2020"),
        ("fr", "31-Mar-21", "31 mars 2021"),
        ("fr", "déc.-18", "décembre 2018"),
        ("fr", "20/12/2023", "20 décembre 2023"),
        ("en", "3 ans", "3 ans"),  # not a date: as the source writes it
        ("fr", "31/02/2021", "31/02/2021"),
    ],
)
def test_a_factors_validity_is_an_end_date_in_the_readers_words(
    member_client, language, stored, shown
):
    factor = make_factor(name_fr="Fioul", valid_until=stored)
    member_client.cookies["django_language"] = language
    label = {"fr": "Valable jusqu’à", "en": "Valid until"}[language]
    for url in (reverse("carbon_factors"), reverse("carbon_factor", args=[factor.pk])):
        page = member_client.get(url).content.decode()
        assert f"<dt>{label}</dt><dd>{shown}" in page, url


def test_a_validity_that_has_passed_says_the_factor_is_still_used(member_client):
    old = make_factor(name_fr="Ancien", valid_until="Dec-17")
    recent = make_factor(name_fr="Récent", valid_until="Dec-99")

    for factor, said in ((old, True), (recent, False)):
        page = member_client.get(reverse("carbon_factor", args=[factor.pk])).content.decode()
        assert ("le facteur reste utilisé" in page) is said


def test_superseded_factors_leave_the_list_and_point_to_the_newer(member_client):
    newer = make_factor(name_fr="Électricité", value=0.05)
    older = make_factor(name_fr="Électricité", value=0.06, superseded_by=newer)

    listed = member_client.get(reverse("carbon_factors"))
    page = member_client.get(reverse("carbon_factor", args=[older.pk])).content.decode()

    assert [f.pk for f in listed.context["page"].object_list if f.name_fr == "Électricité"] == [
        newer.pk
    ]
    assert reverse("carbon_factor", args=[newer.pk]) in page


def test_another_networks_factor_is_not_found_and_its_own_is(member_client, organisation):
    foreign = make_factor(network=make_network(), name_fr="Facteur étranger")
    own = make_factor(network=organisation.network, name_fr="Facteur du réseau")

    assert member_client.get(reverse("carbon_factor", args=[foreign.pk])).status_code == 404
    assert member_client.get(reverse("carbon_factor", args=[own.pk])).status_code == 200
    listed = names(member_client.get(reverse("carbon_factors"), {"q": "facteur"}))
    assert "Facteur du réseau" in listed and "Facteur étranger" not in listed


def pick(client, **parameters):
    response = client.get(reverse("carbon_factor_pick"), parameters, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    return response.content.decode()


def test_the_picker_offers_a_button_per_factor_of_the_category_and_words(member_client):
    tgv = make_factor(name_fr="Train TGV", unit="passenger_km", posts=("business_travel",))
    make_factor(name_fr="Train de marchandises", unit="t_km", posts=("freight_in",))
    make_factor(name_fr="Avion court-courrier", unit="passenger_km", posts=("business_travel",))

    page = pick(member_client, q="train", post="business_travel")

    assert f'data-factor="{tgv.pk}"' in page and "Train TGV" in page
    assert 'type="button"' in page and f"{tgv.source_id}" in page
    assert "marchandises" not in page  # another category
    assert "Avion" not in page  # other words
    assert "<html" not in page


def test_the_picker_shows_nothing_before_words_and_says_when_none_match(member_client):
    make_factor(name_fr="Train TGV", posts=("business_travel",))

    assert "data-factor" not in pick(member_client, post="business_travel")
    assert "Aucun facteur ne correspond" in pick(member_client, q="zeppelin")


def test_the_picker_offers_a_networks_factor_to_its_members_only(organisation):
    own = make_factor(network=organisation.network, name_fr="Train du réseau", posts=())
    other_network = make_network()
    foreign = make_factor(network=other_network, name_fr="Train étranger", posts=())
    ours, theirs = Client(), Client()
    ours.force_login(make_member(organisation, "viewer"))
    theirs.force_login(make_member(make_organisation(network=other_network), "viewer"))

    page = pick(ours, q="train", post="business_travel")
    assert f'data-factor="{own.pk}"' in page and f'data-factor="{foreign.pk}"' not in page
    page = pick(theirs, q="train", post="business_travel")
    assert f'data-factor="{foreign.pk}"' in page and f'data-factor="{own.pk}"' not in page


def test_the_list_answers_htmx_with_its_results_only(member_client):
    make_factor(name_fr="Propane")
    response = member_client.get(
        reverse("carbon_factors"), {"q": "propane"}, HTTP_HX_REQUEST="true"
    )
    assert "Propane" in response.content.decode() and "<html" not in response.content.decode()


def test_a_search_too_long_is_said_next_to_the_field_never_a_500(member_client):
    response = member_client.get(reverse("carbon_factors"), {"q": "x" * 500})
    assert response.status_code == 200
    assert response.context["form"].errors["q"]


def test_queries_do_not_grow_with_the_factors(member_client, django_assert_max_num_queries):
    def load():
        with django_assert_max_num_queries(12):
            assert member_client.get(reverse("carbon_factors")).status_code == 200
        with django_assert_max_num_queries(12):
            assert member_client.get(reverse("carbon_factor_pick")).status_code == 200

    network = make_network()
    for _ in range(3):
        make_factor(network=network)
    load()
    for _ in range(40):
        make_factor()
    load()


def test_anonymous_people_are_sent_to_sign_in(client):
    assert client.get(reverse("carbon_factors")).status_code == 302
    assert EmissionFactor.objects.count() == 0


def test_each_filter_keeps_its_label_and_its_field_in_one_cell_of_the_grid(member_client):
    from bs4 import BeautifulSoup

    page = BeautifulSoup(member_client.get(reverse("carbon_factors")).content, "html.parser")
    filters = page.select_one("form.filters")
    cells = filters.find_all(recursive=False)
    assert all(cell.name == "div" for cell in cells)
    for name in ("q", "post", "unit", "source"):
        field = filters.find(attrs={"name": name})
        label = filters.find("label", attrs={"for": field["id"]})
        (cell,) = [c for c in cells if field in c.descendants]
        assert label in cell.descendants, name


def test_the_filters_say_all_in_the_feminine_in_french(member_client):
    form = member_client.get(reverse("carbon_factors")).context["form"]

    for name in ("post", "unit", "source"):
        assert form.fields[name].choices[0] == ("", "Toutes")
