"""The results page of an inventory: every figure is computed here from the
lines' quantities and factor values written in the test."""

import itertools
import math
import re
from dataclasses import dataclass

import pytest
from django.db import connection
from django.template.defaultfilters import floatformat
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from levier.accounts.models import OrgRole
from levier.carbon import charts, labels
from levier.carbon.models import Inventory, Post
from levier.carbon.services import DATA_UNCERTAINTY
from levier.core.templatetags.levier import signed
from tests.carbon.factories import make_factor, make_inventory, make_line
from tests.factories import make_member, make_organisation

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Spec:
    """A line as written in a test, with what the frames say of its category."""

    post: str
    label: str
    quantity: float
    factor_value: float  # kgCO2e per factor_unit
    factor_unit: str
    factor_uncertainty: float  # %
    quality: str
    scope: int
    beges: str
    unit: str = ""  # the line's unit: the factor's when empty
    to_factor_unit: float = 1.0  # how many factor units one unit of the line makes
    years: int = 1

    @property
    def kg(self) -> float:
        return self.quantity * self.to_factor_unit / self.years * self.factor_value

    @property
    def uncertainty_kg(self) -> float:
        return self.kg * math.hypot(self.factor_uncertainty / 100, DATA_UNCERTAINTY[self.quality])


M, E, X = "measured", "estimated", "extrapolated"

# A small company's year, by hand: scope and BEGES post of each category as
# the GHG Protocol and the BEGES method (v5) place them.
YEAR_LINES = [
    Spec("fuel_buildings", "Gas boiler", 42000, 0.227, "kWh_PCS", 5, M, 1, "1.1"),
    Spec("fuel_vehicles", "Delivery van diesel", 3100, 3.17, "L", 5, M, 1, "1.2"),
    Spec("refrigerants", "Air conditioning top-up", 2, 2090, "kg", 30, E, 1, "1.4"),
    Spec("electricity", "Offices electricity", 58, 0.052, "kWh", 10, M, 2, "2.1", unit="MWh",
         to_factor_unit=1000),
    Spec("purchased_goods", "Steel sheets", 12, 2200, "t", 30, E, 3, "4.1"),
    Spec("purchased_services", "IT services", 85, 170, "kEUR", 50, M, 3, "4.5"),
    Spec("fixed_assets", "Laptops", 12, 250, "item", 30, M, 3, "4.2", years=4),
    Spec("freight_in", "Supplier deliveries", 18000, 0.11, "t_km", 20, X, 3, "3.1"),
    Spec("business_travel", "Train trips", 24000, 0.0033, "passenger_km", 20, M, 3, "3.5"),
    Spec("business_travel", "Flights", 15000, 0.18, "passenger_km", 20, E, 3, "3.5"),
    Spec("commuting", "Car commuting", 90000, 0.19, "km", 20, E, 3, "3.3"),
    Spec("waste", "Mixed waste", 3.5, 450, "t", 50, M, 3, "4.3"),
]  # fmt: skip


def add_lines(inventory, specs):
    for spec in specs:
        factor = make_factor(
            spec.factor_value,
            spec.factor_unit,
            posts=(spec.post,),
            uncertainty=spec.factor_uncertainty,
        )
        make_line(
            inventory,
            post=spec.post,
            label=spec.label,
            quantity=spec.quantity,
            unit=spec.unit or spec.factor_unit,
            factor=factor,
            data_quality=spec.quality,
            amortisation_years=spec.years,
        )
    return inventory


def kg(specs) -> float:
    return math.fsum(spec.kg for spec in specs)


def uncertainty_kg(specs) -> float:
    return math.sqrt(math.fsum(spec.uncertainty_kg**2 for spec in specs))


def t(kg_value: float, decimals: int = 2) -> str:
    """Tonnes as the page writes them, in the active language."""
    return floatformat(kg_value / 1000, f"{decimals}g")


def url(inventory, name="carbon_results", *args):
    return reverse(name, args=[inventory.organisation.slug, inventory.pk, *args])


