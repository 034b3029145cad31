"""Maintained network figures (docs/adr/0021-maintained-network-figures.md).

Pages never aggregate score lines: each organisation's current snapshots are
copied, when they change, into one narrow row each (`MemberScores`, with the
organisation's size, sector and region as they are now) and its status into
`MemberState`; each network's figures per year, of its members' latest scores
(spread, themes, questions), of its members' statuses and of adopted practices
are then recomputed from those small tables into `NetworkFigures`, in the same
transaction, the network's row locked so that two submissions take turns.

Filtered views (a size, a sector, a club...) compute the same figures with
the same functions over the matching `MemberScores` rows, never over score
lines. `rebuild` recomputes everything from the source tables; the
`rebuild_network_figures --check` command and the tests compare the result
with the direct computation of `network_stats` and `peers`.
"""

import math
from collections import defaultdict
from collections.abc import Iterable
from datetime import timedelta

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from levier.accounts.models import Network, Organisation
from levier.assessments.models import Assessment, ScoreLine, ScoreSnapshot
from levier.engine import benchmarks
from levier.insights.models import MemberScores, MemberState, NetworkFigures, Sharing
from levier.plans.models import Action
from levier.practices.models import Adoption
from levier.tenancy.scope import system

OVERALL = "overall"
# Results older than this no longer describe how an organisation works today.
RECENT = timedelta(days=730)


def recent_cutoff():
    return timezone.now() - RECENT


# Plain statistics, shared by the maintained and the filtered paths ---------------


def median(values: list[float]) -> float | None:
    """The median as the direct computation gives it (interpolated between the
    closest ranks)."""
    if not values:
        return None
    ordered = sorted(values)
    ranks = benchmarks.quantile_positions(len(ordered), (0.5,))
    return benchmarks.quantiles_from(
        len(ordered), {rank: ordered[rank - 1] for rank in ranks}, (0.5,)
    )[0]


def year_figures(rows: Iterable[tuple]) -> list[dict]:
    """Per year and code (overall or a pillar): organisations, count, average,
    median, from rows (year, organisation_id, overall, pillars)."""
    values: dict[tuple, list[float]] = defaultdict(list)
    organisations: dict[tuple, set[int]] = defaultdict(set)
    snapshots: dict = defaultdict(int)
    for year, organisation_id, overall, pillars in rows:
        snapshots[year] += 1
        if overall is not None:
            values[(year, OVERALL)].append(overall)
            organisations[(year, OVERALL)].add(organisation_id)
        for code, score in pillars.items():
            if score is not None:
                values[(year, code)].append(score)
                organisations[(year, code)].add(organisation_id)
    figures = [
        {
            "year": year,
            "code": code,
            "organisations": len(organisations[(year, code)]),
            "n": len(found),
            "average": math.fsum(found) / len(found),
            "median": median(found),
        }
        for (year, code), found in values.items()
    ]
    figures += [
        {"year": year, "code": "", "snapshots": count} for year, count in snapshots.items()
    ]
    return figures


def bucket_counts(overalls: Iterable[float | None]) -> list[int]:
    counts: dict[int, int] = {}
    width = 100 / benchmarks.BUCKETS
    for overall in overalls:
        if overall is None:
            continue
        index = min(math.floor(overall / width), benchmarks.BUCKETS - 1)
        counts[index] = counts.get(index, 0) + 1
    return benchmarks.histogram(counts)


