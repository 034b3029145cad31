"""Benchmark statistics and the anonymity rule, in plain Python.

The database counts and picks the few order statistics; this module says which
rows to pick, turns them into quartiles and percentiles, and decides which peer
group may be shown.
"""

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

# A group is shown only with at least this many organisations besides the one
# looking at it (DESIGN.md, "Benchmarks").
MIN_OTHERS = 5
# Criteria are dropped in this order when a group is too small.
WIDENING_ORDER = ("region", "sector", "size")
QUARTILES = (0.25, 0.5, 0.75)
BUCKETS = 10  # 0-10, 10-20, ... 90-100


@dataclass(frozen=True)
class GroupChoice:
    """The peer group to show: the criteria kept, how many others it holds, and
    the criteria that had to be dropped to reach ``MIN_OTHERS``."""

    criteria: tuple[str, ...]
    others: int
    dropped: tuple[str, ...]

    @property
    def widened(self) -> bool:
        return bool(self.dropped)


def widening_steps(wanted: Sequence[str]) -> list[tuple[str, ...]]:
    """The successive criteria sets to try, narrowest first: the wanted ones,
    then without region, without sector, without size (whole network)."""
    current = tuple(c for c in WIDENING_ORDER[::-1] if c in wanted)
    steps = [current]
    for criterion in WIDENING_ORDER:
        if criterion in current:
            current = tuple(c for c in current if c != criterion)
            steps.append(current)
    return steps


def choose_group(
    wanted: Sequence[str], others_by_step: Mapping[tuple[str, ...], int]
) -> GroupChoice | None:
    """The narrowest step holding at least ``MIN_OTHERS`` others, or None when
    even the widest is too small to be shown."""
    steps = widening_steps(wanted)
    for step in steps:
        others = others_by_step[step]
        if others >= MIN_OTHERS:
            dropped = tuple(c for c in steps[0] if c not in step)
            return GroupChoice(step, others, dropped)
    return None


def may_show(count: int, includes_viewer: bool = False) -> bool:
    """Whether aggregates over ``count`` organisations may be shown: enough of
    them besides the viewer's own, if it is among them."""
    return count - (1 if includes_viewer else 0) >= MIN_OTHERS


def quantile_positions(count: int, quantiles: Sequence[float] = QUARTILES) -> set[int]:
    """The 1-based ranks (in ascending order) whose values the quantiles need,
    with linear interpolation between closest ranks."""
    positions: set[int] = set()
    for q in quantiles:
        exact = q * (count - 1)
        positions.update({math.floor(exact) + 1, math.ceil(exact) + 1})
    return {p for p in positions if 1 <= p <= count}


def quantiles_from(
    count: int, values_at: Mapping[int, float], quantiles: Sequence[float] = QUARTILES
) -> tuple[float, ...]:
    """Quantiles from the values at the ranks ``quantile_positions`` asked for;
    the same as ``statistics.quantiles(..., method="inclusive")``."""
    if count == 0:
        return tuple(math.nan for _ in quantiles)
    result = []
    for q in quantiles:
        exact = q * (count - 1)
        low, high = math.floor(exact), math.ceil(exact)
        below, above = values_at[low + 1], values_at[high + 1]
        result.append(below + (above - below) * (exact - low))
    return tuple(result)


def percentile_rank(below: int, equal: int, count: int) -> float | None:
    """Share of the group (0-100) scoring under a value, ties counted half:
    the organisation's position among its peers."""
    if count <= 0:
        return None
    return 100.0 * (below + 0.5 * equal) / count


def bucket(score: float) -> int:
    """The histogram bucket of a score in [0, 100]; 100 falls in the last one."""
    return min(int(score // (100 / BUCKETS)), BUCKETS - 1)


def histogram(counts_by_bucket: Mapping[int, int]) -> list[int]:
    """Counts for every bucket, empty ones included."""
    return [counts_by_bucket.get(index, 0) for index in range(BUCKETS)]
