"""Peer groups and an organisation's position among its peers, counted by the
database. The anonymity rule lives in `levier.engine.benchmarks`; every figure
about other organisations goes through `peer_group` or `shown_group`."""

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from django.db.models import Count, F, Q, QuerySet, Window
from django.db.models.functions import Floor, RowNumber
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from levier.accounts import naf
from levier.accounts.models import Organisation, SizeBand
from levier.accounts.regions import Region
from levier.assessments.models import ScoreLine, ScoreSnapshot
from levier.engine import benchmarks
from levier.insights import figures

RECENT = figures.RECENT
CRITERIA = {"size": "size_band", "sector": "naf_section", "region": "region"}
OVERALL = "overall"


def latest_snapshots(network, framework_version) -> QuerySet:
    """Each organisation's latest scores of this framework version, submitted
    in the last 24 months, in the network."""
    return ScoreSnapshot.objects.filter(
        organisation__network=network,
        framework_version=framework_version,
        is_latest=True,
        created_at__gte=timezone.now() - RECENT,
    )


def organisation_filter(organisation: Organisation, criteria, prefix="organisation__") -> Q:
    """Organisations sharing ``organisation``'s values for the criteria."""
    return Q(
        **{f"{prefix}{CRITERIA[name]}": getattr(organisation, CRITERIA[name]) for name in criteria}
    )


def _count(condition: Q) -> Count:
    return Count("pk", filter=condition) if condition else Count("pk")


@dataclass
class PeerGroup:
    """The organisations an organisation is compared with (never itself)."""

    choice: benchmarks.GroupChoice | None
    snapshots: QuerySet | None
    description: str = ""
    wanted: tuple[str, ...] = field(default_factory=tuple)

    @property
    def shown(self) -> bool:
        return self.choice is not None


def choose(candidates: QuerySet, organisation: Organisation, wanted, prefix="organisation__"):
    """The anonymity rule over ``candidates`` (other organisations, or rows
    reaching them through ``prefix``): the narrowest widening step of
    ``wanted`` with enough of them, counted in one query; None if none has."""
    steps = benchmarks.widening_steps(wanted)
    counts = candidates.aggregate(
        **{
            f"step{index}": _count(organisation_filter(organisation, step, prefix))
            for index, step in enumerate(steps)
        }
    )
    return benchmarks.choose_group(
        wanted, {step: counts[f"step{index}"] for index, step in enumerate(steps)}
    )


def peer_group(organisation: Organisation, framework_version, wanted) -> PeerGroup:
    """The narrowest group matching ``wanted`` criteria that the anonymity rule
    allows, widened region first, then sector, then size. The group sizes come
    from the network's maintained per-profile counts; its ``snapshots`` are the
    members' maintained latest scores (`MemberScores`), which carry their
    organisation's size, sector and region."""
    latest = figures.latest_rows(organisation.network_id, framework_version.pk)
    own_counted = latest.filter(organisation=organisation).exists()
    steps = benchmarks.widening_steps(wanted)
    data = figures.latest_stored(organisation.network_id, framework_version.pk)
    counts = figures.profile_counts(data, organisation, steps, own_counted)
    choice = benchmarks.choose_group(wanted, counts)
    if choice is None:
        return PeerGroup(None, None, wanted=tuple(wanted))
    snapshots = latest.exclude(organisation=organisation).filter(
        organisation_filter(organisation, choice.criteria, prefix="")
    )
    return PeerGroup(
        choice, snapshots, describe(organisation, choice.criteria, choice.others), tuple(wanted)
    )


def direct_peer_group(organisation: Organisation, framework_version, wanted) -> PeerGroup:
    """`peer_group` over the score snapshots themselves (the direct computation)."""
    others = latest_snapshots(organisation.network, framework_version).exclude(
        organisation=organisation
    )
    choice = choose(others, organisation, wanted)
    if choice is None:
        return PeerGroup(None, None, wanted=tuple(wanted))
    snapshots = others.filter(organisation_filter(organisation, choice.criteria))
    return PeerGroup(
        choice, snapshots, describe(organisation, choice.criteria, choice.others), tuple(wanted)
    )


def circle_group(organisation: Organisation, framework_version, ids, name: str) -> PeerGroup:
    """The members of a club or cohort (``ids``), when they are enough."""
    others = (
        figures.latest_rows(organisation.network_id, framework_version.pk)
        .exclude(organisation=organisation)
        .filter(organisation__in=ids)
    )
    count = others.count()
    if not benchmarks.may_show(count):
        return PeerGroup(None, None)
    choice = benchmarks.GroupChoice(("circle",), count, ())
    return PeerGroup(choice, others, _counted(name, count))


def describe(organisation: Organisation, criteria, count: int) -> str:
    """The group in words: "companies of 10 to 49 people, NAF section C,
    Hauts-de-France: 23 organisations"."""
    parts = []
    if "size" in criteria:
        parts.append(str(SizeBand(organisation.size_band).label))
    if "sector" in criteria:
        parts.append(
            _("sector %(section)s (%(title)s)")
            % {
                "section": organisation.naf_section,
                "title": naf.section_title(organisation.naf_section, get_language() or "fr"),
            }
        )
    if "region" in criteria:
        parts.append(str(Region(organisation.region).label))
    return _counted(", ".join(parts) if parts else _("all members of the network"), count)


def _counted(scope: str, count: int) -> str:
    return ngettext(
        "%(scope)s: %(count)s organisation", "%(scope)s: %(count)s organisations", count
    ) % {"scope": scope, "count": count}