def latest_figures(rows: Iterable[tuple]) -> dict:
    """Over members' latest scores, rows (organisation_id, overall, themes, lost,
    size_band, naf_section, region): how many, how many per profile (for peer
    groups), their spread, theme averages and points lost per question."""
    scored = 0
    profiles: dict[str, int] = defaultdict(int)
    overalls = []
    themes: dict[str, list] = defaultdict(list)
    theme_orgs: dict[str, set] = defaultdict(set)
    lost: dict[str, list] = defaultdict(list)
    lost_orgs: dict[str, set] = defaultdict(set)
    for organisation_id, overall, theme_scores, lost_points, *profile in rows:
        scored += 1
        profiles[PROFILE_SEPARATOR.join(profile)] += 1
        overalls.append(overall)
        for code, score in theme_scores.items():
            if score is not None:
                themes[code].append(score)
                theme_orgs[code].add(organisation_id)
        for code, points in lost_points.items():
            if points is not None:
                lost[code].append(points)
                lost_orgs[code].add(organisation_id)
    questions = sorted(
        (
            {
                "code": code,
                "average_lost": math.fsum(points) / len(points),
                "organisations": len(lost_orgs[code]),
                "losing": sum(1 for p in points if p > 0),
            }
            for code, points in lost.items()
        ),
        key=lambda row: (-row["average_lost"], row["code"]),
    )
    return {
        "scored": scored,
        "profiles": dict(profiles),
        "buckets": bucket_counts(overalls),
        "themes": {
            code: {
                "code": code,
                "average": math.fsum(found) / len(found),
                "organisations": len(theme_orgs[code]),
            }
            for code, found in themes.items()
        },
        "questions": questions,
    }


OPEN = ("todo", "in_progress")


def plan_figures(rows: Iterable[tuple]) -> dict:
    """Actions open and done, open ones by due date (to count the overdue on
    the day), and organisations, in total and per theme, from rows
    (organisation_id, theme_code, status, due_date)."""

    def empty():
        return {"open": 0, "done": 0, "open_due": defaultdict(int), "organisations": set()}

    total, themes = empty(), defaultdict(empty)
    for organisation_id, theme_code, status, due_date in rows:
        targets = [total, themes[theme_code]] if theme_code else [total]
        for target in targets:
            target["organisations"].add(organisation_id)
            if status in OPEN:
                target["open"] += 1
                if due_date is not None:
                    target["open_due"][due_date.isoformat()] += 1
            elif status == "done":
                target["done"] += 1

    def plain(figures):
        return {
            **figures,
            "open_due": dict(figures["open_due"]),
            "organisations": len(figures["organisations"]),
        }

    return {"total": plain(total), "themes": {code: plain(f) for code, f in themes.items()}}


def plans_on(data: dict, today) -> tuple[dict, list[dict]]:
    """`network_stats.plan_figures`'s (total, by_theme) from `plan_figures` on ``today``."""
    day = today.isoformat()

    def shown(figures, **extra):
        overdue = sum(n for due, n in figures["open_due"].items() if due < day)
        return {
            **extra,
            "open": figures["open"],
            "done": figures["done"],
            "overdue": overdue,
            "organisations": figures["organisations"],
        }

    by_theme = [shown(f, theme_code=code) for code, f in data["themes"].items()]
    by_theme.sort(key=lambda row: (-row["open"], row["theme_code"]))
    return shown(data["total"]), by_theme


def status_figures(statuses: Iterable[str]) -> dict:
    counts = {"total": 0, "not_started": 0, "in_progress": 0, "submitted": 0}
    for status in statuses:
        counts["total"] += 1
        if not status:
            counts["not_started"] += 1
        elif status == Assessment.Status.DRAFT:
            counts["in_progress"] += 1
        elif status == Assessment.Status.SUBMITTED:
            counts["submitted"] += 1
    return counts


# Reading ----------------------------------------------------------------------


def latest_rows(network_id, framework_version_id):
    """The members' latest scores of the last 24 months (what benchmarks compare)."""
    return MemberScores.objects.filter(
        network_id=network_id,
        framework_version_id=framework_version_id,
        is_latest=True,
        created_at__gte=recent_cutoff(),
    )


PROFILE = ("size_band", "naf_section", "region")
PROFILE_SEPARATOR = "|"


def _latest_figures_of(queryset) -> dict:
    return latest_figures(
        queryset.values_list("organisation_id", "overall", "themes", "lost", *PROFILE)
    )