def section(page: str, title_id: str) -> str:
    start = page.index(f'id="{title_id}"')
    return page[start : page.index("</section>", start)]


@pytest.fixture
def inventory(organisation):
    return add_lines(
        make_inventory(organisation, year=2024, headcount=25, revenue_keur=3200), YEAR_LINES
    )


@pytest.fixture
def viewer_client(client, organisation):
    client.force_login(make_member(organisation, OrgRole.VIEWER))
    return client


def test_the_total_is_shown_with_its_range_and_uncertainty(viewer_client, inventory):
    page = viewer_client.get(url(inventory)).content.decode()

    total, u = kg(YEAR_LINES), uncertainty_kg(YEAR_LINES)
    with translation.override("fr"):
        assert f"<strong>{t(total, 1)}</strong>" in page
        assert f"<strong>{t(total - u, 1)}</strong> et <strong>{t(total + u, 1)}</strong>" in page
        assert f"± {floatformat(u / total * 100, '0')}\u00a0%" in page


def test_scopes_and_scope3_categories_add_up_from_the_lines(viewer_client, inventory):
    page = viewer_client.get(url(inventory)).content.decode()
    scopes = section(page, "scopes-title")

    with translation.override("fr"):
        for scope in (1, 2, 3):
            of_scope = [s for s in YEAR_LINES if s.scope == scope]
            row = re.search(
                rf"{re.escape(str(labels.scope_label(scope)))}</th><td class=\"number\">([^<]+)<",
                scopes,
            )
            assert row.group(1) == t(kg(of_scope))
        travel = [s for s in YEAR_LINES if s.post == "business_travel"]
        assert f'{labels.ghg_category_label(6)}</th><td class="number">{t(kg(travel))}<' in scopes
        # Scope 3 categories without emissions are left out of the page.
        assert str(labels.ghg_category_label(11)) not in scopes


def test_the_beges_table_shows_its_22_posts_zeros_included(viewer_client, inventory):
    page = viewer_client.get(url(inventory)).content.decode()
    beges = section(page, "beges-title")

    posts = {
        "1.1", "1.2", "1.3", "1.4", "1.5", "2.1", "2.2", "3.1", "3.2", "3.3", "3.4", "3.5",
        "4.1", "4.2", "4.3", "4.4", "4.5", "5.1", "5.2", "5.3", "5.4", "6.1",
    }  # fmt: skip
    with translation.override("fr"):
        for post in posts:
            of_post = [s for s in YEAR_LINES if s.beges == post]
            label = re.escape(str(labels.beges_post_label(post)))
            cell = re.search(rf"{label}</th><td class=\"number\">([^<]+)<", beges)
            assert cell.group(1) == t(kg(of_post)), post
        for category in range(1, 7):
            of_category = [s for s in YEAR_LINES if s.beges.startswith(f"{category}.")]
            label = re.escape(str(labels.beges_category_label(category)))
            cell = re.search(rf"{label}</th><td class=\"number\">([^<]+)<", beges)
            assert cell.group(1) == t(kg(of_category)), category


def test_the_top_five_items_in_order_with_their_share(viewer_client, inventory):
    page = viewer_client.get(url(inventory)).content.decode()
    top = section(page, "top-title")

    assert '<th scope="col">Ligne</th>' in top  # lines, not the BEGES "postes"
    assert "Les cinq lignes qui pèsent le plus" in page
    heaviest = sorted(YEAR_LINES, key=lambda s: -s.kg)
    positions = [top.index(f"{rank}. {spec.label}") for rank, spec in enumerate(heaviest[:5], 1)]
    assert positions == sorted(positions)
    for spec in heaviest[5:]:
        assert spec.label not in top
    with translation.override("fr"):
        share = floatformat(heaviest[0].kg / kg(YEAR_LINES) * 100, "0")
        assert f'{t(heaviest[0].kg)}</td><td class="number">{share}\u00a0%' in top


