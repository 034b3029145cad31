"""A member's intensity among anonymous peers: figures computed here from the
peers' lines, nothing under five peers, the group widened like benchmarks'."""

import statistics

import pytest
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import escape
from django.utils.text import capfirst

from levier.carbon import aggregates
from levier.carbon.models import Inventory
from levier.engine import benchmarks
from levier.tenancy.scope import Scope, activate
from tests.carbon.factories import make_factor, make_inventory, make_line
from tests.factories import make_member, make_network, make_organisation

pytestmark = pytest.mark.django_db

LOCKED = Inventory.Status.LOCKED
KG_PER_KWH = 0.05


@pytest.fixture
def factor(db):
    return make_factor(KG_PER_KWH, "kWh", posts=("electricity",))


def _with_footprint(organisation, factor, kwh, year=2024, status=LOCKED, **fields):
    inventory = make_inventory(organisation, year=year, status=status, **fields)
    make_line(inventory, "electricity", kwh, factor=factor)
    return inventory


def _peer(network, factor, n, headcount=20, **fields):
    """A peer emitting (n + 1) x 1,000 kWh x the factor."""
    organisation = make_organisation(network, headcount=headcount, name=f"Peer {n}")
    kwh = 1000.0 * (n + 1)
    _with_footprint(organisation, factor, kwh, headcount=headcount, **fields)
    return kwh * KG_PER_KWH


def test_four_peers_show_nothing(network, organisation, factor):
    mine = _with_footprint(organisation, factor, 5000.0, headcount=20)
    for n in range(4):
        _peer(network, factor, n)
    found = aggregates.peers_context(mine)
    assert not found.shown
    assert found.per_employee is None and found.per_keur is None
    assert str(benchmarks.MIN_OTHERS) in found.reason


def test_five_peers_of_the_same_size_give_quartiles_and_a_position(network, organisation, factor):
    headcount = 20
    mine = _with_footprint(organisation, factor, 5000.0, headcount=headcount)
    peers_kg = [_peer(network, factor, n, headcount=headcount) for n in range(5)]
    found = aggregates.peers_context(mine)
    assert found.shown and not found.widened
    per_employee = [kg / 1000 / headcount for kg in peers_kg]
    q1, median, q3 = statistics.quantiles(per_employee, n=4, method="inclusive")
    position = found.per_employee.position
    assert (position.q1, position.median, position.q3) == (
        pytest.approx(q1),
        pytest.approx(median),
        pytest.approx(q3),
    )
    own = 5000.0 * KG_PER_KWH / 1000 / headcount
    assert found.per_employee.mine == pytest.approx(own)
    below = sum(1 for v in per_employee if v < own)
    equal = sum(1 for v in per_employee if v == pytest.approx(own))
    assert found.per_employee.below_percent == pytest.approx(100 * (below + equal / 2) / 5)
    assert found.per_keur is None  # no revenue given


def test_per_keur_when_revenues_are_known(network, organisation, factor):
    mine = _with_footprint(organisation, factor, 3000.0, headcount=20, revenue_keur=1500)
    revenues = [800.0, 1000.0, 1200.0, 2000.0, 2500.0]
    peers_kg = [
        _peer(network, factor, n, revenue_keur=revenue) for n, revenue in enumerate(revenues)
    ]
    found = aggregates.peers_context(mine)
    per_keur = [kg / revenue for kg, revenue in zip(peers_kg, revenues, strict=True)]
    assert found.per_keur.mine == pytest.approx(3000.0 * KG_PER_KWH / 1500)
    assert found.per_keur.position.median == pytest.approx(statistics.median(per_keur))


def test_too_few_of_the_same_size_widens_to_the_network(network, organisation, factor):
    mine = _with_footprint(organisation, factor, 5000.0, headcount=20)
    small = [_peer(network, factor, n, headcount=20) for n in range(3)]
    medium = [_peer(network, factor, n, headcount=100) for n in range(3, 6)]
    found = aggregates.peers_context(mine)
    assert found.widened
    assert found.per_employee.position.count == 6
    values = [kg / 1000 / 20 for kg in small] + [kg / 1000 / 100 for kg in medium]
    assert found.per_employee.position.median == pytest.approx(statistics.median(values))


