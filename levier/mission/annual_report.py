"""The mission committee's annual report to the meeting approving the
accounts, attached to the management report (Code de commerce, art. L210-10
3°; the verifier's opinion is attached to it, 4°; a company that fails these
conditions, or whose verifier finds objectives not met, may be ordered to
drop the quality of société à mission, art. L210-11).

Everything but the committee's opinion comes from the data of the financial
year: the objectives, each indicator's standing at the year's end (only the
measurements taken up to that day count), the actions of the plan done in
the year, the committee's composition and meetings, and the verifier's last
opinion. The same data feeds the preview on the report's page and the PDF.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.template.defaultfilters import floatformat
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from levier.core.templatetags.levier import percent
from levier.engine.mission import calendar
from levier.engine.mission.indicators import Point
from levier.mission import services
from levier.mission.models import (
    CommitteeMeeting,
    CommitteeMember,
    CommitteeReport,
    Indicator,
    IndicatorMeasurement,
    Mission,
    OperationalObjective,
    StatutoryObjective,
    Verification,
)
from levier.plans.models import Action
from levier.reports import charts
from levier.reports.pdf import render_pdf

PDF_TEMPLATE = "mission/report_pdf.html"

STATES = {
    "reached": gettext_lazy("Target reached"),
    "on_track": gettext_lazy("On track"),
    "behind": gettext_lazy("Behind"),
    "missed": gettext_lazy("Target missed"),
    "no_data": gettext_lazy("Not measured yet"),
    "no_target": gettext_lazy("No target"),
}
GOOD_STATES = {"reached", "on_track"}
# Characters of mission text (raison d'être, statutory objectives, each
# counted with a line's worth more) the cover holds under its summary.
COVER_TEXT = 1400


def year_bounds(mission: Mission, year: int) -> tuple[date, date]:
    """First and last day of the financial ``year`` (the one ending in that
    calendar year, in the mission's closing month)."""
    end = calendar.financial_year_end(year, mission.year_end_month)
    start = calendar.financial_year_end(year - 1, mission.year_end_month) + timedelta(days=1)
    return start, end


def default_year(mission: Mission, on: date | None = None) -> int:
    """The last financial year closed on ``on`` (today by default)."""
    return calendar.latest_closed_year(on or services.today(), mission.year_end_month).year


def number_text(value: float | None) -> str:
    """A figure in the reader's language, up to two decimals, no trailing zeros."""
    if value is None:
        return "—"
    rounded = round(value, 2)
    decimals = 0 if rounded == round(rounded) else 1 if rounded == round(rounded, 1) else 2
    return number_format(rounded, decimal_pos=decimals, force_grouping=True)


@dataclass
class IndicatorLine:
    indicator: Indicator
    baseline: Point | None
    target: Point | None
    latest: Point | None  # the latest measurement up to the year's end
    measured_in_year: int
    state: str
    progress: float | None

    @property
    def state_label(self) -> str:
        return str(STATES[self.state])

    @property
    def is_good(self) -> bool:
        return self.state in GOOD_STATES

    @property
    def latest_in_year(self) -> bool:
        return self.measured_in_year > 0

    def text(self, point: Point | None) -> str:
        return number_text(point.value if point else None)

    @property
    def baseline_text(self) -> str:
        return self.text(self.baseline)

    @property
    def target_text(self) -> str:
        return self.text(self.target)

    @property
    def latest_text(self) -> str:
        return self.text(self.latest)

    @property
    def progress_percent(self) -> int | None:
        return None if self.progress is None else round(self.progress * 100)


@dataclass
class ObjectiveBlock:
    objective: OperationalObjective
    indicators: list[IndicatorLine]
    actions_done: list[Action]
    chart: str = ""

    @property
    def targeted(self) -> list[IndicatorLine]:
        return [line for line in self.indicators if line.state != "no_target"]

    @property
    def on_track(self) -> bool:
        """Every indicator with a target reached it or is on its way."""
        targeted = self.targeted
        return bool(targeted) and all(line.is_good for line in targeted)


@dataclass
class StatutoryBlock:
    objective: StatutoryObjective
    operational: list[ObjectiveBlock]


@dataclass
class ReportData:
    report: CommitteeReport
    mission: Mission
    organisation: object
    year: int
    start: date
    end: date
    statutory: list[StatutoryBlock]
    meetings: list[CommitteeMeeting]
    members: list[CommitteeMember]
    verification: Verification | None
    produced_on: date
    state_counts: dict = field(default_factory=dict)

    @property
    def operational(self) -> list[ObjectiveBlock]:
        return [block for s in self.statutory for block in s.operational]

    @property
    def objectives_count(self) -> int:
        return len(self.operational)

    @property
    def objectives_on_track(self) -> int:
        return sum(1 for block in self.operational if block.on_track)

    @property
    def indicators(self) -> list[IndicatorLine]:
        return [line for block in self.operational for line in block.indicators]

    @property
    def actions_done(self) -> int:
        return sum(len(block.actions_done) for block in self.operational)

    @property
    def state_summary(self) -> list[tuple[str, int]]:
        counts: dict[str, int] = {}
        for line in self.indicators:
            counts[line.state] = counts.get(line.state, 0) + 1
        return [(str(label), counts[state]) for state, label in STATES.items() if state in counts]

    @property
    def mission_on_cover(self) -> bool:
        """Whether the raison d'être and the statutory objectives are short
        enough to fit on the cover under the summary."""
        words = len(self.mission.purpose) + sum(len(s.objective.wording) for s in self.statutory)
        return words + 120 * len(self.statutory) <= COVER_TEXT

    @property
    def is_adopted(self) -> bool:
        return self.report.adopted_on is not None


def _indicator_line(indicator: Indicator, measurements: list, start: date, end: date):
    kept = [m for m in measurements if m.on <= end]
    baseline, target, measured = services.points(indicator, kept)
    standing = services.standing(indicator, kept, on=end)
    return IndicatorLine(
        indicator=indicator,
        baseline=baseline,
        target=target,
        latest=standing.latest if standing.latest else (measured[-1] if measured else None),
        measured_in_year=sum(1 for m in kept if m.on >= start),
        state=standing.state,
        progress=standing.progress,
    )


def _progress_chart(block: ObjectiveBlock) -> str:
    rows = [
        charts.BarRow(line.indicator.name, line.progress_percent)
        for line in block.indicators
        if line.progress is not None
    ]
    if not rows:
        return ""
    description = "; ".join(f"{row.label}: {percent_text(row.value)}" for row in rows)
    return charts.bar_chart(
        rows,
        width=360,
        title=_("Way covered from the baseline to the target, at the year's end"),
        description=description,
        value_format=percent_text,
        max_value=100,
    )


def percent_text(value: float | None) -> str:
    if value is None:
        return "—"
    return percent(floatformat(value, "0g"))


def build(report: CommitteeReport, on: date | None = None) -> ReportData:
    mission = report.mission
    organisation = mission.organisation
    start, end = year_bounds(mission, report.year)
    statutory = list(StatutoryObjective.objects.filter(mission=mission))
    operational = list(
        OperationalObjective.objects.filter(
            organisation=organisation, statutory_objective__mission=mission
        )
    )
    indicators = list(Indicator.objects.filter(objective__in=operational))
    measurements: dict[int, list] = {}
    for row in IndicatorMeasurement.objects.filter(indicator__in=indicators).order_by("on", "pk"):
        measurements.setdefault(row.indicator_id, []).append(row)
    by_objective: dict[int, list] = {}
    for indicator in indicators:
        line = _indicator_line(indicator, measurements.get(indicator.pk, []), start, end)
        by_objective.setdefault(indicator.objective_id, []).append(line)
    done = {}
    for objective in operational:
        done[objective.pk] = [
            action
            for action in Action.objects.filter(
                mission_objectives=objective,
                organisation=organisation,
                status=Action.Status.DONE,
                completed_at__isnull=False,
            ).order_by("completed_at", "pk")
            if start <= timezone.localdate(action.completed_at) <= end
        ]
    blocks: dict[int, list] = {}
    for objective in operational:
        block = ObjectiveBlock(objective, by_objective.get(objective.pk, []), done[objective.pk])
        block.chart = _progress_chart(block)
        blocks.setdefault(objective.statutory_objective_id, []).append(block)
    members = [
        member
        for member in CommitteeMember.objects.filter(mission=mission)
        if (member.joined_on is None or member.joined_on <= end)
        and (member.left_on is None or member.left_on >= start)
    ]
    members.sort(key=lambda m: (not m.is_employee, m.name.lower()))
    meetings = list(
        CommitteeMeeting.objects.filter(mission=mission, held_on__range=(start, end))
        .order_by("held_on", "pk")
        .prefetch_related("attendees")
    )
    return ReportData(
        report=report,
        mission=mission,
        organisation=organisation,
        year=report.year,
        start=start,
        end=end,
        statutory=[StatutoryBlock(s, blocks.get(s.pk, [])) for s in statutory],
        meetings=meetings,
        members=members,
        verification=Verification.objects.filter(mission=mission).first(),
        produced_on=on or services.today(),
    )


def filename(report: CommitteeReport) -> str:
    name = slugify(f"{report.mission.organisation.name}-{report.year}")
    return f"levier-rapport-comite-mission-{name}.pdf"


def context(report: CommitteeReport) -> dict:
    data = build(report)
    return {"data": data, "organisation": data.organisation, "report": report}


def pdf_bytes(report: CommitteeReport, request=None) -> bytes:
    """The board-ready PDF of ``report``, in the active language."""
    return render_pdf(PDF_TEMPLATE, context(report), request)
