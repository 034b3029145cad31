"""The network's aggregated footprint, for its animators: figures computed
here from the members' lines, nothing under five members, never a member's
name or own figures."""

import statistics

import pytest
from django.urls import reverse

from levier.accounts.models import OrgRole
from levier.carbon import aggregates
from levier.carbon.models import Inventory
from levier.engine import benchmarks
from tests.carbon.factories import make_factor, make_inventory, make_line
from tests.factories import make_member, make_network, make_network_staff, make_organisation

pytestmark = pytest.mark.django_db

LOCKED = Inventory.Status.LOCKED
# This test's factors: 0.05 kgCO2e per kWh of electricity, 100 per tonne of waste.
FACTORS = {}


def _member(network, n, year=2024, headcount=None, status=LOCKED, electricity=None, waste=None):
    """A member whose inventory emits ``electricity`` kWh x 0.05 and
    ``waste`` t x 100 kgCO2e."""
    organisation = make_organisation(network, name=f"Member number {n}")
    inventory = make_inventory(
        organisation, year=year, headcount=headcount or 10 + n, status=status
    )
    kwh = electricity if electricity is not None else 1000.0 * (n + 1)
    tonnes = waste if waste is not None else 2.0 + n
    make_line(inventory, "electricity", kwh, factor=FACTORS["electricity"])
    make_line(inventory, "waste", tonnes, factor=FACTORS["waste"])
    return organisation, inventory, kwh * 0.05 + tonnes * 100.0


@pytest.fixture(autouse=True)
def _factors(db):
    FACTORS["electricity"] = make_factor(0.05, "kWh", posts=("electricity",))
    FACTORS["waste"] = make_factor(100.0, "t", posts=("waste",))
    yield
    FACTORS.clear()


def _url(network):
    return reverse("carbon_network", args=[network.slug])


def test_under_five_members_nothing_is_shown(client, network):
    for n in range(4):
        _member(network, n)
    client.force_login(make_network_staff(network))
    response = client.get(_url(network))
    assert response.status_code == 200
    assert response.context["footprint"].years == []
    assert "Member number" not in response.content.decode()


def test_five_members_give_the_networks_year(client, network):
    members = [_member(network, n) for n in range(5)]
    _member(network, 9, status=Inventory.Status.DRAFT)  # in progress: not counted
    client.force_login(make_network_staff(network))
    response = client.get(_url(network))
    footprint = response.context["footprint"]
    (row,) = footprint.years
    kg = [total for _org, _inventory, total in members]
    assert row.figures.members == 5
    assert row.tonnes == pytest.approx(sum(kg) / 1000)
    per_employee = [total / 1000 / inventory.headcount for _org, inventory, total in members]
    q1, median, q3 = statistics.quantiles(per_employee, n=4, method="inclusive")
    assert (row.per_employee.q1, row.per_employee.median, row.per_employee.q3) == (
        pytest.approx(q1),
        pytest.approx(median),
        pytest.approx(q3),
    )
    # The categories across members: waste's average share, then electricity's.
    waste_shares = [(2.0 + n) * 100 / kg[n] for n in range(5)]
    electricity_shares = [1000.0 * (n + 1) * 0.05 / kg[n] for n in range(5)]
    weights = {w.post: w for w in footprint.posts}
    assert weights["waste"].mean_share == pytest.approx(sum(waste_shares) / 5)
    assert weights["electricity"].mean_share == pytest.approx(sum(electricity_shares) / 5)
    assert weights["waste"].share == pytest.approx(
        sum((2.0 + n) * 100 for n in range(5)) / sum(kg)
    )
    coverage = {c.scope: c.members for c in row.coverage}
    assert coverage == {1: 0, 2: 5, 3: 5}
    content = response.content.decode()
    assert "Member number" not in content
    for organisation, _inventory, _total in members:
        assert organisation.slug not in content


