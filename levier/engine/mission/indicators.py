"""How a mission indicator stands: progress from its baseline towards its
target, whether the trend reaches the target in time, and when the next
measurement is due."""

from dataclasses import dataclass
from datetime import date

from levier.engine.mission.calendar import add_months


@dataclass(frozen=True)
class Point:
    on: date
    value: float


@dataclass(frozen=True)
class Standing:
    latest: Point | None
    progress: float | None  # share of the way from baseline to target, 0..1 (may exceed 1)
    state: str  # see standing()
    projected: float | None  # the value the trend gives at the target date


def progress(baseline: float, target: float, value: float) -> float | None:
    """Share of the way from ``baseline`` to ``target`` covered by ``value``,
    whichever direction the target lies in; None when they are equal."""
    if target == baseline:
        return None
    return (value - baseline) / (target - baseline)


def standing(
    baseline: Point | None, target: Point | None, measurements: list[Point], today: date
) -> Standing:
    """Where the indicator stands. The trend is the straight line from the
    baseline through the latest measurement, extended to the target date:
    simple enough to explain to a committee.

    States: "reached" (the latest value is at or past the target),
    "missed" (the target date is past and it is not), "on_track" (the
    trend reaches the target by its date), "behind" (it does not),
    "no_data" (nothing measured after the baseline), "no_target".
    """
    points = sorted(measurements, key=lambda p: p.on)
    latest = points[-1] if points else None
    if target is None or baseline is None or target.value == baseline.value:
        return Standing(latest, None, "no_target", None)
    if latest is None:
        return Standing(None, None, "no_data", None)
    share = progress(baseline.value, target.value, latest.value)
    if _at_or_past(latest.value, baseline.value, target.value):
        return Standing(latest, share, "reached", latest.value)
    if today > target.on:
        return Standing(latest, share, "missed", latest.value)
    if latest.on <= baseline.on:
        return Standing(latest, share, "no_data", None)
    slope = (latest.value - baseline.value) / (latest.on - baseline.on).days
    projected = latest.value + slope * max(0, (target.on - latest.on).days)
    on_track = _at_or_past(projected, baseline.value, target.value)
    return Standing(latest, share, "on_track" if on_track else "behind", projected)


def _at_or_past(value: float, baseline: float, target: float) -> bool:
    """Whether ``value`` is at the target or beyond it, in the target's
    direction (compared directly: a ratio would round 0.99999... to 1)."""
    return value >= target if target > baseline else value <= target


def next_measurement(
    last: date | None, baseline_on: date | None, every_months: int
) -> date | None:
    """When the next measurement is due: ``every_months`` after the latest
    one (or the baseline); None for an indicator measured on no schedule."""
    start = last or baseline_on
    if not every_months or start is None:
        return None
    return add_months(start, every_months)
