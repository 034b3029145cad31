"""Measured practice gains: what adopters gained around their adoption against
members who did not adopt, shown only with five members on each side."""

import math
from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from levier.engine import practice_gains as g
from levier.engine.benchmarks import MIN_OTHERS

START = datetime(2025, 1, 1, tzinfo=UTC)
points = st.floats(min_value=0, max_value=20, allow_nan=False)


def snap(key, day, lost, version=1, framework="levier-360"):
    return g.Snapshot(key, framework, version, START + timedelta(days=day), lost)


def test_change_sums_the_points_no_longer_lost_on_the_questions_scored_in_both():
    before = snap(1, 0, {"Q1": 4.0, "Q2": 3.0, "Q3": 1.0})
    after = snap(2, 100, {"Q1": 1.5, "Q2": 3.0, "Q4": 0.0})

    found = g.change(before, after, {"Q1", "Q2", "Q3", "Q4"})

    common = ("Q1", "Q2")  # Q3 not scored after, Q4 not before
    assert found == sum(before.lost[q] for q in common) - sum(after.lost[q] for q in common)


def test_no_change_across_frameworks_or_without_a_common_question():
    before = snap(1, 0, {"Q1": 4.0})
    assert g.change(before, snap(2, 100, {"Q1": 1.0}, framework="other"), {"Q1"}) is None
    assert g.change(before, snap(2, 100, {"Q2": 1.0}), {"Q1", "Q2"}) is None
    # A newer version of the same framework: compared on the questions it kept.
    assert g.change(before, snap(2, 100, {"Q1": 1.0}, version=2), {"Q1"}) == 4.0 - 1.0


def test_an_adopter_is_measured_from_its_last_assessment_before_to_its_first_after():
    snapshots = [
        snap(1, 0, {"Q1": 9.0}),
        snap(2, 50, {"Q1": 6.0}),  # last before the adoption, day 60
        snap(3, 90, {"Q1": 2.0}),  # first after
        snap(4, 200, {"Q1": 0.0}),
    ]
    adopted_at = START + timedelta(days=60)

    assert g.adopter_change(snapshots, adopted_at, {"Q1"}) == 6.0 - 2.0
    # Adopted before any assessment, or not reassessed since: nothing to measure.
    assert g.adopter_change(snapshots, START - timedelta(days=1), {"Q1"}) is None
    assert g.adopter_change(snapshots, START + timedelta(days=300), {"Q1"}) is None


def test_a_member_that_did_not_adopt_counts_the_mean_of_its_consecutive_changes():
    snapshots = [snap(1, 0, {"Q1": 9.0}), snap(2, 50, {"Q1": 6.0}), snap(3, 90, {"Q1": 5.0})]

    assert g.other_change(snapshots, {"Q1"}) == ((9.0 - 6.0) + (6.0 - 5.0)) / 2
    assert g.other_change(snapshots[:1], {"Q1"}) is None


def test_member_gains_tell_adopters_from_the_others_per_practice_and_framework():
    snapshots = [snap(1, 0, {"Q1": 8.0, "Q2": 5.0}), snap(2, 100, {"Q1": 2.0, "Q2": 4.0})]
    links = {10: {"levier-360": {"Q1"}}, 11: {"levier-360": {"Q2"}, "other": {"Q1"}}}

    found = g.member_gains(snapshots, {10: START + timedelta(days=30)}, links)

    assert found == [
        g.MemberGain(10, "levier-360", True, 8.0 - 2.0),
        g.MemberGain(11, "levier-360", False, 5.0 - 4.0),
    ]


def _gains(adopters, others, practice=1):
    return [g.MemberGain(practice, "levier-360", True, x) for x in adopters] + [
        g.MemberGain(practice, "levier-360", False, x) for x in others
    ]


def test_a_figure_needs_five_members_on_each_side():
    enough = [float(i) for i in range(MIN_OTHERS)]
    assert g.network_figures(_gains(enough[:-1], enough)) == []
    assert g.network_figures(_gains(enough, enough[:-1])) == []

    (figure,) = g.network_figures(_gains(enough, [x / 2 for x in enough]))

    assert (figure.adopters, figure.others) == (MIN_OTHERS, MIN_OTHERS)
    assert figure.adopters_average == sum(enough) / len(enough)
    assert figure.others_average == sum(x / 2 for x in enough) / len(enough)


member_gains = st.lists(
    st.builds(
        g.MemberGain,
        practice=st.integers(1, 3),
        framework=st.sampled_from(["levier-360", "other"]),
        adopted=st.booleans(),
        gain=st.floats(min_value=-50, max_value=50, allow_nan=False),
    ),
    max_size=60,
)


@given(member_gains, st.randoms(use_true_random=False))
def test_figures_do_not_depend_on_the_order_of_the_members(gains, random):
    shuffled = list(gains)
    random.shuffle(shuffled)

    assert g.network_figures(shuffled) == g.network_figures(gains)


@given(member_gains)
def test_every_figure_shown_stands_on_five_members_each_side_and_averages_them(gains):
    for figure in g.network_figures(gains):
        key = (figure.practice, figure.framework)
        adopters = [x.gain for x in gains if (x.practice, x.framework) == key and x.adopted]
        others = [x.gain for x in gains if (x.practice, x.framework) == key and not x.adopted]
        assert figure.adopters == len(adopters) >= MIN_OTHERS
        assert figure.others == len(others) >= MIN_OTHERS
        assert math.isclose(figure.adopters_average, math.fsum(adopters) / len(adopters))
        assert math.isclose(figure.others_average, math.fsum(others) / len(others))
    shown = {(f.practice, f.framework) for f in g.network_figures(gains)}
    for practice, framework in {(x.practice, x.framework) for x in gains} - shown:
        sides = [x.adopted for x in gains if (x.practice, x.framework) == (practice, framework)]
        assert sides.count(True) < MIN_OTHERS or sides.count(False) < MIN_OTHERS


snapshots = st.lists(
    st.builds(
        snap,
        key=st.integers(0, 10_000),
        day=st.integers(0, 1000),
        lost=st.dictionaries(st.sampled_from(["Q1", "Q2", "Q3"]), points, max_size=3),
        version=st.integers(1, 2),
    ),
    max_size=8,
    unique_by=lambda s: s.key,
)


@settings(suppress_health_check=[HealthCheck.too_slow])  # a shared, busy machine
@given(snapshots, st.integers(0, 1000), st.randoms(use_true_random=False))
def test_a_members_gains_do_not_depend_on_the_order_of_its_assessments(found, day, random):
    links = {1: {"levier-360": {"Q1", "Q2"}}, 2: {"levier-360": {"Q3"}}}
    adopted = {1: START + timedelta(days=day, hours=12)}
    shuffled = list(found)
    random.shuffle(shuffled)

    assert g.member_gains(shuffled, adopted, links) == g.member_gains(found, adopted, links)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(snapshots)
def test_a_member_that_kept_its_answers_gained_nothing(found):
    frozen = [g.Snapshot(s.key, s.framework, 1, s.taken_at, {"Q1": 3.0}) for s in found]

    change = g.other_change(frozen, {"Q1"})

    assert change is None if len(frozen) < 2 else change == 0.0