def latest_stored(network_id, version_id) -> dict:
    """The network's maintained latest figures, recounted first if some of its
    scores have turned older than 24 months since."""
    row = NetworkFigures.objects.filter(
        network_id=network_id, framework_version_id=version_id, kind=NetworkFigures.Kind.LATEST
    ).first()
    if row is None or (row.fresh_until and timezone.now() > row.fresh_until):
        with system(), transaction.atomic():
            refresh_latest(network_id, version_id)
        row = NetworkFigures.objects.get(
            network_id=network_id, framework_version_id=version_id, kind="latest"
        )
    return row.data


def profile_counts(data: dict, organisation, steps, own_counted: bool) -> dict:
    """How many others of the latest scores share ``organisation``'s values for
    each step's criteria (as `peers.choose` counts them), from ``data``'s
    per-profile counts, without the organisation itself when ``own_counted``."""
    fields = {"size": 0, "sector": 1, "region": 2}
    mine = (organisation.size_band or "", organisation.naf_section, organisation.region)
    counts = {}
    for step in steps:
        count = 0
        for key, n in data.get("profiles", {}).items():
            profile = key.split(PROFILE_SEPARATOR)
            if all(profile[fields[c]] == mine[fields[c]] for c in step):
                count += n
        counts[step] = count - (1 if own_counted else 0)
    return counts


def _year_figures_of(queryset) -> list[dict]:
    return year_figures(
        queryset.filter(is_current=True).values_list(
            "year", "organisation_id", "overall", "pillars"
        )
    )


class View:
    """The figures of one dashboard view: the network's maintained ones when
    no filter narrows the members, otherwise computed over the matching
    members' rows. A fixed number of queries either way."""

    def __init__(self, network, version, organisations, filtered: bool):
        self.network = network
        self.version = version
        self.organisations = organisations
        self.filtered = filtered
        self._stored: dict | None = None

    def stored(self) -> dict:
        """The network's figures, read once (one query)."""
        if self._stored is None:
            self._stored = {
                (row.framework_version_id, row.kind): row
                for row in NetworkFigures.objects.filter(network=self.network)
            }
        return self._stored

    def _rows(self):
        return MemberScores.objects.filter(
            network=self.network,
            framework_version=self.version,
            organisation__in=self.organisations.values("pk"),
        )

    def years(self) -> list[dict]:
        if self.filtered:
            return _year_figures_of(self._rows())
        row = self.stored().get((self.version.pk, NetworkFigures.Kind.YEARS))
        return row.data["figures"] if row else []

    def latest(self) -> dict:
        if self.filtered:
            return _latest_figures_of(
                self._rows().filter(is_latest=True, created_at__gte=recent_cutoff())
            )
        row = self.stored().get((self.version.pk, NetworkFigures.Kind.LATEST))
        if row is None or (row.fresh_until and timezone.now() > row.fresh_until):
            # Latest scores older than 24 months have left since: recount once.
            with system(), transaction.atomic():
                refresh_latest(self.network.pk, self.version.pk)
            row = NetworkFigures.objects.get(
                network=self.network, framework_version=self.version, kind="latest"
            )
            self.stored()[(self.version.pk, NetworkFigures.Kind.LATEST)] = row
        return row.data

    def statuses(self) -> dict:
        if self.filtered:
            return status_figures(
                MemberState.objects.filter(
                    organisation__in=self.organisations.values("pk")
                ).values_list("latest_status", flat=True)
            )
        row = self.stored().get((None, NetworkFigures.Kind.MEMBERS))
        return row.data if row else status_figures([])

    def plans(self) -> tuple[dict, list[dict]]:
        today = timezone.localdate()
        if self.filtered:
            rows = Action.objects.filter(organisation__in=self.organisations.values("pk"))
            return plans_on(plan_figures(rows.values_list(*ACTION_FIELDS)), today)
        row = self.stored().get((None, NetworkFigures.Kind.PLANS))
        return plans_on(row.data if row else plan_figures([]), today)

    def _adoptions(self):
        return Adoption.objects.filter(organisation__in=self.organisations.values("pk"))

    def practices(self) -> list[tuple[int, int]]:
        """(practice id, adopters), most adopted first."""
        if self.filtered:
            return [
                (row["practice"], row["adopters"])
                for row in Adoption.objects.filter(
                    organisation__in=self.organisations.values("pk")
                )
                .values("practice")
                .annotate(adopters=Count("organisation", distinct=True))
                .order_by("-adopters", "practice")
            ]
        row = self.stored().get((None, NetworkFigures.Kind.PRACTICES))
        return [tuple(pair) for pair in row.data["adopters"]] if row else []


