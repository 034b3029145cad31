"""A network's footprint: its members' inventories summed, their intensities
spread in quartiles, the weight of each post; and one member's position among
its peers.

Every figure obeys the anonymity rule of ``levier.engine.benchmarks``: nothing
is given over fewer than ``MIN_OTHERS`` organisations (a year with fewer
members is left out; a quartile over fewer members with a headcount, or a
revenue, is None). Quartiles are those of the benchmarks (linear
interpolation between closest ranks, ``statistics.quantiles(method=
"inclusive")``); a percentile counts ties half.

Plain Python, no Django: the caller reads the records from the database,
inside the network's aggregating scope.
"""

import math
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from levier.engine import benchmarks


@dataclass(frozen=True)
class MemberFootprint:
    """One member's footprint of one year (or of one of its sites: records of
    the same organisation and year are parts of it and are added up)."""

    organisation: Hashable
    year: int
    kg: float
    kg_by_post: Mapping[str, float] = field(default_factory=dict)
    headcount: float | None = None
    revenue_keur: float | None = None


@dataclass(frozen=True)
class Spread:
    """Quartiles of a figure over ``count`` organisations."""

    count: int
    q1: float
    median: float
    q3: float


@dataclass(frozen=True)
class YearAggregate:
    year: int
    members: int  # organisations
    kg: float
    kg_by_post: dict[str, float]
    post_shares: dict[str, float]  # of the network's total, 0..1
    mean_post_shares: dict[str, float]  # each member's share, averaged over the members
    per_employee: Spread | None  # kgCO2e per employee, None under the anonymity rule
    per_keur: Spread | None  # kgCO2e per k€ of revenue, idem


@dataclass(frozen=True)
class PeerPosition:
    count: int  # peers
    q1: float
    median: float
    q3: float
    percentile: float  # share of the peers (0-100) below the own figure, ties half


def intensity(kg: float, denominator: float | None) -> float | None:
    """Emissions per unit of the denominator, None without a positive one
    (or one so small that the ratio overflows: no figure to compare)."""
    if denominator is None or not denominator > 0:
        return None
    value = kg / denominator
    return value if math.isfinite(value) else None


def spread(values: Sequence[float]) -> Spread | None:
    """Quartiles of the values, or None when they are too few to be shown."""
    if not benchmarks.may_show(len(values)):
        return None
    ordered = sorted(values)
    wanted = benchmarks.quantile_positions(len(ordered))
    q1, median, q3 = benchmarks.quantiles_from(
        len(ordered), {rank: ordered[rank - 1] for rank in wanted}
    )
    return Spread(len(ordered), q1, median, q3)


def _merged(records: Iterable[MemberFootprint]) -> dict[int, dict[Hashable, MemberFootprint]]:
    """Per year, one footprint per organisation, its parts added up."""
    years: dict[int, dict[Hashable, MemberFootprint]] = {}
    for record in records:
        members = years.setdefault(record.year, {})
        seen = members.get(record.organisation)
        if seen is None:
            members[record.organisation] = record
            continue
        posts = dict(seen.kg_by_post)
        for post, kg in record.kg_by_post.items():
            posts[post] = posts.get(post, 0.0) + kg
        members[record.organisation] = MemberFootprint(
            record.organisation,
            record.year,
            seen.kg + record.kg,
            posts,
            _added(seen.headcount, record.headcount),
            _added(seen.revenue_keur, record.revenue_keur),
        )
    return years


def _added(a: float | None, b: float | None) -> float | None:
    if a is None or b is None:
        return b if a is None else a
    return a + b


def year_aggregate(year: int, members: Sequence[MemberFootprint]) -> YearAggregate | None:
    """The network's figures of one year, one record per organisation; None
    under the anonymity threshold."""
    if not benchmarks.may_show(len(members)):
        return None
    kg = math.fsum(m.kg for m in members)
    by_post: dict[str, list[float]] = {}
    shares: dict[str, list[float]] = {}
    for member in members:
        for post, post_kg in member.kg_by_post.items():
            by_post.setdefault(post, []).append(post_kg)
            if member.kg > 0:
                shares.setdefault(post, []).append(post_kg / member.kg)
    kg_by_post = {post: math.fsum(values) for post, values in by_post.items()}
    per_employee = [intensity(m.kg, m.headcount) for m in members]
    per_keur = [intensity(m.kg, m.revenue_keur) for m in members]
    return YearAggregate(
        year=year,
        members=len(members),
        kg=kg,
        kg_by_post=kg_by_post,
        post_shares={post: (v / kg if kg > 0 else 0.0) for post, v in kg_by_post.items()},
        mean_post_shares={post: math.fsum(v) / len(members) for post, v in shares.items()},
        per_employee=spread([v for v in per_employee if v is not None]),
        per_keur=spread([v for v in per_keur if v is not None]),
    )


def network_aggregate(records: Iterable[MemberFootprint]) -> dict[int, YearAggregate]:
    """Per year (in order), the network's figures; a year with fewer members
    than the anonymity rule allows is left out."""
    result = {}
    for year, members in sorted(_merged(records).items()):
        aggregate = year_aggregate(year, list(members.values()))
        if aggregate is not None:
            result[year] = aggregate
    return result


def peer_position(
    own_intensity: float | None,
    peers_intensities: Iterable[float | None],
    includes_own: bool = False,
) -> PeerPosition | None:
    """Where a member's intensity stands among its peers' (the others', or
    everyone's with ``includes_own``): their quartiles and the share of them
    emitting less; None without an own figure or under the anonymity rule."""
    peers = sorted(v for v in peers_intensities if v is not None and math.isfinite(v))
    if own_intensity is None or not math.isfinite(own_intensity):
        return None
    if not benchmarks.may_show(len(peers), includes_viewer=includes_own):
        return None
    # Enough peers for the rule, hence for ``spread``'s (which counts them all).
    quartiles = spread(peers)
    below = sum(1 for v in peers if v < own_intensity)
    equal = sum(1 for v in peers if v == own_intensity)
    return PeerPosition(
        count=len(peers),
        q1=quartiles.q1,
        median=quartiles.median,
        q3=quartiles.q3,
        percentile=benchmarks.percentile_rank(below, equal, len(peers)),
    )
