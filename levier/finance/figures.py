"""What impact finance brought a network, year by year, as anonymous figures:
projects shared, sessions and meetings held, what each side said after its
meetings, and the amounts granted (granted funding steps) by instrument and
by theme.

Funding steps are each organisation's own work: the network reads them only
as these aggregates, computed under ``Scope.aggregating`` for the network
(``levier.tenancy.views.network_aggregates``). Every figure carries the
number of organisations behind it, and an amount built from fewer
organisations than the anonymity rule's minimum (``MIN_GROUP``, the one of
the insights) is hidden: with two organisations, a total gives each one's
amount away. Counts (projects, meetings) stay shown.

Seven queries whatever the number of projects, steps and meetings; the
grouping by theme is done here since a project's themes are a list.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F
from django.db.models.functions import ExtractYear
from django.utils import timezone

from levier.engine.benchmarks import MIN_OTHERS
from levier.finance.models import (
    FollowUp,
    Instrument,
    Meeting,
    MeetingSession,
    PipelineStep,
    Project,
)

MIN_GROUP = MIN_OTHERS


@dataclass(frozen=True)
class Amount:
    """A total in euros and how many organisations it adds up; ``value`` is
    None when hidden by the anonymity rule."""

    total: int
    organisations: int

    @property
    def hidden(self) -> bool:
        return self.organisations < MIN_GROUP

    @property
    def value(self) -> int | None:
        return None if self.hidden else self.total


@dataclass(frozen=True)
class Tally:
    count: int
    organisations: int | None = None


@dataclass
class Year:
    year: int
    projects_shared: Tally = field(default_factory=lambda: Tally(0, 0))
    sessions_held: int = 0
    meetings_held: Tally = field(default_factory=lambda: Tally(0, 0))
    # outcome -> count of follow-ups (both sides)
    follow_ups: dict[str, int] = field(default_factory=dict)
    granted: Amount = field(default_factory=lambda: Amount(0, 0))
    by_instrument: dict[str, Amount] = field(default_factory=dict)
    by_theme: dict[str, Amount] = field(default_factory=dict)


@dataclass
class Outcomes:
    years: list[Year]
    instruments: list[str]
    themes: list[str]

    def year(self, year: int) -> Year | None:
        return next((y for y in self.years if y.year == year), None)


def _per_year(rows, key="year"):
    return {row[key]: row for row in rows if row[key] is not None}


def outcomes(network, now=None) -> Outcomes:
    """The network's figures. Call inside ``scope.aggregating([network.pk])``."""
    now = now or timezone.now()
    shared = _per_year(
        Project.objects.filter(organisation__network=network, shared_at__isnull=False)
        .exclude(visibility=Project.Visibility.DRAFT)
        .annotate(year=ExtractYear("shared_at"))
        .values("year")
        .annotate(count=Count("pk"), organisations=Count("organisation", distinct=True))
        .order_by()
    )
    held = MeetingSession.objects.filter(
        network=network, first_slot_at__lt=now, schedule_published_at__isnull=False
    )
    sessions = _per_year(
        held.annotate(year=ExtractYear("first_slot_at"))
        .values("year")
        .annotate(count=Count("pk"))
        .order_by()
    )
    meetings = _per_year(
        Meeting.objects.filter(session__in=held)
        .annotate(year=ExtractYear("session__first_slot_at"))
        .values("year")
        .annotate(count=Count("pk"), organisations=Count("project__organisation", distinct=True))
        .order_by()
    )
    follow_ups: dict[int, dict[str, int]] = defaultdict(dict)
    for row in (
        FollowUp.objects.filter(meeting__session__in=held)
        .annotate(year=ExtractYear("meeting__session__first_slot_at"))
        .values("year", "outcome")
        .annotate(count=Count("pk"))
        .order_by()
    ):
        follow_ups[row["year"]][row["outcome"]] = row["count"]

    # Granted steps, one row each: summed here by year, instrument and theme.
    totals: dict[tuple, list] = defaultdict(lambda: [0, set()])
    for year, instrument, themes, organisation_id, amount in (
        PipelineStep.objects.filter(
            project__organisation__network=network,
            stage=PipelineStep.Stage.GRANTED,
            decided_on__isnull=False,
            amount_granted__isnull=False,
        )
        .annotate(year=ExtractYear("decided_on"), organisation_id=F("project__organisation_id"))
        .values_list("year", "instrument", "project__themes", "organisation_id", "amount_granted")
        .order_by()
    ):
        keys = [(year, "all", ""), (year, "instrument", instrument or "")]
        keys += [(year, "theme", code) for code in dict.fromkeys(themes or [])]
        for key in keys:
            totals[key][0] += amount
            totals[key][1].add(organisation_id)

    years = sorted(
        set(shared) | set(sessions) | set(meetings) | set(follow_ups) | {k[0] for k in totals}
    )
    instruments = [
        value
        for value in [*Instrument.values, ""]
        if any(k[1] == "instrument" and k[2] == value for k in totals)
    ]
    themes = sorted({k[2] for k in totals if k[1] == "theme"})
    result = []
    for year in years:
        amounts = {
            (kind, key): Amount(total, len(organisations))
            for (y, kind, key), (total, organisations) in totals.items()
            if y == year
        }
        row = Year(year=year)
        if year in shared:
            row.projects_shared = Tally(shared[year]["count"], shared[year]["organisations"])
        if year in sessions:
            row.sessions_held = sessions[year]["count"]
        if year in meetings:
            row.meetings_held = Tally(meetings[year]["count"], meetings[year]["organisations"])
        row.follow_ups = dict(follow_ups.get(year, {}))
        row.granted = amounts.get(("all", ""), Amount(0, 0))
        row.by_instrument = {i: amounts.get(("instrument", i), Amount(0, 0)) for i in instruments}
        row.by_theme = {t: amounts.get(("theme", t), Amount(0, 0)) for t in themes}
        result.append(row)
    return Outcomes(years=result, instruments=instruments, themes=themes)


def granted_this_year(network, today=None) -> Amount:
    """This year's amount granted, for the animator's dashboard card (one
    query). Call inside ``scope.aggregating([network.pk])``."""
    today = today or timezone.localdate()
    steps = PipelineStep.objects.filter(
        project__organisation__network=network,
        stage=PipelineStep.Stage.GRANTED,
        decided_on__year=today.year,
        amount_granted__isnull=False,
    ).values_list("project__organisation_id", "amount_granted")
    total, organisations = 0, set()
    for organisation_id, amount in steps:
        total += amount
        organisations.add(organisation_id)
    return Amount(total, len(organisations))
