"""The mission's rules applied to its rows: the verifier's next deadline,
the committee's compliance, the annual report due, an indicator's standing.
The rules themselves are plain Python in ``levier.engine.mission``."""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from levier.engine.mission import calendar, committee, indicators
from levier.mission.models import CommitteeReport, Governance, Indicator, Mission

COMMITTEE_PROBLEMS = {
    "no_member": _("The committee has no member yet."),
    "no_employee": _(
        "The committee must include at least one employee of the company "
        "(Code de commerce, art. L210-10)."
    ),
    "no_referent": _("No mission referent is named yet."),
    "several_referents": _(
        "A mission referent is one person: keep one current referent, or choose a committee."
    ),
    "referent_too_large": _(
        "A mission referent may replace the committee only in a company with fewer than "
        "50 permanent employees (Code de commerce, art. L210-12)."
    ),
}

DEADLINE_RULES = {
    "first": _("First verification: within 18 months of the publication at the trade register."),
    "first_referent": _(
        "First verification: within 24 months of the publication at the trade register, "
        "for a company with a mission referent."
    ),
    "every_two_years": _("Then at least every two years after the last verification."),
    "every_three_years": _(
        "Every three years, as the company asked its verifier (fewer than 50 permanent "
        "employees in the last verified year)."
    ),
}


def mission_of(organisation) -> Mission | None:
    return Mission.objects.filter(organisation=organisation).first()


def today() -> date:
    return timezone.localdate()


# The verifier's calendar ---------------------------------------------------------


def past_verifications(mission, verifications=None) -> list[calendar.PastVerification]:
    rows = mission.verifications.all() if verifications is None else verifications
    return [calendar.PastVerification(v.done_on, v.permanent_employees) for v in rows]


def next_verification(mission, verifications=None) -> calendar.Deadline | None:
    """The next verification's deadline; ``verifications`` may be given when
    already loaded (the network's calendar loads them all at once)."""
    return calendar.next_verification(
        mission.published_on,
        has_referent=mission.governance == Governance.REFERENT,
        verifications=past_verifications(mission, verifications),
        wait_three_years=mission.wait_three_years,
    )


@dataclass(frozen=True)
class VerificationCalendar:
    deadline: calendar.Deadline | None
    status: str | None  # "overdue", "due_soon", "on_track", None before publication
    rule: str

    @property
    def is_overdue(self) -> bool:
        return self.status == "overdue"


def verification_calendar(mission, verifications=None, on: date | None = None):
    deadline = next_verification(mission, verifications)
    if deadline is None:
        return VerificationCalendar(None, None, "")
    return VerificationCalendar(
        deadline, calendar.status(deadline.due_on, on or today()), DEADLINE_RULES[deadline.rule]
    )


# The committee ---------------------------------------------------------------------


def current_members(mission, on: date | None = None) -> list:
    on = on or today()
    return [m for m in mission.committee.all() if m.is_current(on)]


def committee_problems(mission, on: date | None = None) -> list[str]:
    """Translated messages of what does not comply in the committee's (or the
    referent's) current composition; empty when it complies."""
    seats = [committee.Seat(m.name, m.is_employee) for m in current_members(mission, on)]
    codes = committee.problems(mission.governance, seats, mission.permanent_employees)
    return [COMMITTEE_PROBLEMS[code] for code in codes]


# The annual report -----------------------------------------------------------------


@dataclass(frozen=True)
class ReportDue:
    year: int  # the financial year (the calendar year it ends in)
    year_end: date
    due_on: date
    report: CommitteeReport | None

    @property
    def is_late(self) -> bool:
        return (self.report is None or self.report.adopted_on is None) and self.due_on < today()


def report_due(mission, on: date | None = None, reports=None) -> ReportDue | None:
    """The committee's report for the last closed financial year, due by the
    meeting approving its accounts; None before the quality is published.
    ``reports``: the mission's reports when already loaded (the reminders
    walk every mission and prefetch them)."""
    on = on or today()
    if mission.published_on is None:
        return None
    year_end = calendar.latest_closed_year(on, mission.year_end_month)
    if year_end < mission.published_on:
        return None  # no financial year closed since the mission began
    if reports is None:
        report = CommitteeReport.objects.filter(mission=mission, year=year_end.year).first()
    else:
        report = next((r for r in reports if r.year == year_end.year), None)
    return ReportDue(year_end.year, year_end, calendar.annual_report_due(year_end), report)


# Indicators ------------------------------------------------------------------------


def points(indicator: Indicator, measurements=None):
    """(baseline, target, measurements) of an indicator as engine points."""
    rows = indicator.measurements.all() if measurements is None else measurements
    baseline = (
        indicators.Point(indicator.baseline_on, indicator.baseline_value)
        if indicator.baseline_on is not None and indicator.baseline_value is not None
        else None
    )
    target = (
        indicators.Point(indicator.target_on, indicator.target_value)
        if indicator.target_on is not None and indicator.target_value is not None
        else None
    )
    return baseline, target, [indicators.Point(m.on, m.value) for m in rows]


def standing(indicator: Indicator, measurements=None, on: date | None = None):
    baseline, target, measured = points(indicator, measurements)
    return indicators.standing(baseline, target, measured, on or today())


def next_measurement(indicator: Indicator, measurements=None) -> date | None:
    rows = list(indicator.measurements.all() if measurements is None else measurements)
    last = max((m.on for m in rows), default=None)
    return indicators.next_measurement(last, indicator.baseline_on, indicator.every_months)