def test_the_trend_follows_the_median_per_employee(network):
    before, after = [], []
    for n in range(5):
        organisation, inventory, total = _member(network, n, year=2023)
        before.append(total / 1000 / inventory.headcount)
        later = make_inventory(
            organisation, year=2024, headcount=inventory.headcount, status=LOCKED
        )
        make_line(later, "electricity", 500.0, factor=FACTORS["electricity"])
        after.append(500.0 * 0.05 / 1000 / inventory.headcount)
    footprint = aggregates.network_footprint(network)
    assert [row.year for row in footprint.years] == [2023, 2024]
    expected = (statistics.median(after) - statistics.median(before)) / statistics.median(before)
    assert footprint.years[1].change_percent == pytest.approx(expected * 100)


def test_sites_of_one_member_count_as_one_member(network):
    organisation, inventory, first = _member(network, 0)
    site = make_inventory(organisation, year=2024, site="Depot", headcount=5, status=LOCKED)
    make_line(site, "electricity", 2000.0, factor=FACTORS["electricity"])
    others = [_member(network, n)[2] for n in range(1, 5)]
    (row,) = aggregates.network_footprint(network).years
    assert row.figures.members == 5
    whole = first + 2000.0 * 0.05
    assert row.tonnes == pytest.approx((whole + sum(others)) / 1000)
    # Its intensity is the whole organisation's: both sites' emissions and people.
    per_employee = [whole / 1000 / (inventory.headcount + 5)]
    per_employee += [total / 1000 / (10 + n) for n, total in enumerate(others, start=1)]
    assert row.per_employee.median == pytest.approx(statistics.median(per_employee))


def test_only_the_networks_staff_open_it(client, network):
    for n in range(5):
        _member(network, n)
    organisation = make_organisation(network)
    member = make_member(organisation, OrgRole.ADMIN)
    client.force_login(member)
    assert client.get(_url(network)).status_code == 404
    other_network = make_network()
    client.force_login(make_network_staff(other_network))
    assert client.get(_url(network)).status_code == 404
    assert client.get(_url(other_network)).status_code == 200


def test_staff_never_read_a_members_inventory_without_consent(client, network):
    organisation, inventory, _total = _member(network, 0)
    client.force_login(make_network_staff(network))
    for name in ("carbon_inventory", "carbon_results", "carbon_where_to_start"):
        url = reverse(name, args=[organisation.slug, inventory.pk])
        assert client.get(url).status_code == 404
    owner = make_member(organisation, OrgRole.VIEWER)
    client.force_login(owner)
    assert (
        client.get(reverse("carbon_results", args=[organisation.slug, inventory.pk])).status_code
        == 200
    )


def test_another_networks_members_do_not_count(network):
    other = make_network()
    for n in range(5):
        _member(other, n)
    for n in range(4):
        _member(network, n)
    assert aggregates.network_footprint(network).years == []
    assert len(aggregates.network_footprint(other).years) == 1


@pytest.mark.parametrize("members", [5, 20])
def test_queries_do_not_grow_with_members(client, network, django_assert_max_num_queries, members):
    for n in range(members):
        _member(network, n)
    client.force_login(make_network_staff(network))
    with django_assert_max_num_queries(12):
        assert client.get(_url(network)).status_code == 200


def test_the_dashboard_links_to_it(client, network):
    client.force_login(make_network_staff(network))
    response = client.get(reverse("network_dashboard", args=[network.slug]))
    assert _url(network) in response.content.decode()


def test_a_hidden_intensity_says_what_too_few_members_gave(client, network):
    for n in range(5):
        _member(network, n)  # a headcount each, no revenue
    client.force_login(make_network_staff(network))

    content = client.get(_url(network), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert f"fewer than {benchmarks.MIN_OTHERS} members with revenue" in content
    assert "fewer than 5<" not in content


def test_the_carbon_tab_does_not_offer_the_assessments_export(client, network):
    client.force_login(make_network_staff(network))
    export = reverse("insights_export", args=[network.slug, "csv"])

    assert export not in client.get(_url(network)).content.decode()
    dashboard = client.get(reverse("network_dashboard", args=[network.slug]))
    assert export in dashboard.content.decode()