def versions(network) -> list[tuple[int, int]]:
    """(framework version id, current snapshots), most used first."""
    counts = {}
    for row in NetworkFigures.objects.filter(network=network, kind=NetworkFigures.Kind.YEARS):
        counts[row.framework_version_id] = sum(
            figure.get("snapshots", 0) for figure in row.data["figures"]
        )
    return sorted(counts.items(), key=lambda item: (-item[1], -item[0]))


# Maintaining ---------------------------------------------------------------------


def _store(network_id, version_id, kind, data, fresh_until=None) -> None:
    NetworkFigures.objects.update_or_create(
        network_id=network_id,
        framework_version_id=version_id,
        kind=kind,
        defaults={"data": data, "fresh_until": fresh_until},
    )


def refresh_years(network_id, version_id, years: set | None = None) -> None:
    """Per-year figures, recomputed for ``years`` (all when None)."""
    rows = MemberScores.objects.filter(network_id=network_id, framework_version_id=version_id)
    kept = []
    if years is not None:
        stored = NetworkFigures.objects.filter(
            network_id=network_id, framework_version_id=version_id, kind="years"
        ).first()
        kept = [f for f in stored.data["figures"] if f["year"] not in years] if stored else []
        wanted = Q(year__in=[year for year in years if year is not None])
        if None in years:
            wanted |= Q(year__isnull=True)
        rows = rows.filter(wanted)
    figures = sorted(
        kept + _year_figures_of(rows),
        key=lambda f: (f["year"] is None, f["year"] or 0, f["code"]),
    )
    if figures:
        _store(network_id, version_id, NetworkFigures.Kind.YEARS, {"figures": figures})
    else:
        NetworkFigures.objects.filter(
            network_id=network_id, framework_version_id=version_id, kind="years"
        ).delete()


def refresh_latest(network_id, version_id) -> None:
    rows = latest_rows(network_id, version_id)
    oldest = min(rows.values_list("created_at", flat=True), default=None)
    _store(
        network_id,
        version_id,
        NetworkFigures.Kind.LATEST,
        _latest_figures_of(rows),
        fresh_until=oldest + RECENT if oldest else None,
    )


def refresh_statuses(network_id) -> None:
    statuses = MemberState.objects.filter(network_id=network_id).values_list(
        "latest_status", flat=True
    )
    _store(network_id, None, NetworkFigures.Kind.MEMBERS, status_figures(statuses))


def refresh_practices(network_id) -> None:
    rows = (
        Adoption.objects.filter(organisation__network_id=network_id)
        .values("practice")
        .annotate(adopters=Count("organisation", distinct=True))
        .order_by("-adopters", "practice")
    )
    _store(
        network_id,
        None,
        NetworkFigures.Kind.PRACTICES,
        {"adopters": [[row["practice"], row["adopters"]] for row in rows]},
    )


ACTION_FIELDS = ("organisation_id", "theme_code", "status", "due_date")


def refresh_plans(network_id) -> None:
    rows = Action.objects.filter(organisation__network_id=network_id).values_list(*ACTION_FIELDS)
    _store(network_id, None, NetworkFigures.Kind.PLANS, plan_figures(rows))


def refresh_network(network_id, version_ids: Iterable[int] | None = None) -> None:
    """Recompute a network's figures (of these framework versions, or all)."""
    Network.objects.select_for_update().filter(pk=network_id).first()
    if version_ids is None:
        version_ids = set(
            MemberScores.objects.filter(network_id=network_id)
            .values_list("framework_version_id", flat=True)
            .distinct()
        ) | set(
            NetworkFigures.objects.filter(network_id=network_id, framework_version__isnull=False)
            .values_list("framework_version_id", flat=True)
            .distinct()
        )
    for version_id in sorted(set(version_ids)):
        refresh_years(network_id, version_id)
        refresh_latest(network_id, version_id)
    refresh_statuses(network_id)
    refresh_practices(network_id)
    refresh_plans(network_id)