def test_intensities_per_employee_and_per_keur_of_revenue(viewer_client, inventory):
    page = viewer_client.get(url(inventory)).content.decode()

    with translation.override("fr"):
        per_employee = floatformat(kg(YEAR_LINES) / 1000 / 25, "2g")
        per_keur = floatformat(kg(YEAR_LINES) / 3200, "1g")
    assert f"{per_employee} tCO2e par salarié" in page
    assert f"{per_keur} kgCO2e par k€ de chiffre d’affaires" in page


def test_data_quality_shares_of_emissions(viewer_client, inventory):
    page = viewer_client.get(url(inventory)).content.decode()
    quality = section(page, "quality-title")

    total = kg(YEAR_LINES)
    for code in ("measured", "estimated", "extrapolated"):
        of_quality = [s for s in YEAR_LINES if s.quality == code]
        with translation.override("fr"):
            share = floatformat(kg(of_quality) / total * 100, "0")
        assert f'{len(of_quality)}</td><td class="number">{share}\u00a0%' in quality


def test_year_on_year_with_the_same_sites_inventories_only(viewer_client, inventory, organisation):
    last_year = [
        Spec("electricity", "Offices electricity", 64000, 0.052, "kWh", 10, M, 2, "2.1"),
        Spec("fuel_vehicles", "Delivery van diesel", 4200, 3.17, "L", 5, M, 1, "1.2"),
    ]  # fmt: skip
    add_lines(make_inventory(organisation, year=2023), last_year)
    other_site = [Spec("waste", "Lyon waste", 9, 450, "t", 50, M, 3, "4.3")]
    add_lines(make_inventory(organisation, year=2022, site="Lyon"), other_site)

    page = viewer_client.get(url(inventory)).content.decode()
    years = section(page, "years-title")

    with translation.override("fr"):
        change = (kg(YEAR_LINES) - kg(last_year)) / kg(last_year) * 100
        assert f"{signed(change, 0)}\u00a0% depuis 2023" in page
        assert t(kg(last_year), 1) in years
        scope1_now = kg(s for s in YEAR_LINES if s.scope == 1)
        scope1_then = kg(s for s in last_year if s.scope == 1)
        scope1_change = (scope1_now - scope1_then) / scope1_then * 100
        assert f"{t(scope1_now, 1)}<br><small>{signed(scope1_change, 0)}\u00a0%" in years
    assert "2022" not in years


def test_a_draft_says_its_figures_still_move_and_a_locked_one_does_not(viewer_client, inventory):
    draft = viewer_client.get(url(inventory)).content.decode()
    Inventory.objects.filter(pk=inventory.pk).update(status=Inventory.Status.LOCKED)
    locked = viewer_client.get(url(inventory)).content.decode()

    notice = 'class="notice" role="note"'
    assert notice in draft
    assert notice not in locked


def test_links_to_exports_where_to_start_and_the_survey(client, organisation, inventory):
    client.force_login(make_member(organisation, OrgRole.CONTRIBUTOR))
    page = client.get(url(inventory)).content.decode()

    for name, args in [
        ("carbon_pdf", ()),
        ("carbon_xlsx", ()),
        ("carbon_beges", ("csv",)),
        ("carbon_beges", ("xlsx",)),
        ("carbon_where_to_start", ()),
        ("carbon_survey", ()),
    ]:
        assert f'href="{url(inventory, name, *args)}"' in page


def test_an_empty_inventory_says_what_to_do(viewer_client, organisation):
    empty = make_inventory(organisation, year=2025)

    page = viewer_client.get(url(empty)).content.decode()

    assert reverse("carbon_inventory", args=[organisation.slug, empty.pk]) in page
    assert "carbon_pdf" not in page


def test_in_english(client, organisation, inventory):
    client.force_login(make_member(organisation, OrgRole.VIEWER))
    client.cookies["django_language"] = "en"

    page = client.get(url(inventory)).content.decode()

    total, u = kg(YEAR_LINES), uncertainty_kg(YEAR_LINES)
    with translation.override("en"):
        assert f"Likely between <strong>{t(total - u, 1)}</strong> and" in page
        assert str(labels.beges_post_label("4.4")) in page
        assert "Carbon footprint 2024" in page


