"""The inventory pages: the list, a new inventory, the entry page and its
lines (add, edit, delete, checks), settings, lock."""

import json

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from levier.accounts.models import NetworkRole, OrgRole
from levier.carbon import labels, services
from levier.carbon.forms import LARGE_ABOVE
from levier.carbon.models import (
    QUANTITY_MAX,
    CommutingSurvey,
    FactorSource,
    Inventory,
    InventoryLine,
)
from tests.carbon.factories import make_factor, make_inventory, make_line
from tests.factories import make_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def inventory(organisation):
    return make_inventory(organisation, year=2024, headcount=12)


@pytest.fixture
def fuel(db):
    """A factor per litre for the vehicles' fuel."""
    return make_factor(value=2.5, unit="L", posts=("fuel_vehicles",), name_en="Diesel")


@pytest.fixture
def contributor(organisation):
    return make_member(organisation, OrgRole.CONTRIBUTOR)


@pytest.fixture
def contributor_client(client, contributor):
    client.force_login(contributor)
    return client


@pytest.fixture
def viewer_client(client, organisation):
    client.force_login(make_member(organisation, OrgRole.VIEWER))
    return client


def url(name, inventory, *args):
    return reverse(name, args=[inventory.organisation.slug, inventory.pk, *args])


def line_data(factor, **fields):
    data = {
        "post": "fuel_vehicles",
        "label": "Diesel of the vans",
        "quantity": "1200",
        "unit": factor.unit,
        "factor": factor.pk,
        "data_quality": "measured",
        "comment": "",
    }
    data.update(fields)
    return data


# The list and a new inventory -----------------------------------------------------


def test_the_empty_list_explains_and_offers_a_first_inventory(contributor_client, organisation):
    page = contributor_client.get(reverse("carbon_inventories", args=[organisation.slug]))

    assert page.status_code == 200
    text = page.content.decode()
    assert "Aucun bilan pour l’instant" in text
    assert reverse("carbon_inventory_new", args=[organisation.slug]) in text


def test_the_list_shows_each_inventory_with_its_total(
    contributor_client, organisation, inventory, fuel
):
    make_line(inventory, post="fuel_vehicles", quantity=2000, factor=fuel)
    with translation.override("en"):
        expected_tonnes = labels.tonnes_text(2000 * fuel.value)

    page = contributor_client.get(
        reverse("carbon_inventories", args=[organisation.slug]), HTTP_ACCEPT_LANGUAGE="en"
    )

    text = page.content.decode()
    assert url("carbon_inventory", inventory) in text
    assert f"{expected_tonnes}<br>" in text


def test_a_viewer_reads_the_list_without_the_new_button(viewer_client, organisation, inventory):
    page = viewer_client.get(reverse("carbon_inventories", args=[organisation.slug]))

    assert page.status_code == 200
    assert reverse("carbon_inventory_new", args=[organisation.slug]) not in page.content.decode()


def test_a_new_inventory_defaults_to_last_year_and_the_organisation_headcount(
    contributor_client, organisation
):
    page = contributor_client.get(reverse("carbon_inventory_new", args=[organisation.slug]))

    form = page.context["form"]
    assert form["year"].value() == timezone.localdate().year - 1
    assert form["headcount"].value() == organisation.headcount


def test_a_new_inventory_defaults_to_the_first_year_without_one(contributor_client, organisation):
    last_year = timezone.localdate().year - 1
    for year in (last_year, last_year + 1):
        make_inventory(organisation, year=year)

    page = contributor_client.get(reverse("carbon_inventory_new", args=[organisation.slug]))

    assert page.context["form"]["year"].value() == last_year + 2


