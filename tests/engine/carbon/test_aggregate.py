"""A network's footprint over its members, and a member among its peers."""

import math
import statistics

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from levier.engine.benchmarks import MIN_OTHERS
from levier.engine.carbon.aggregate import (
    MemberFootprint,
    intensity,
    network_aggregate,
    peer_position,
    spread,
)

PROPERTY = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def member(org, year, posts, headcount=None, revenue=None):
    return MemberFootprint(org, year, sum(posts.values()), posts, headcount, revenue)


# Six members in 2025, four in 2024 (under the anonymity threshold).
MEMBERS_2025 = [
    member("a", 2025, {"electricity": 4_000, "fuel_vehicles": 16_000}, 10, 1_200),
    member("b", 2025, {"electricity": 2_000, "purchased_goods": 38_000}, 25, 3_000),
    member("c", 2025, {"fuel_vehicles": 90_000, "commuting": 10_000}, 40),
    member("d", 2025, {"electricity": 1_000, "commuting": 5_000}, 3, 450),
    member("e", 2025, {"purchased_goods": 60_000}, 12, 2_400),
    member("f", 2025, {"electricity": 3_000, "waste": 1_000}, None, 800),
]
MEMBERS_2024 = [member(org, 2024, {"electricity": 1_000}, 10, 100) for org in "abcd"]


def test_years_under_the_anonymity_threshold_are_left_out():
    assert len(MEMBERS_2024) < MIN_OTHERS
    result = network_aggregate(MEMBERS_2025 + MEMBERS_2024)
    assert list(result) == [2025]
    assert network_aggregate(MEMBERS_2024) == {}
    assert network_aggregate([]) == {}


def test_the_networks_year_by_hand():
    year = network_aggregate(MEMBERS_2025)[2025]
    total = 20_000 + 40_000 + 100_000 + 6_000 + 60_000 + 4_000
    assert year.members == 6
    assert year.kg == pytest.approx(total)
    assert year.kg_by_post == pytest.approx(
        {
            "electricity": 4_000 + 2_000 + 1_000 + 3_000,
            "fuel_vehicles": 16_000 + 90_000,
            "purchased_goods": 38_000 + 60_000,
            "commuting": 10_000 + 5_000,
            "waste": 1_000,
        }
    )
    assert year.post_shares["fuel_vehicles"] == pytest.approx(106_000 / total)
    assert math.fsum(year.post_shares.values()) == pytest.approx(1)
    # Each member's own share, averaged over the six (absent counts as zero).
    assert year.mean_post_shares["electricity"] == pytest.approx(
        (4_000 / 20_000 + 2_000 / 40_000 + 1_000 / 6_000 + 3_000 / 4_000) / 6
    )
    assert year.mean_post_shares["purchased_goods"] == pytest.approx((38_000 / 40_000 + 1) / 6)
    assert math.fsum(year.mean_post_shares.values()) == pytest.approx(1)


def test_intensity_quartiles_over_the_members_with_a_denominator():
    year = network_aggregate(MEMBERS_2025)[2025]
    per_employee = [20_000 / 10, 40_000 / 25, 100_000 / 40, 6_000 / 3, 60_000 / 12]
    q1, median, q3 = statistics.quantiles(per_employee, n=4, method="inclusive")
    assert year.per_employee.count == 5  # "f" gave no headcount
    assert (year.per_employee.q1, year.per_employee.median, year.per_employee.q3) == (
        pytest.approx(q1),
        pytest.approx(median),
        pytest.approx(q3),
    )
    per_keur = [20_000 / 1_200, 40_000 / 3_000, 6_000 / 450, 60_000 / 2_400, 4_000 / 800]
    assert year.per_keur.count == 5
    assert year.per_keur.median == pytest.approx(statistics.median(per_keur))


def test_a_denominator_so_small_that_the_ratio_overflows_gives_no_intensity():
    # Found by the property below: 848 t over 5e-303 k€ is infinite, and
    # quartiles over an infinity are not numbers.
    assert intensity(848_111.0, 4.7e-303) is None
    assert intensity(848_111.0, 1.0) == 848_111.0


def test_a_spread_over_too_few_members_is_withheld_while_the_sum_is_shown():
    fewer = [*MEMBERS_2025[:5], member("g", 2025, {"waste": 500})]
    fewer[0] = member("a", 2025, {"electricity": 4_000}, None, 1_200)
    year = network_aggregate(fewer)[2025]
    assert year.members == 6
    assert year.per_employee is None  # four headcounts only
    assert year.per_keur is None  # four revenues only