def test_a_widened_comparison_says_why_in_a_sentence_of_its_own(network, organisation, factor):
    mine = _with_footprint(organisation, factor, 5000.0, headcount=20)
    for n in range(6):
        _peer(network, factor, n, headcount=20 if n < 3 else 100)
    with translation.override("fr"):
        found = aggregates.peers_context(mine)
        html = render_to_string("carbon/_peers.html", {"peers": found})

    assert found.widened
    assert f'<p class="muted">{capfirst(found.group)}</p>' in html
    assert (
        '<p class="muted">Trop peu de membres de votre taille ont un bilan verrouillé\u00a0: '
        "la comparaison est élargie à tout le réseau.</p>"
    ) in html


def test_only_locked_recent_inventories_of_the_network_count(network, organisation, factor):
    mine = _with_footprint(organisation, factor, 5000.0, headcount=20)
    for n in range(4):
        _peer(network, factor, n)
    _peer(network, factor, 10, status=Inventory.Status.DRAFT)
    _peer(network, factor, 11, year=2024 - aggregates.PEER_YEARS - 1)
    other_network = make_network()
    for n in range(5):
        _peer(other_network, factor, n)
    assert not aggregates.peers_context(mine).shown


def test_a_peers_latest_inventory_stands_for_it(network, organisation, factor):
    mine = _with_footprint(organisation, factor, 5000.0, headcount=20)
    latest = []
    for n in range(5):
        peer = make_organisation(network, headcount=20)
        _with_footprint(peer, factor, 99999.0, year=2022, headcount=20)
        kwh = 1000.0 * (n + 1)
        _with_footprint(peer, factor, kwh, year=2024, headcount=20)
        latest.append(kwh * KG_PER_KWH / 1000 / 20)
    found = aggregates.peers_context(mine)
    assert found.per_employee.position.count == 5
    assert found.per_employee.position.median == pytest.approx(statistics.median(latest))


def test_without_headcount_the_member_is_told_what_to_give(network, organisation, factor):
    mine = _with_footprint(organisation, factor, 5000.0, headcount=None)
    for n in range(5):
        _peer(network, factor, n)
    found = aggregates.peers_context(mine)
    assert found.per_employee is None
    assert found.reason


def test_a_member_compares_without_reading_its_peers_inventories(network, organisation, factor):
    """In a member's own scope, the comparison widens to the network inside
    its block only: the peers' inventories stay out of reach outside it."""
    mine = _with_footprint(organisation, factor, 5000.0, headcount=20)
    for n in range(5):
        _peer(network, factor, n)
    member = make_member(organisation)
    with activate(Scope.of(member)):
        found = aggregates.peers_context(Inventory.objects.get(pk=mine.pk))
        assert found.per_employee.position.count == 5
        assert list(Inventory.objects.values_list("pk", flat=True)) == [mine.pk]


def test_the_template_shows_the_group_and_no_member(network, organisation, factor):
    mine = _with_footprint(organisation, factor, 5000.0, headcount=20)
    for n in range(5):
        _peer(network, factor, n)
    with translation.override("fr"):
        found = aggregates.peers_context(mine)
        html = render_to_string("carbon/_peers.html", {"peers": found})
    assert f'<p class="muted">{capfirst(found.group)}</p>' in html
    assert "Peer " not in html
    empty = aggregates.peers_context(_with_footprint(make_organisation(make_network()), factor, 1))
    assert escape(empty.reason) in render_to_string("carbon/_peers.html", {"peers": empty})


@pytest.mark.parametrize("peers", [5, 25])
def test_queries_do_not_grow_with_peers(
    network, organisation, factor, django_assert_max_num_queries, peers
):
    mine = _with_footprint(organisation, factor, 5000.0, headcount=20)
    for n in range(peers):
        _peer(network, factor, n)
    mine = Inventory.objects.select_related("organisation").get(pk=mine.pk)
    with django_assert_max_num_queries(3):
        assert aggregates.peers_context(mine).shown