def _score_rows(snapshots: list[ScoreSnapshot], organisations: dict) -> list[MemberScores]:
    lines: dict[int, list] = defaultdict(list)
    latest_ids = [s.pk for s in snapshots if s.is_latest]
    wanted = Q(snapshot__in=[s.pk for s in snapshots], level=ScoreLine.Level.PILLAR) | Q(
        snapshot__in=latest_ids, level__in=[ScoreLine.Level.THEME, ScoreLine.Level.QUESTION]
    )
    for snapshot_id, level, code, score, lost in ScoreLine.objects.filter(wanted).values_list(
        "snapshot_id", "level", "code", "score", "lost"
    ):
        lines[snapshot_id].append((level, code, score, lost))
    rows = []
    for snapshot in snapshots:
        organisation = organisations[snapshot.organisation_id]
        pillars, themes, lost = {}, {}, {}
        for level, code, score, points in lines[snapshot.pk]:
            if level == ScoreLine.Level.PILLAR:
                pillars[code] = score
            elif level == ScoreLine.Level.THEME:
                themes[code] = score
            else:
                lost[code] = points
        rows.append(
            MemberScores(
                snapshot_id=snapshot.pk,
                organisation_id=organisation.pk,
                network_id=organisation.network_id,
                framework_version_id=snapshot.framework_version_id,
                year=snapshot.year,
                created_at=snapshot.created_at,
                is_current=snapshot.is_current,
                is_latest=snapshot.is_latest,
                size_band=organisation.size_band or "",
                naf_section=organisation.naf_section,
                region=organisation.region,
                overall=snapshot.overall,
                pillars=pillars,
                themes=themes,
                lost=lost,
            )
        )
    return rows


def _states(organisations: list[Organisation]) -> list[MemberState]:
    latest: dict[int, tuple] = {}
    submitted: dict[int, object] = {}
    for organisation_id, pk, created_at, status, period, submitted_at in Assessment.objects.filter(
        organisation__in=organisations
    ).values_list("organisation_id", "pk", "created_at", "status", "period", "submitted_at"):
        known = latest.get(organisation_id)
        if known is None or (created_at, pk) > known[:2]:
            latest[organisation_id] = (created_at, pk, status, period)
        if status != Assessment.Status.SUBMITTED or submitted_at is None:
            continue
        if organisation_id not in submitted or submitted_at > submitted[organisation_id]:
            submitted[organisation_id] = submitted_at
    sharing = set(
        Sharing.objects.filter(organisation__in=organisations).values_list(
            "organisation_id", flat=True
        )
    )
    return [
        MemberState(
            organisation_id=organisation.pk,
            network_id=organisation.network_id,
            latest_status=latest[organisation.pk][2] if organisation.pk in latest else "",
            latest_period=latest[organisation.pk][3] if organisation.pk in latest else "",
            latest_submitted_at=submitted.get(organisation.pk),
            shares=organisation.pk in sharing,
        )
        for organisation in organisations
    ]


def member_rows(organisations: list[Organisation]) -> tuple[list, list]:
    """The MemberScores and MemberState rows of these organisations, from the
    source tables."""
    snapshots = defaultdict(list)
    for snapshot in ScoreSnapshot.objects.filter(organisation__in=organisations).filter(
        Q(is_current=True) | Q(is_latest=True)
    ):
        snapshots[snapshot.organisation_id].append(snapshot)
    all_snapshots = [s for organisation in organisations for s in snapshots[organisation.pk]]
    scores = _score_rows(all_snapshots, {o.pk: o for o in organisations})
    return scores, _states(organisations)