@dataclass(frozen=True)
class Position:
    """Where a score stands in a group: percentile and the group's quartiles."""

    code: str
    mine: float | None
    count: int
    percentile: float | None
    quartiles: tuple[float, float, float] | None

    @property
    def median(self) -> float | None:
        return self.quartiles[1] if self.quartiles else None


def _values(group_snapshots: QuerySet, pillar_codes) -> tuple[QuerySet, QuerySet]:
    overall = group_snapshots.filter(overall__isnull=False)
    pillars = ScoreLine.objects.filter(
        snapshot__in=group_snapshots.values("pk"),
        level=ScoreLine.Level.PILLAR,
        code__in=pillar_codes,
        score__isnull=False,
    )
    return overall, pillars


def order_statistics(queryset: QuerySet, value: str, partition: tuple, wanted: dict) -> dict:
    """{(key, rank): value} for the ranks asked per partition key (a tuple of
    the ``partition`` fields' values), in one query: the database ranks, only
    the few rows asked for come back."""
    over = {"partition_by": [F(name) for name in partition]} if partition else {}
    ranked = queryset.annotate(
        rank=Window(RowNumber(), order_by=[F(value).asc(), F("pk").asc()], **over)
    )
    # Filtering on the rank alone: Django cannot yet filter a window query on
    # an annotated partition field (the year), and the extra rows are few.
    needed = {rank for ranks in wanted.values() for rank in ranks}
    if not needed:
        return {}
    rows = ranked.filter(rank__in=sorted(needed)).values_list(*partition, "rank", value)
    found = {}
    for row in rows:
        key, rank = tuple(row[: len(partition)]), row[-2]
        if rank in wanted.get(key, ()):
            found[(key, rank)] = row[-1]
    return found


def positions(group_snapshots: QuerySet, mine: dict[str, float | None]) -> dict[str, Position]:
    """Percentile and quartiles for the overall score and each pillar of
    ``mine`` ({"overall": 57.0, "ENV": 41.2, ...}), in four queries."""
    pillar_codes = [code for code in mine if code != OVERALL]
    overall, pillars = _values(group_snapshots, pillar_codes)

    def counting(field_name, code, score):
        base = Q(code=code) if code != OVERALL else Q()
        counts = {f"n_{code}": _count(base)}
        if score is not None:
            counts[f"below_{code}"] = Count("pk", filter=base & Q(**{f"{field_name}__lt": score}))
            counts[f"equal_{code}"] = Count("pk", filter=base & Q(**{field_name: score}))
        return counts

    totals = overall.aggregate(**counting("overall", OVERALL, mine.get(OVERALL)))
    if pillar_codes:
        pillar_counts = {}
        for code in pillar_codes:
            pillar_counts.update(counting("score", code, mine[code]))
        totals.update(pillars.aggregate(**pillar_counts))
    ranks = {code: benchmarks.quantile_positions(totals[f"n_{code}"]) for code in mine}
    picked = {
        (OVERALL, rank): v
        for ((), rank), v in order_statistics(overall, "overall", (), {(): ranks[OVERALL]}).items()
    }
    if pillar_codes:
        wanted = {(code,): ranks[code] for code in pillar_codes}
        for (key, rank), v in order_statistics(pillars, "score", ("code",), wanted).items():
            picked[(key[0], rank)] = v
    result = {}
    for code, score in mine.items():
        count = totals[f"n_{code}"]
        values_at = {rank: picked[(code, rank)] for rank in ranks[code]}
        result[code] = Position(
            code=code,
            mine=score,
            count=count,
            percentile=benchmarks.percentile_rank(
                totals.get(f"below_{code}", 0), totals.get(f"equal_{code}", 0), count
            )
            if score is not None
            else None,
            quartiles=benchmarks.quantiles_from(count, values_at) if count else None,
        )
    return result


def distribution(snapshots: QuerySet) -> list[int]:
    """How many overall scores fall in each tenth of the scale."""
    rows = (
        snapshots.filter(overall__isnull=False)
        .annotate(bucket=Floor(F("overall") / (100 / benchmarks.BUCKETS)))
        .values("bucket")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts: dict[int, int] = {}
    for row in rows:
        index = min(int(row["bucket"]), benchmarks.BUCKETS - 1)
        counts[index] = counts.get(index, 0) + row["n"]
    return benchmarks.histogram(counts)


def group_scores(group_rows: QuerySet) -> list[tuple]:
    """A group's (overall, pillars) of its maintained latest scores, in one query."""
    return list(group_rows.values_list("overall", "pillars"))


def positions_among(scores: list[tuple], mine: dict[str, float | None]) -> dict[str, Position]:
    """`positions` over a group's `group_scores`."""
    values: dict[str, list[float]] = {code: [] for code in mine}
    for overall, pillars in scores:
        if overall is not None and OVERALL in values:
            values[OVERALL].append(overall)
        for code, found in values.items():
            if code != OVERALL and pillars.get(code) is not None:
                found.append(pillars[code])
    result = {}
    for code, score in mine.items():
        ordered = sorted(values[code])
        count = len(ordered)
        ranks = benchmarks.quantile_positions(count)
        percentile = None
        if score is not None:
            below = bisect_left(ordered, score)
            equal = bisect_right(ordered, score) - below
            percentile = benchmarks.percentile_rank(below, equal, count)
        result[code] = Position(
            code=code,
            mine=score,
            count=count,
            percentile=percentile,
            quartiles=benchmarks.quantiles_from(count, {r: ordered[r - 1] for r in ranks})
            if count
            else None,
        )
    return result


def spread(scores: list[tuple]) -> list[int]:
    """`distribution` over a group's `group_scores`."""
    return figures.bucket_counts(overall for overall, _pillars in scores)
