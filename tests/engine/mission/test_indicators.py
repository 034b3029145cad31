"""An indicator's standing against its target, and its next measurement."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from levier.engine.mission.indicators import Point, next_measurement, progress, standing

TODAY = date(2026, 12, 4)
BASELINE = Point(date(2024, 12, 31), 100.0)
TARGET = Point(date(2028, 12, 31), 60.0)  # a reduction: 100 -> 60


def test_progress_works_both_ways():
    assert progress(100, 60, 80) == pytest.approx(0.5)
    assert progress(10, 50, 30) == pytest.approx(0.5)
    assert progress(10, 50, 0) == pytest.approx(-0.25)  # moving away
    assert progress(10, 10, 12) is None


def test_on_track_when_the_trend_reaches_the_target_by_its_date():
    # -10 in two years from 100: at that pace 80 by the end of 2028: behind.
    behind = standing(BASELINE, TARGET, [Point(date(2026, 12, 31), 90)], TODAY)
    assert behind.state == "behind"
    assert behind.progress == pytest.approx(0.25)
    assert behind.projected == pytest.approx(80, abs=0.2)
    # -20 in two years: 60 by the end of 2028.
    on_track = standing(BASELINE, TARGET, [Point(date(2026, 12, 31), 79.9)], TODAY)
    assert on_track.state == "on_track"


def test_reached_and_missed():
    reached = standing(BASELINE, TARGET, [Point(date(2026, 6, 30), 58)], TODAY)
    assert reached.state == "reached"
    late = date(2029, 1, 15)
    missed = standing(BASELINE, TARGET, [Point(date(2028, 12, 31), 70)], late)
    assert missed.state == "missed"


def test_the_latest_measurement_counts_whatever_the_order_given():
    measured = [Point(date(2026, 6, 30), 70), Point(date(2025, 6, 30), 95)]
    assert standing(BASELINE, TARGET, measured, TODAY).latest == measured[0]


@pytest.mark.parametrize(
    ("baseline", "target", "measured", "state"),
    [
        (None, TARGET, [Point(date(2026, 1, 1), 90)], "no_target"),
        (BASELINE, None, [], "no_target"),
        (BASELINE, Point(date(2028, 1, 1), 100.0), [], "no_target"),  # target = baseline
        (BASELINE, TARGET, [], "no_data"),
        (BASELINE, TARGET, [Point(date(2024, 6, 30), 95)], "no_data"),  # before the baseline
    ],
)
def test_states_without_enough_to_judge(baseline, target, measured, state):
    assert standing(baseline, target, measured, TODAY).state == state


values = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)


@given(values, values, st.lists(st.tuples(st.integers(1, 3000), values), max_size=8))
@settings(max_examples=300)
def test_reached_exactly_when_the_latest_value_is_at_or_past_the_target(base, aim, measured):
    baseline = Point(date(2020, 1, 1), base)
    target = Point(date(2030, 1, 1), aim)
    points = [Point(baseline.on + timedelta(days=d), v) for d, v in measured]
    result = standing(baseline, target, points, date(2026, 1, 1))
    if base == aim:
        assert result.state == "no_target"
    elif not points:
        assert result.state == "no_data"
    else:
        latest = sorted(points, key=lambda p: p.on)[-1]  # same day: the last given
        at_or_past = latest.value >= aim if aim > base else latest.value <= aim
        assert (result.state == "reached") == at_or_past


def test_the_next_measurement_follows_the_latest_or_the_baseline():
    assert next_measurement(date(2026, 3, 31), date(2025, 1, 1), 3) == date(2026, 6, 30)
    assert next_measurement(None, date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert next_measurement(None, None, 12) is None
    assert next_measurement(date(2026, 3, 31), None, 0) is None