def _fingerprint(row: MemberScores) -> tuple:
    return (
        row.snapshot_id,
        row.network_id,
        row.framework_version_id,
        row.year,
        row.created_at,
        row.is_current,
        row.is_latest,
        row.overall,
        repr(sorted(row.pillars.items())),
        repr(sorted(row.themes.items())),
        repr(sorted(row.lost.items())),
    )


@transaction.atomic
def refresh_organisation(
    organisation_id: int, previous_network_id=None, everything: bool = False
) -> None:
    """Rewrite one organisation's rows, then the figures they changed: the
    years whose rows differ, the latest scores, the statuses; a whole network's
    figures when the organisation left it or joined it."""
    before = list(MemberScores.objects.filter(organisation_id=organisation_id))
    state_before = MemberState.objects.filter(organisation_id=organisation_id).first()
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    scores, states = member_rows([organisation]) if organisation else ([], [])
    MemberScores.objects.filter(organisation_id=organisation_id).delete()
    MemberScores.objects.bulk_create(scores)
    MemberState.objects.filter(organisation_id=organisation_id).delete()
    MemberState.objects.bulk_create(states)

    networks_before = {row.network_id for row in before}
    if state_before:
        networks_before.add(state_before.network_id)
    if previous_network_id:
        networks_before.add(previous_network_id)
    network_now = organisation.network_id if organisation else None
    moved = networks_before - {network_now}
    for network_id in sorted(moved):  # it left: everything of that network
        refresh_network(network_id)
    if network_now is None:
        return
    if everything or (network_now not in networks_before and (scores or networks_before)):
        # It came from another network, or rows left with a deletion (their
        # own rows went with them, so what changed cannot be told): all of it.
        refresh_network(network_now)
        return
    changed = {_fingerprint(row) for row in before} ^ {_fingerprint(row) for row in scores}
    years = defaultdict(set)
    for fingerprint in changed:
        years[fingerprint[2]].add(fingerprint[3])
    if changed or state_before is None or state_before.latest_status != states[0].latest_status:
        Network.objects.select_for_update().filter(pk=network_now).first()
    for version_id, touched in sorted(years.items()):
        refresh_years(network_now, version_id, touched)
        refresh_latest(network_now, version_id)
    if state_before is None or state_before.latest_status != states[0].latest_status:
        refresh_statuses(network_now)
    if state_before is None:
        refresh_practices(network_now)
        refresh_plans(network_now)


@transaction.atomic
def refresh_profile(organisation: Organisation) -> None:
    """Size, sector or region changed: the rows follow, and the per-profile
    counts of the latest scores."""
    rows = MemberScores.objects.filter(organisation_id=organisation.pk)
    rows.update(
        size_band=organisation.size_band or "",
        naf_section=organisation.naf_section,
        region=organisation.region,
    )
    Network.objects.select_for_update().filter(pk=organisation.network_id).first()
    for version_id in set(rows.values_list("framework_version_id", flat=True)):
        refresh_latest(organisation.network_id, version_id)


def refresh_sharing(organisation_id: int) -> None:
    MemberState.objects.filter(organisation_id=organisation_id).update(
        shares=Sharing.objects.filter(organisation_id=organisation_id).exists()
    )


@transaction.atomic
def rebuild(network_ids: Iterable[int] | None = None, chunk: int = 500) -> None:
    """Every maintained figure, from the source tables (after a bulk load, a
    restore, a rescore)."""
    networks = Network.objects.all()
    if network_ids is not None:
        networks = networks.filter(pk__in=list(network_ids))
    for network in networks.order_by("pk"):
        MemberScores.objects.filter(network=network).delete()
        MemberState.objects.filter(network=network).delete()
        NetworkFigures.objects.filter(network=network).delete()
        ids = list(
            Organisation.objects.filter(network=network)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        for start in range(0, len(ids), chunk):
            organisations = list(Organisation.objects.filter(pk__in=ids[start : start + chunk]))
            scores, states = member_rows(organisations)
            MemberScores.objects.bulk_create(scores, batch_size=2000)
            MemberState.objects.bulk_create(states, batch_size=2000)
        refresh_network(network.pk)