def test_queries_do_not_grow_with_the_lines(client, organisation):
    client.force_login(make_member(organisation, OrgRole.VIEWER))
    small = add_lines(make_inventory(organisation, year=2023), YEAR_LINES[:2])
    large = add_lines(make_inventory(organisation, year=2024), YEAR_LINES * 4)

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url(small)).status_code == 200
    with CaptureQueriesContext(connection) as more:
        assert client.get(url(large)).status_code == 200

    assert len(more) == len(queries)


def test_another_organisations_inventory_is_404_and_the_same_page_works_for_its_own(
    client, organisation, inventory
):
    outsider = make_member(make_organisation(organisation.network, name="Gamma"))
    client.force_login(outsider)
    assert client.get(url(inventory)).status_code == 404

    client.force_login(make_member(organisation, OrgRole.VIEWER))
    assert client.get(url(inventory)).status_code == 200


def test_the_page_compares_the_intensity_with_five_peers_and_not_with_four(
    viewer_client, inventory, organisation
):
    factor = make_factor(value=1.0, unit="kg", posts=("purchased_goods",))
    peers_kg = [1000, 2000, 3000, 4000, 5000]  # 10 employees each: 0.1 to 0.5 t per employee
    for index, quantity in enumerate(peers_kg):
        peer = make_organisation(organisation.network, name=f"Peer {index}", headcount=10)
        other = make_inventory(peer, year=2024, headcount=10, status=Inventory.Status.LOCKED)
        make_line(other, "purchased_goods", quantity, "kg", factor)
        if index == 3:
            four = viewer_client.get(url(inventory)).content.decode()
    five = viewer_client.get(url(inventory)).content.decode()
    median = sorted(kg / 10 / 1000 for kg in peers_kg)[2]
    assert 'id="peers-title"' in four and floatformat(median, "2g") not in section(
        four, "peers-title"
    )
    assert floatformat(median, "2g") in section(five, "peers-title")


def _lab(colour: str) -> tuple[float, float, float]:
    """CIE L*a*b* (D65) of a "#rrggbb" colour."""

    def linear(c):
        return ((c + 0.055) / 1.055) ** 2.4 if c > 0.04045 else c / 12.92

    r, g, b = (linear(int(colour[i : i + 2], 16) / 255) for i in (1, 3, 5))
    x = (r * 0.4124 + g * 0.3576 + b * 0.1805) / 0.95047
    y = r * 0.2126 + g * 0.7152 + b * 0.0722
    z = (r * 0.0193 + g * 0.1192 + b * 0.9505) / 1.08883

    def f(t):
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def test_every_category_has_a_colour_clearly_apart_from_the_others():
    """The legend lists every category at once: no two colours closer than
    a CIE76 difference of 20 (commuting's pink once sat at 16 from the
    refrigerants')."""
    colours = charts.POST_COLOURS
    assert set(colours) == set(Post.values)
    for (a, first), (b, second) in itertools.combinations(colours.items(), 2):
        assert math.dist(_lab(first), _lab(second)) >= 20, (a, b)


def test_english_writes_percentages_without_a_space_and_french_with_a_no_break_one(
    client, organisation
):
    client.force_login(make_member(organisation, OrgRole.VIEWER))
    add_lines(make_inventory(organisation, year=2023), YEAR_LINES[:4])
    inventory = add_lines(make_inventory(organisation, year=2024), YEAR_LINES)
    total = kg(YEAR_LINES)
    share = floatformat(max(spec.kg for spec in YEAR_LINES) / total * 100, "0")

    english = client.get(url(inventory), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    french = client.get(url(inventory), HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    assert f'<td class="number">{share}%</td>' in english
    assert re.search(r"% since 2023\.", english) and " % since" not in english
    assert f'<td class="number">{share}\u00a0%</td>' in french
    assert "\u00a0% depuis 2023" in french
    assert not re.search(r"\d %", english)
