"""The network's aggregated figures for its animators, counted by the database
in a fixed number of queries whatever the number of members.

Figures about scores, practices and plans are shown only for groups of at
least `benchmarks.MIN_OTHERS` organisations; the list of members and where
each stands in its assessment is the animators' own business and always shown.
"""

from dataclasses import dataclass

from django.db.models import Avg, Count, Exists, F, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils import timezone

from levier.accounts.models import Organisation
from levier.assessments.models import Assessment, ScoreLine, ScoreSnapshot
from levier.engine import benchmarks
from levier.events.models import Event, Registration
from levier.insights import circles, peers
from levier.insights.models import Sharing
from levier.plans.models import Action
from levier.practices.models import Adoption, Practice

OVERALL = peers.OVERALL


def members(network, filters: dict) -> QuerySet:
    """The network's organisations matching the dashboard's filters."""
    queryset = Organisation.objects.filter(network=network)
    for name, field_name in peers.CRITERIA.items():
        if filters.get(name):
            queryset = queryset.filter(**{field_name: filters[name]})
    if filters.get("club"):
        queryset = queryset.filter(pk__in=circles.club(network, filters["club"]))
    if filters.get("programme"):
        queryset = queryset.filter(pk__in=circles.cohort(network, filters["programme"]))
    return queryset


def with_status(organisations: QuerySet) -> QuerySet:
    """Each organisation with its latest assessment's status, period and
    submission date, and whether it shares its results (maintained: see
    `figures`; `direct_with_status` computes the same from assessments)."""
    return organisations.annotate(
        # None, like the direct computation, for an organisation with no assessment.
        latest_status=NullIf("insights_state__latest_status", Value("")),
        latest_period=NullIf("insights_state__latest_period", Value("")),
        latest_submitted_at=F("insights_state__latest_submitted_at"),
        shares=Coalesce("insights_state__shares", Value(False)),
    )


def direct_with_status(organisations: QuerySet) -> QuerySet:
    """`with_status` computed from the assessments themselves."""
    latest = Assessment.objects.filter(organisation=OuterRef("pk")).order_by("-created_at", "-pk")
    return organisations.annotate(
        latest_status=Subquery(latest.values("status")[:1]),
        latest_period=Subquery(latest.values("period")[:1]),
        latest_submitted_at=Subquery(
            Assessment.objects.filter(
                organisation=OuterRef("pk"), status=Assessment.Status.SUBMITTED
            )
            .order_by("-submitted_at")
            .values("submitted_at")[:1]
        ),
        shares=Exists(Sharing.objects.filter(organisation=OuterRef("pk"))),
    )


def status_counts(organisations: QuerySet) -> dict[str, int]:
    """How many members have not started, have an assessment in progress, or
    submitted one (their latest assessment decides), counted from the
    assessments (pages read `figures.View.statuses`)."""
    annotated = direct_with_status(organisations)
    return annotated.aggregate(
        total=Count("pk"),
        not_started=Count("pk", filter=Q(latest_status__isnull=True)),
        in_progress=Count("pk", filter=Q(latest_status=Assessment.Status.DRAFT)),
        submitted=Count("pk", filter=Q(latest_status=Assessment.Status.SUBMITTED)),
    )


def current_snapshots(network, framework_version, organisations: QuerySet) -> QuerySet:
    return peers.latest_snapshots(network, framework_version).filter(
        organisation__in=organisations.values("pk")
    )


@dataclass(frozen=True)
class YearFigures:
    year: int
    code: str
    organisations: int
    average: float | None
    median: float | None

    @property
    def shown(self) -> bool:
        return benchmarks.may_show(self.organisations)


def yearly_scores(framework_version, organisations: QuerySet, pillar_codes) -> list[YearFigures]:
    """Average and median of the overall and pillar scores, per year of
    submission, over the submitted assessments of these organisations, computed
    from score lines (the direct computation: pages read `figures`)."""
    snapshots = ScoreSnapshot.objects.filter(
        framework_version=framework_version,
        is_current=True,
        organisation__in=organisations.values("pk"),
    )
    lines = ScoreLine.objects.filter(
        snapshot__framework_version=framework_version,
        snapshot__is_current=True,
        snapshot__organisation__in=organisations.values("pk"),
        level=ScoreLine.Level.PILLAR,
        code__in=list(pillar_codes),
        score__isnull=False,
    ).annotate(year=F("snapshot__year"))
    overall_rows = (
        snapshots.filter(overall__isnull=False)
        .values("year")
        .annotate(n=Count("pk"), orgs=Count("organisation", distinct=True), average=Avg("overall"))
        .order_by("year")
    )
    pillar_rows = (
        lines.values("year", "code")
        .annotate(
            n=Count("pk"),
            orgs=Count("snapshot__organisation", distinct=True),
            average=Avg("score"),
        )
        .order_by("year", "code")
    )
    totals = {(row["year"], OVERALL): row for row in overall_rows}
    totals.update({(row["year"], row["code"]): row for row in pillar_rows})
    medians = _medians(
        snapshots.filter(overall__isnull=False),
        "overall",
        ("year",),
        {(year,): row["n"] for (year, code), row in totals.items() if code == OVERALL},
    )
    medians.update(
        {
            (year, code): value
            for (year, code), value in _medians(
                lines,
                "score",
                ("year", "code"),
                {
                    (year, code): row["n"]
                    for (year, code), row in totals.items()
                    if code != OVERALL
                },
            ).items()
        }
    )
    return [
        YearFigures(
            year=year,
            code=code,
            organisations=row["orgs"],
            average=row["average"],
            median=medians.get((year, code) if code != OVERALL else (year,)),
        )
        for (year, code), row in sorted(totals.items())
    ]


