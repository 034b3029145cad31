"""Benchmark statistics: quartiles from a few ranks, percentiles, the anonymity rule."""

import statistics

import pytest
from hypothesis import given
from hypothesis import strategies as st

from levier.engine import benchmarks as b

scores = st.floats(min_value=0, max_value=100, allow_nan=False)


@given(st.lists(scores, min_size=2, max_size=60))
def test_quartiles_from_picked_ranks_equal_the_standard_library(values):
    ordered = sorted(values)
    picked = {p: ordered[p - 1] for p in b.quantile_positions(len(ordered))}

    ours = b.quantiles_from(len(ordered), picked)

    expected = statistics.quantiles(values, n=4, method="inclusive")
    assert ours == pytest.approx(expected)


@given(st.lists(scores, min_size=1, max_size=60))
def test_only_a_handful_of_ranks_are_needed(values):
    assert len(b.quantile_positions(len(values))) <= 6


@given(st.lists(scores, min_size=1, max_size=60), scores)
def test_percentile_rank_stays_in_range_and_grows_with_the_score(values, mine):
    below = sum(v < mine for v in values)
    equal = sum(v == mine for v in values)
    rank = b.percentile_rank(below, equal, len(values))
    assert 0 <= rank <= 100
    higher = mine + 1
    rank_higher = b.percentile_rank(
        sum(v < higher for v in values), sum(v == higher for v in values), len(values)
    )
    assert rank_higher >= rank


def test_the_best_of_the_group_is_at_the_top():
    assert b.percentile_rank(below=9, equal=0, count=9) == 100
    assert b.percentile_rank(below=0, equal=0, count=9) == 0
    assert b.percentile_rank(below=0, equal=0, count=0) is None


@given(scores)
def test_every_score_falls_in_one_of_ten_buckets(score):
    assert 0 <= b.bucket(score) < b.BUCKETS


def test_buckets_edges():
    assert [b.bucket(s) for s in (0, 9.99, 10, 55, 99.9, 100)] == [0, 0, 1, 5, 9, 9]
    assert b.histogram({0: 2, 9: 1}) == [2, 0, 0, 0, 0, 0, 0, 0, 0, 1]


def test_widening_drops_region_then_sector_then_size():
    assert b.widening_steps(["size", "sector", "region"]) == [
        ("size", "sector", "region"),
        ("size", "sector"),
        ("size",),
        (),
    ]
    assert b.widening_steps(["region"]) == [("region",), ()]
    assert b.widening_steps([]) == [()]


def test_a_group_of_four_others_is_widened():
    counts = {("size", "sector", "region"): 4, ("size", "sector"): 7, ("size",): 30, (): 90}

    choice = b.choose_group(["size", "sector", "region"], counts)

    assert choice == b.GroupChoice(("size", "sector"), 7, ("region",))
    assert choice.widened


def test_a_group_of_five_others_is_kept():
    counts = {("size", "sector", "region"): 5, ("size", "sector"): 7, ("size",): 30, (): 90}

    choice = b.choose_group(["size", "sector", "region"], counts)

    assert choice.criteria == ("size", "sector", "region") and not choice.widened


def test_a_network_too_small_shows_nothing():
    assert b.choose_group(["size"], {("size",): 2, (): 4}) is None


@given(
    st.lists(st.integers(min_value=0, max_value=50), min_size=4, max_size=4).map(
        lambda xs: sorted(xs)
    )
)
def test_the_choice_always_has_enough_others_and_is_the_narrowest(counts_widest_last):
    steps = b.widening_steps(["size", "sector", "region"])
    # Wider groups hold at least as many organisations as narrower ones.
    counts = dict(zip(steps, counts_widest_last, strict=True))

    choice = b.choose_group(["size", "sector", "region"], counts)

    if choice is None:
        assert all(n < b.MIN_OTHERS for n in counts.values())
    else:
        assert choice.others >= b.MIN_OTHERS
        narrower = steps[: steps.index(choice.criteria)]
        assert all(counts[s] < b.MIN_OTHERS for s in narrower)


def test_may_show_discounts_the_viewer():
    assert b.may_show(5) and not b.may_show(4)
    assert not b.may_show(5, includes_viewer=True) and b.may_show(6, includes_viewer=True)