def test_a_contributor_creates_an_inventory(contributor_client, organisation, contributor):
    response = contributor_client.post(
        reverse("carbon_inventory_new", args=[organisation.slug]),
        {"year": "2023", "site": "", "headcount": "15", "revenue_keur": "1 250,5"},
    )

    inventory = Inventory.objects.get(organisation=organisation, year=2023)
    assert response.status_code == 302
    assert response["Location"] == url("carbon_inventory", inventory)
    assert (inventory.headcount, inventory.revenue_keur) == (15, 1250.5)
    assert inventory.created_by == contributor


def test_the_same_year_and_site_twice_is_refused_with_a_message(
    contributor_client, organisation, inventory
):
    response = contributor_client.post(
        reverse("carbon_inventory_new", args=[organisation.slug]),
        {"year": str(inventory.year), "site": "", "headcount": "3"},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 400
    assert "There is already an inventory of 2024" in response.content.decode()
    assert Inventory.objects.filter(organisation=organisation).count() == 1
    # Another site of the same year is another inventory.
    other_site = contributor_client.post(
        reverse("carbon_inventory_new", args=[organisation.slug]),
        {"year": str(inventory.year), "site": "Lyon"},
    )
    assert other_site.status_code == 302


def test_a_new_inventory_can_start_from_last_years_lines(
    contributor_client, organisation, inventory, fuel
):
    kept = make_line(inventory, post="fuel_vehicles", quantity=800, factor=fuel, comment="Cards")
    newer = make_factor(value=2.6, unit="L", posts=("fuel_vehicles",))
    fuel.superseded_by = newer
    fuel.save()
    make_line(inventory, post="commuting", quantity=5000, unit="km", from_survey=True)

    response = contributor_client.post(
        reverse("carbon_inventory_new", args=[organisation.slug]),
        {"year": str(inventory.year + 1), "copy_previous": "on"},
    )

    new = Inventory.objects.get(organisation=organisation, year=inventory.year + 1)
    assert response.status_code == 302
    (copy,) = new.lines.all()  # the survey's line is not copied
    assert (copy.label, copy.quantity, copy.unit, copy.comment) == (
        kept.label,
        kept.quantity,
        kept.unit,
        kept.comment,
    )
    assert copy.factor == newer  # the factor's current version
    assert copy.copied_from_year == inventory.year
    page = contributor_client.get(url("carbon_inventory", new)).content.decode()
    assert f"Copiée de {inventory.year}" in page


# The entry page -----------------------------------------------------------------


def test_the_entry_page_shows_lines_by_category_with_subtotals(
    contributor_client, inventory, fuel
):
    electricity = make_factor(value=0.05, unit="kWh", posts=("electricity",))
    make_line(inventory, post="fuel_vehicles", quantity=100, factor=fuel, label="Van A")
    make_line(inventory, post="fuel_vehicles", quantity=300, factor=fuel, label="Van B")
    make_line(inventory, post="electricity", quantity=20000, factor=electricity)

    page = contributor_client.get(url("carbon_inventory", inventory), HTTP_ACCEPT_LANGUAGE="en")

    text = page.content.decode()
    sections = {section.code: section for section in page.context["sections"]}
    assert sections["fuel_vehicles"].tonnes == pytest.approx(400 * fuel.value / 1000)
    assert sections["electricity"].tonnes == pytest.approx(20000 * electricity.value / 1000)
    assert page.context["tonnes"] == pytest.approx((400 * fuel.value + 20000 * 0.05) / 1000)
    assert "Van A" in text and "Van B" in text
    assert fuel.source_id in text
    assert url("carbon_results", inventory) in text
    assert url("carbon_survey", inventory) in text


def test_the_queries_of_the_entry_page_do_not_grow_with_its_lines(
    contributor_client, inventory, fuel, django_assert_max_num_queries
):
    def count(lines):
        for n in range(lines):
            make_line(inventory, post="fuel_vehicles", quantity=n + 1, factor=fuel)
        with django_assert_max_num_queries(20) as captured:
            assert contributor_client.get(url("carbon_inventory", inventory)).status_code == 200
        return len(captured)

    few = count(2)
    many = count(40)
    assert many == few


def test_the_queries_of_the_list_do_not_grow_with_inventories_and_lines(
    contributor_client, organisation, fuel, django_assert_max_num_queries
):
    def count(years):
        for year in years:
            inventory = make_inventory(organisation, year=year)
            for n in range(5):
                make_line(inventory, post="fuel_vehicles", quantity=n + 1, factor=fuel)
        with django_assert_max_num_queries(20) as captured:
            page = contributor_client.get(reverse("carbon_inventories", args=[organisation.slug]))
            assert page.status_code == 200
        return len(captured)

    assert count([2020]) == count([2021, 2022, 2023, 2024])


def test_the_line_form_offers_the_factors_of_the_category_and_their_units(
    contributor_client, inventory, fuel
):
    unrelated = make_factor(value=1, unit="t", posts=("waste",), name_fr="Déchets mêlés")

    page = contributor_client.get(url("carbon_line_new", inventory) + "?post=fuel_vehicles")

    factor_field = page.context["form"]["factor"]
    offered = [
        str(value) for _group, options in factor_field.field.choices[1:] for value, _l in options
    ]
    assert str(fuel.pk) in offered and str(unrelated.pk) not in offered
    # Once a factor per litre is chosen, only volumes are offered.
    refreshed = contributor_client.get(
        url("carbon_line_new", inventory) + f"?post=fuel_vehicles&factor={fuel.pk}",
        HTTP_HX_REQUEST="true",
    )
    units = [code for code, _label in refreshed.context["form"].fields["unit"].widget.choices]
    assert set(units) == {"L", "m3"}
    assert not refreshed.context["form"].errors


def test_a_category_no_factor_suits_says_so_instead_of_a_form_that_can_only_fail(
    contributor_client, inventory, fuel
):
    new_line = url("carbon_line_new", inventory) + "?post=purchased_services"

    for headers in ({}, {"HTTP_HX_REQUEST": "true"}):
        answer = contributor_client.get(new_line, **headers)
        text = answer.content.decode()
        assert answer.status_code == 200
        assert "form" not in answer.context
        assert 'name="factor"' not in text and "Enregistrer la ligne" not in text
        assert "Levier ne fournit pas encore de facteur d’émission pour cette catégorie" in text
        assert "peut rester vide" in text
        # Only the network's administrators get the import page.
        assert "/factors/import/" not in text
    page = contributor_client.get(url("carbon_inventory", inventory)).content.decode()
    assert new_line not in page
    assert url("carbon_line_new", inventory) + "?post=fuel_vehicles" in page
    assert "Base Empreinte" in page


def test_a_network_administrator_is_shown_where_to_import_factors(inventory, client):
    network = inventory.organisation.network
    admin = make_member(inventory.organisation, OrgRole.ADMIN)
    NetworkRole.objects.create(user=admin, network=network, role=NetworkRole.Role.NETWORK_ADMIN)
    client.force_login(admin)

    answer = client.get(url("carbon_line_new", inventory) + "?post=purchased_services")

    assert reverse("carbon_factor_import", args=[network.slug]) in answer.content.decode()


def test_a_factor_for_every_category_opens_the_form_everywhere(contributor_client, inventory):
    make_factor(value=0.3, unit="kEUR", posts=())

    answer = contributor_client.get(url("carbon_line_new", inventory) + "?post=purchased_services")

    assert "form" in answer.context


def test_the_purchases_help_promises_spend_only_with_imported_factors():
    with translation.override("en"):
        for post in ("purchased_goods", "purchased_services"):
            assert "your network can import" in str(labels.post_help(post))
    with translation.override("fr"):
        assert "sinon en dépenses" not in str(labels.post_help("purchased_goods"))


# Lines: who, what is refused ------------------------------------------------------


def test_a_viewer_cannot_add_edit_or_delete_a_line(viewer_client, inventory, fuel):
    line = make_line(inventory, post="fuel_vehicles", quantity=10, factor=fuel)

    page = viewer_client.get(url("carbon_inventory", inventory)).content.decode()
    assert url("carbon_line", inventory, line.pk) not in page
    assert (
        viewer_client.post(url("carbon_line_new", inventory), line_data(fuel)).status_code == 404
    )
    assert (
        viewer_client.post(url("carbon_line", inventory, line.pk), line_data(fuel)).status_code
        == 404
    )
    assert viewer_client.post(url("carbon_line_delete", inventory, line.pk)).status_code == 404
    line.refresh_from_db()
    assert (line.quantity, inventory.lines.count()) == (10, 1)


def test_a_contributor_adds_a_line(contributor_client, inventory, fuel, contributor):
    response = contributor_client.post(url("carbon_line_new", inventory), line_data(fuel))

    line = inventory.lines.get()
    assert response.status_code == 302
    assert response["Location"] == url("carbon_inventory", inventory) + "#post-fuel_vehicles"
    assert (line.post, line.quantity, line.unit, line.factor) == ("fuel_vehicles", 1200, "L", fuel)
    assert line.created_by == contributor
    assert services.footprint(inventory).total.kg == pytest.approx(1200 * fuel.value)


def test_adding_with_htmx_answers_the_category_and_the_total(contributor_client, inventory, fuel):
    response = contributor_client.post(
        url("carbon_line_new", inventory), line_data(fuel, quantity="40"), HTTP_HX_REQUEST="true"
    )

    text = response.content.decode()
    assert response.status_code == 200
    assert response["HX-Retarget"] == "#post-fuel_vehicles"
    assert 'id="inventory-total"' in text and 'hx-swap-oob="true"' in text
    assert "Diesel of the vans" in text


def test_a_contributor_edits_a_line(contributor_client, inventory, fuel, contributor):
    line = make_line(inventory, post="fuel_vehicles", quantity=10, factor=fuel)

    response = contributor_client.post(
        url("carbon_line", inventory, line.pk),
        line_data(fuel, quantity="25,5", label="Vans", version=line.version),
    )

    assert response.status_code == 302
    line.refresh_from_db()
    assert (line.label, line.quantity, line.version) == ("Vans", 25.5, 2)
    assert line.updated_by == contributor


def test_a_contributor_deletes_a_line(contributor_client, inventory, fuel):
    line = make_line(inventory, post="fuel_vehicles", quantity=10, factor=fuel)

    response = contributor_client.post(url("carbon_line_delete", inventory, line.pk))

    assert response.status_code == 302
    assert not InventoryLine.objects.filter(pk=line.pk).exists()


def test_a_unit_the_factor_cannot_take_is_refused_with_the_conversion_tried(
    contributor_client, inventory, fuel
):
    response = contributor_client.post(
        url("carbon_line_new", inventory),
        line_data(fuel, unit="kWh_PCS", quantity="5000"),
        HTTP_ACCEPT_LANGUAGE="en",
    )

    text = response.content.decode()
    assert response.status_code == 400
    assert "kWh PCS cannot be converted to L, the unit of the chosen factor" in text
    assert "pick a factor per kWh PCS" in text
    assert 'value="5000"' in text  # what was typed is kept
    assert not inventory.lines.exists()


def test_a_unit_the_factor_converts_is_accepted(contributor_client, inventory, fuel):
    contributor_client.post(
        url("carbon_line_new", inventory), line_data(fuel, unit="m3", quantity="2")
    )

    line = inventory.lines.get()
    assert services.footprint(inventory).total.kg == pytest.approx(2 * 1000 * fuel.value)
    assert line.unit == "m3"


@pytest.mark.parametrize("quantity", ["-5", str(QUANTITY_MAX * 10)])
def test_negative_and_impossible_quantities_are_refused(
    contributor_client, inventory, fuel, quantity
):
    response = contributor_client.post(
        url("carbon_line_new", inventory),
        line_data(fuel, quantity=quantity, confirm_large="on"),
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 400
    assert "Give a number between 0 and" in response.content.decode()
    assert not inventory.lines.exists()


def test_a_very_large_quantity_asks_for_confirmation_then_is_kept(
    contributor_client, inventory, fuel
):
    large = LARGE_ABOVE["L"] * 2
    data = line_data(fuel, quantity=str(int(large)))

    first = contributor_client.post(
        url("carbon_line_new", inventory), data, HTTP_ACCEPT_LANGUAGE="en"
    )

    assert first.status_code == 400
    assert "is a great deal" in first.content.decode()
    assert 'name="confirm_large"' in first.content.decode()
    assert not inventory.lines.exists()

    second = contributor_client.post(
        url("carbon_line_new", inventory), {**data, "confirm_large": "on"}
    )
    assert second.status_code == 302
    assert inventory.lines.get().quantity == large


def test_fixed_assets_ask_for_years_of_use(contributor_client, inventory):
    laptop = make_factor(value=250, unit="item", posts=("fixed_assets",))
    make_factor(posts=("electricity",))
    data = line_data(laptop, post="fixed_assets", label="Laptops", quantity="8")

    form_page = contributor_client.get(url("carbon_line_new", inventory) + "?post=fixed_assets")
    assert "amortisation_years" in form_page.context["form"].fields
    other = contributor_client.get(url("carbon_line_new", inventory) + "?post=electricity")
    assert "amortisation_years" not in other.context["form"].fields

    contributor_client.post(url("carbon_line_new", inventory), {**data, "amortisation_years": "4"})

    line = inventory.lines.get()
    assert line.amortisation_years == 4
    assert services.footprint(inventory).total.kg == pytest.approx(8 * laptop.value / 4)


def test_a_stale_edit_is_refused_and_shows_both_versions(contributor_client, inventory, fuel):
    line = make_line(inventory, post="fuel_vehicles", quantity=10, factor=fuel, label="Vans")
    opened_at = line.version
    colleague = make_member(inventory.organisation, OrgRole.CONTRIBUTOR, full_name="Camille")
    InventoryLine.objects.filter(pk=line.pk).update(
        quantity=99, version=opened_at + 1, updated_by=colleague
    )

    response = contributor_client.post(
        url("carbon_line", inventory, line.pk),
        line_data(fuel, quantity="12", label="My vans", version=opened_at),
        HTTP_ACCEPT_LANGUAGE="en",
    )

    text = response.content.decode()
    assert response.status_code == 409
    assert "Camille changed this line while you were editing it" in text
    assert "Their version:" in text and "99" in text
    assert 'value="My vans"' in text and 'value="12"' in text  # nothing lost
    line.refresh_from_db()
    assert (line.quantity, line.label) == (99, "Vans")
    # Saving again, from the version shown, keeps theirs out.
    again = contributor_client.post(
        url("carbon_line", inventory, line.pk),
        line_data(fuel, quantity="12", label="My vans", version=opened_at + 1),
    )
    assert again.status_code == 302
    line.refresh_from_db()
    assert (line.quantity, line.label) == (12, "My vans")


def test_survey_lines_are_not_edited_here(contributor_client, inventory):
    line = make_line(inventory, post="commuting", quantity=5000, unit="km", from_survey=True)

    page = contributor_client.get(url("carbon_inventory", inventory)).content.decode()
    response = contributor_client.post(
        url("carbon_line", inventory, line.pk),
        line_data(line.factor, post="commuting", quantity="1", version=line.version),
    )

    assert url("carbon_line", inventory, line.pk) not in page
    assert "enquête domicile-travail" in page
    assert response.status_code == 302
    assert (
        contributor_client.post(url("carbon_line_delete", inventory, line.pk)).status_code == 302
    )
    line.refresh_from_db()
    assert line.quantity == 5000


def test_a_locked_inventory_refuses_every_change(client, organisation, inventory, fuel):
    admin = make_member(organisation, OrgRole.ADMIN)
    client.force_login(admin)
    line = make_line(inventory, post="fuel_vehicles", quantity=10, factor=fuel)

    assert client.post(url("carbon_inventory_lock", inventory), {"lock": "1"}).status_code == 302
    inventory.refresh_from_db()
    assert inventory.is_locked and inventory.locked_by == admin

    client.post(url("carbon_line_new", inventory), line_data(fuel))
    client.post(url("carbon_line", inventory, line.pk), line_data(fuel, version=line.version))
    client.post(url("carbon_line_delete", inventory, line.pk))
    client.post(url("carbon_inventory_settings", inventory), {"year": "2019"})
    line.refresh_from_db()
    inventory.refresh_from_db()
    assert (inventory.lines.count(), line.quantity, inventory.year) == (1, 10, 2024)
    page = client.get(url("carbon_inventory", inventory)).content.decode()
    assert url("carbon_line", inventory, line.pk) not in page
    assert "verrouillé" in page

    client.post(url("carbon_inventory_lock", inventory), {"lock": "0"})
    inventory.refresh_from_db()
    assert not inventory.is_locked


def test_a_locked_inventory_without_survey_offers_no_survey_to_start(
    contributor_client, inventory, fuel
):
    make_line(inventory, post="fuel_vehicles", quantity=10, factor=fuel)
    survey = url("carbon_survey", inventory)
    assert survey in contributor_client.get(url("carbon_inventory", inventory)).content.decode()

    inventory.status = Inventory.Status.LOCKED
    inventory.save()

    for page in ("carbon_inventory", "carbon_results"):
        assert survey not in contributor_client.get(url(page, inventory)).content.decode(), page
    CommutingSurvey.objects.create(inventory=inventory)
    for page in ("carbon_inventory", "carbon_results"):
        assert survey in contributor_client.get(url(page, inventory)).content.decode(), page


def test_only_administrators_lock(contributor_client, inventory):
    assert (
        contributor_client.post(url("carbon_inventory_lock", inventory), {"lock": "1"}).status_code
        == 404
    )
    inventory.refresh_from_db()
    assert not inventory.is_locked


def test_settings_are_edited_and_checked(contributor_client, inventory):
    bad = contributor_client.post(
        url("carbon_inventory_settings", inventory),
        {"year": "2024", "target_percent": "140", "target_year": "2030"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert bad.status_code == 400
    assert "Give a number between 0 and 100" in bad.content.decode()

    good = contributor_client.post(
        url("carbon_inventory_settings", inventory),
        {
            "year": "2024",
            "site": "",
            "headcount": "14",
            "revenue_keur": "900",
            "target_percent": "40",
            "target_year": "2030",
            "notes": "Scope 3 purchases by spend.",
        },
    )
    assert good.status_code == 302
    inventory.refresh_from_db()
    assert (inventory.headcount, inventory.target_percent, inventory.target_year) == (14, 40, 2030)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_pages_render_in_french_and_english(contributor_client, inventory, fuel, language):
    line = make_line(inventory, post="fuel_vehicles", quantity=10, factor=fuel)
    expected = {
        "fr": "Fuites de fluides frigorigènes",
        "en": "Refrigerant leaks (air conditioning, cold rooms)",
    }[language]
    contributor_client.cookies["django_language"] = language
    for address in (
        reverse("carbon_inventories", args=[inventory.organisation.slug]),
        reverse("carbon_inventory_new", args=[inventory.organisation.slug]),
        url("carbon_inventory", inventory),
        url("carbon_inventory_settings", inventory),
        url("carbon_line_new", inventory) + "?post=fuel_vehicles",
        url("carbon_line", inventory, line.pk),
    ):
        response = contributor_client.get(address)
        assert response.status_code == 200, address
        assert f'<html lang="{language}"' in response.content.decode()
    page = contributor_client.get(url("carbon_inventory", inventory)).content.decode()
    assert expected in page


def test_the_organisation_page_links_to_the_carbon_footprint(contributor_client, organisation):
    page = contributor_client.get(reverse("organisation_detail", args=[organisation.slug]))

    assert reverse("carbon_inventories", args=[organisation.slug]) in page.content.decode()


def test_quantities_are_read_and_shown_in_the_readers_format(contributor_client, inventory, fuel):
    contributor_client.post(
        url("carbon_line_new", inventory),
        line_data(fuel, quantity="12,000"),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    contributor_client.post(url("carbon_line_new", inventory), line_data(fuel, quantity="2,5"))

    english, french = inventory.lines.order_by("pk")
    assert (english.quantity, french.quantity) == (12000, 2.5)
    page = contributor_client.get(url("carbon_line", inventory, french.pk)).content.decode()
    assert 'value="2,5"' in page


def test_a_large_figure_confirmed_once_is_not_asked_again(contributor_client, inventory, fuel):
    large = LARGE_ABOVE["L"] * 3
    line = make_line(inventory, post="fuel_vehicles", quantity=large, factor=fuel)

    kept = contributor_client.post(
        url("carbon_line", inventory, line.pk),
        line_data(fuel, quantity=str(int(large)), label="Renamed", version=line.version),
    )
    changed = contributor_client.post(
        url("carbon_line", inventory, line.pk),
        line_data(fuel, quantity=str(int(large * 2)), version=line.version + 1),
    )

    assert kept.status_code == 302
    assert changed.status_code == 400  # a new large figure is asked about again
    line.refresh_from_db()
    assert (line.label, line.quantity) == ("Renamed", large)


def test_the_line_form_has_a_factor_search_box_for_its_category(contributor_client, inventory):
    from bs4 import BeautifulSoup

    make_factor(value=0.003, unit="passenger_km", posts=("business_travel",))
    answer = contributor_client.get(url("carbon_line_new", inventory) + "?post=business_travel")

    form = BeautifulSoup(answer.content, "html.parser").select_one("form.line-form")
    box = form.find("input", attrs={"type": "search"})
    label = form.find("label", attrs={"for": box["id"]})
    results = form.find(id=box["hx-target"].removeprefix("#"))
    assert label.get_text(strip=True) == "Chercher un facteur"
    assert box["hx-get"] == reverse("carbon_factor_pick")
    assert box["hx-trigger"] == "input changed delay:300ms, search"
    assert json.loads(box["hx-vals"]) == {"post": "business_travel"}
    assert results["aria-live"] == "polite"
    # Above the list, which works alone where scripts do not run.
    assert box.find_next("select")["name"] == "factor"
    assert "factor-search.js" in answer.content.decode()


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_factor_list_groups_in_the_readers_language(contributor_client, inventory, language):
    make_factor(
        unit="passenger_km", posts=("business_travel",), category="Transport de personnes > Ferré"
    )
    make_factor(unit="passenger_km", posts=(), category="Transport de personnes > Aérien")
    contributor_client.cookies["django_language"] = language

    with translation.override(language):
        page = contributor_client.get(url("carbon_line_new", inventory) + "?post=business_travel")
        groups = [str(g) for g, _options in page.context["form"].fields["factor"].choices[1:]]
        source = FactorSource.BASE_CARBONE.label
        expected = [str(labels.post_label("business_travel")), str(source)]

    assert groups == expected
    assert (
        expected
        == {
            "en": ["Business travel", "ADEME Base Carbone"],
            "fr": ["Déplacements professionnels", "Base Carbone de l’ADEME"],
        }[language]
    )
    assert "Transport de personnes" not in page.content.decode()