def _medians(queryset, value, partition, counts: dict[tuple, int]) -> dict[tuple, float]:
    wanted = {key: benchmarks.quantile_positions(n, (0.5,)) for key, n in counts.items()}
    picked = peers.order_statistics(queryset, value, partition, wanted)
    return {
        key: benchmarks.quantiles_from(
            n, {rank: picked[(key, rank)] for rank in wanted[key]}, (0.5,)
        )[0]
        for key, n in counts.items()
    }


def top_practices(organisations: QuerySet, limit: int = 10) -> list[tuple[Practice, int]]:
    rows = list(
        Adoption.objects.filter(organisation__in=organisations.values("pk"))
        .values("practice")
        .annotate(adopters=Count("organisation", distinct=True))
        .order_by("-adopters", "practice")[:limit]
    )
    practices = Practice.objects.in_bulk([row["practice"] for row in rows])
    return [(practices[row["practice"]], row["adopters"]) for row in rows]


def _plan_counts(today) -> dict:
    open_statuses = [Action.Status.TODO, Action.Status.IN_PROGRESS]
    return {
        "open": Count("pk", filter=Q(status__in=open_statuses)),
        "done": Count("pk", filter=Q(status=Action.Status.DONE)),
        "overdue": Count("pk", filter=Q(status__in=open_statuses, due_date__lt=today)),
        "organisations": Count("organisation", distinct=True),
    }


def plan_figures(organisations: QuerySet) -> tuple[dict, list[dict]]:
    """Actions open, done and overdue, in total and by theme."""
    actions = Action.objects.filter(organisation__in=organisations.values("pk"))
    counts = _plan_counts(timezone.localdate())
    total = actions.aggregate(**counts)
    by_theme = list(
        actions.exclude(theme_code="").values("theme_code").annotate(**counts).order_by("-open")
    )
    return total, by_theme


def improvement(snapshots: QuerySet) -> list[dict]:
    """Per question, the average overall points the members lose on it and how
    many members it concerns, largest loss first; questions that concern too
    few members to stay anonymous are left out."""
    rows = list(
        ScoreLine.objects.filter(
            snapshot__in=snapshots.values("pk"),
            level=ScoreLine.Level.QUESTION,
            lost__isnull=False,
        )
        .values("code")
        .annotate(
            average_lost=Avg("lost"),
            organisations=Count("snapshot__organisation", distinct=True),
            losing=Count("pk", filter=Q(lost__gt=0)),
        )
        .order_by(F("average_lost").desc(), "code")
    )
    return [row for row in rows if benchmarks.may_show(row["organisations"])]


def theme_scores(snapshots: QuerySet) -> dict[str, dict]:
    rows = (
        ScoreLine.objects.filter(
            snapshot__in=snapshots.values("pk"),
            level=ScoreLine.Level.THEME,
            score__isnull=False,
        )
        .values("code")
        .annotate(
            average=Avg("score"), organisations=Count("snapshot__organisation", distinct=True)
        )
    )
    return {row["code"]: row for row in rows if benchmarks.may_show(row["organisations"])}


def participation(network, organisations: QuerySet, since) -> dict:
    """Members' part in the network's events since ``since``: seats taken,
    attendance marked, how many members came to at least one."""
    registrations = Registration.objects.filter(
        event__network=network,
        event__start__gte=since,
        organisation__in=organisations.values("pk"),
        status=Registration.Status.CONFIRMED,
    )
    figures = registrations.aggregate(
        seats=Count("pk"),
        attended=Count("pk", filter=Q(attended=True)),
        organisations=Count("organisation", distinct=True),
    )
    figures["events"] = Event.objects.filter(network=network, start__gte=since).count()
    figures["by_kind"] = list(
        registrations.values("event__kind").annotate(seats=Count("pk")).order_by("-seats")
    )
    return figures


def year_figures(view, pillar_codes) -> list[YearFigures]:
    """`yearly_scores` from the maintained figures of a dashboard view."""
    wanted = {OVERALL, *pillar_codes}
    return sorted(
        (
            YearFigures(
                year=row["year"],
                code=row["code"],
                organisations=row["organisations"],
                average=row["average"],
                median=row["median"],
            )
            for row in view.years()
            if row["code"] in wanted
        ),
        key=lambda figure: (figure.year, figure.code),
    )


def top_adopted(view, limit: int = 10) -> list[tuple[Practice, int]]:
    """`top_practices` from the maintained figures of a dashboard view."""
    rows = view.practices()[:limit]
    practices = Practice.objects.in_bulk([practice for practice, _adopters in rows])
    return [(practices[pk], adopters) for pk, adopters in rows if pk in practices]


def improvement_figures(view) -> list[dict]:
    """`improvement` from the maintained figures of a dashboard view."""
    return [row for row in view.latest()["questions"] if benchmarks.may_show(row["organisations"])]


def theme_figures(view) -> dict[str, dict]:
    """`theme_scores` from the maintained figures of a dashboard view."""
    return {
        code: row
        for code, row in view.latest()["themes"].items()
        if benchmarks.may_show(row["organisations"])
    }