def test_sites_of_one_organisation_count_once():
    sites = [
        member("a", 2025, {"electricity": 1_000}, 4, 300),
        member("a", 2025, {"electricity": 500, "waste": 200}, 2, 100),
    ]
    others = [member(org, 2025, {"electricity": 1_000}, 5, 500) for org in "bcd"]
    assert network_aggregate(sites + others) == {}  # four organisations
    others.append(member("e", 2025, {"electricity": 1_000}, 5, 500))
    year = network_aggregate(sites + others)[2025]
    assert year.members == 5
    assert year.kg == pytest.approx(1_700 + 4_000)
    assert year.kg_by_post["electricity"] == pytest.approx(1_500 + 4_000)
    employee = sorted([1_700 / 6, 200, 200, 200, 200])
    assert year.per_employee.median == pytest.approx(statistics.median(employee))


def test_peer_position_by_hand():
    peers = [120.0, 80.0, 200.0, 150.0, 80.0, 95.0]
    position = peer_position(95.0, peers)
    q1, median, q3 = statistics.quantiles(peers, n=4, method="inclusive")
    assert position.count == 6
    assert (position.q1, position.median, position.q3) == (
        pytest.approx(q1),
        pytest.approx(median),
        pytest.approx(q3),
    )
    # Two peers emit less per employee, one as much (counted half).
    assert position.percentile == pytest.approx(100 * (2 + 0.5) / 6)


def test_peer_position_obeys_the_anonymity_rule():
    assert peer_position(100.0, [90.0, 110.0, 120.0, 130.0]) is None
    assert peer_position(100.0, [90.0, 110.0, 120.0, 130.0, 140.0]) is not None
    # Peers counting the member itself need one more.
    assert peer_position(100.0, [100.0, 90.0, 110.0, 120.0, 130.0], includes_own=True) is None
    assert peer_position(None, [90.0, 110.0, 120.0, 130.0, 140.0]) is None
    # Peers without a figure are not peers.
    assert peer_position(100.0, [90.0, 110.0, 120.0, 130.0, None, math.nan]) is None


intensities = st.floats(0, 1e6)


@PROPERTY
@given(intensities, st.lists(intensities, max_size=40))
def test_peer_position_invariants(own, peers):
    position = peer_position(own, peers)
    if len(peers) < MIN_OTHERS:
        assert position is None
        return
    assert 0 <= position.percentile <= 100
    assert position.q1 <= position.median <= position.q3
    expected = statistics.quantiles(peers, n=4, method="inclusive")
    assert [position.q1, position.median, position.q3] == pytest.approx(expected)
    if own < min(peers):
        assert position.percentile == 0
    if own > max(peers):
        assert position.percentile == 100


records = st.builds(
    MemberFootprint,
    organisation=st.integers(0, 12),
    year=st.integers(2022, 2025),
    kg=st.floats(0, 1e7),
    kg_by_post=st.dictionaries(st.sampled_from(["electricity", "waste", "commuting"]),
                               st.floats(0, 1e6), max_size=3),
    headcount=st.none() | st.integers(0, 500),
    revenue_keur=st.none() | st.floats(0, 1e5),
)  # fmt: skip


@PROPERTY
@given(st.lists(records, max_size=60), st.randoms())
def test_the_aggregate_is_the_sum_whatever_the_order(records_, rng):
    result = network_aggregate(records_)
    shuffled = list(records_)
    rng.shuffle(shuffled)
    assert network_aggregate(shuffled).keys() == result.keys()
    for year, aggregate in result.items():
        of_year = [r for r in records_ if r.year == year]
        organisations = {r.organisation for r in of_year}
        assert aggregate.members == len(organisations) >= MIN_OTHERS
        assert aggregate.kg == pytest.approx(math.fsum(r.kg for r in of_year))
        for post, kg in aggregate.kg_by_post.items():
            expected = math.fsum(r.kg_by_post.get(post, 0) for r in of_year)
            assert kg == pytest.approx(expected)
        for figures in (aggregate.per_employee, aggregate.per_keur):
            if figures is not None:
                assert MIN_OTHERS <= figures.count <= aggregate.members
                assert figures.q1 <= figures.median <= figures.q3
    for year in {r.year for r in records_} - result.keys():
        assert len({r.organisation for r in records_ if r.year == year}) < MIN_OTHERS


def test_spread_matches_the_benchmarks_quartiles():
    values = [3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0, 6.0]
    figures = spread(values)
    assert [figures.q1, figures.median, figures.q3] == pytest.approx(
        statistics.quantiles(values, n=4, method="inclusive")
    )
    assert spread(values[:4]) is None
