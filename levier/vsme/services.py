"""The VSME report's work: a new report (from last year's when there is
one), saving a datapoint with its trail, confirming what Levier pre-filled,
progress by disclosure and the checks.

Every function gets its objects through the caller's scope (the models'
managers); none reads another organisation's report.
"""

from dataclasses import dataclass
from datetime import date
from functools import cache

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from levier.engine.vsme import checks
from levier.engine.vsme.catalogue import Catalogue, Disclosure
from levier.vsme import extra, prefill
from levier.vsme.models import Datapoint, DatapointChange, Module, Source, VsmeReport

BASIS = {
    Module.BASIC: "vsme:OptionABasicModuleOnlyMember",
    Module.COMPREHENSIVE: "vsme:OptionBBasicModuleAndComprehensiveModuleMember",
}


def catalogue() -> Catalogue:
    return extra.catalogue()


def disclosures(report: VsmeReport) -> list[Disclosure]:
    """The disclosures the report covers: the Basic Module, and the
    Comprehensive one when chosen."""
    chosen = catalogue().basic()
    if report.module == Module.COMPREHENSIVE:
        chosen = chosen + catalogue().comprehensive()
    return chosen


def datapoints(report: VsmeReport) -> dict[str, Datapoint]:
    return {d.code: d for d in Datapoint.objects.filter(report=report)}


def values(points: dict[str, Datapoint]) -> dict:
    return {code: d.value for code, d in points.items() if d.value is not None}


def not_applicable(points: dict[str, Datapoint]) -> set[str]:
    return {code for code, d in points.items() if d.not_applicable}


def _trail(datapoint: Datapoint, user) -> None:
    DatapointChange.objects.create(
        datapoint=datapoint,
        value=datapoint.value,
        not_applicable=datapoint.not_applicable,
        state=datapoint.state,
        source=datapoint.source,
        author=user,
    )


@transaction.atomic
def create_report(
    organisation,
    user,
    *,
    period_start: date,
    period_end: date,
    module: str = Module.BASIC,
    start_from: VsmeReport | None = None,
) -> VsmeReport:
    """A new report; last year's values start it (each to confirm), then
    Levier's own data pre-fills what it knows (each to confirm too)."""
    report = VsmeReport.objects.create(
        organisation=organisation,
        period_start=period_start,
        period_end=period_end,
        module=module,
        started_from=start_from,
        omitted=list(start_from.omitted) if start_from else [],
        created_by=user,
    )
    if start_from is not None:
        copies = [
            Datapoint(
                report=report,
                code=point.code,
                value=point.value,
                not_applicable=point.not_applicable,
                state=Datapoint.State.TO_CONFIRM,
                source=Source.PREVIOUS,
                source_detail=f"{start_from.period_start:%Y-%m-%d}/{start_from.period_end:%Y-%m-%d}",
                source_value=point.value,
                updated_by=user,
            )
            for point in Datapoint.objects.filter(report=start_from)
        ]
        Datapoint.objects.bulk_create(copies)
    # What the person just chose is B1's basis for preparation.
    save_value(report, "BasisForPreparation", BASIS[module], user)
    refresh_prefill(report, user)
    return report


def refresh_prefill(report: VsmeReport, user=None) -> int:
    """Levier's readings of its own data for the report: a datapoint nobody
    set yet takes the reading, to confirm; one whose source now reads
    differently is marked to review, its value kept. Returns how many
    datapoints changed."""
    points = datapoints(report)
    covered = _codes(disclosures(report))
    changed = 0
    for suggestion in prefill.suggestions(report):
        if suggestion.code not in covered:
            continue
        point = points.get(suggestion.code)
        if point is None:
            point = Datapoint.objects.create(
                report=report,
                code=suggestion.code,
                value=suggestion.value,
                state=Datapoint.State.TO_CONFIRM,
                source=suggestion.source,
                source_detail=suggestion.detail[:300],
                source_value=suggestion.value,
                updated_by=user,
            )
            _trail(point, user)
            changed += 1
        elif point.source == Source.PREVIOUS and point.state == Datapoint.State.TO_CONFIRM:
            # Nobody confirmed last year's value yet: this year's reading is better.
            point.value = point.source_value = suggestion.value
            point.source = suggestion.source
            point.source_detail = suggestion.detail[:300]
            point.version = F("version") + 1
            point.save(
                update_fields=["value", "source_value", "source", "source_detail", "version"]
            )
            point.refresh_from_db()
            _trail(point, user)
            changed += 1
        elif point.source == suggestion.source and point.source_value != suggestion.value:
            point.source_value = suggestion.value
            point.source_detail = suggestion.detail[:300]
            point.state = Datapoint.State.TO_REVIEW
            point.version = F("version") + 1
            point.save(update_fields=["source_value", "source_detail", "state", "version"])
            point.refresh_from_db()
            _trail(point, user)
            changed += 1
    return changed


def _codes(chosen: list[Disclosure]) -> set[str]:
    """The datapoints' and tables' codes of the disclosures, with the tables' columns."""
    codes = set()
    for disclosure in chosen:
        for item in disclosure.items():
            codes.add(item.code)
            codes.update(column.code for column in getattr(item, "columns", ()))
    return codes


def save_value(
    report: VsmeReport,
    code: str,
    value,
    user,
    *,
    not_applicable: bool = False,
) -> Datapoint:
    """Set a datapoint as a person entered it: confirmed, entered by them
    (a pre-filled value they keep stays tied to its source)."""
    with transaction.atomic():
        point, created = Datapoint.objects.select_for_update().get_or_create(
            report=report, code=code, defaults={"updated_by": user}
        )
        unchanged = (
            point.value == value
            and point.not_applicable == not_applicable
            and point.state == Datapoint.State.CONFIRMED
        )
        if unchanged and not created:
            return point
        kept_source = point.source != Source.ENTERED and value == point.source_value
        point.value = None if not_applicable else value
        point.not_applicable = not_applicable
        point.state = Datapoint.State.CONFIRMED
        if not kept_source:
            point.source = Source.ENTERED
        point.updated_by = user
        point.version = point.version + (0 if created else 1)
        point.save()
        _trail(point, user)
    if report.status == VsmeReport.Status.COMPLETE:
        VsmeReport.objects.filter(pk=report.pk).update(
            status=VsmeReport.Status.DRAFT, completed_at=None
        )
        report.status = VsmeReport.Status.DRAFT
    return point


def confirm(point: Datapoint, user, *, take_source: bool = False) -> Datapoint:
    """A person stands behind a pre-filled value (or, to review, takes the
    source's new reading when ``take_source``)."""
    if take_source:
        point.value = point.source_value
    point.state = Datapoint.State.CONFIRMED
    point.updated_by = user
    point.version += 1
    point.save()
    _trail(point, user)
    return point


# Progress and checks ----------------------------------------------------------------


@dataclass(frozen=True)
class DisclosureProgress:
    disclosure: Disclosure
    answered: int
    total: int
    required_missing: int
    to_confirm: int
    omitted: bool

    @property
    def percent(self) -> int:
        return round(100 * self.answered / self.total) if self.total else 100

    @property
    def done(self) -> bool:
        return self.omitted or (self.required_missing == 0 and self.to_confirm == 0)


def progress(
    report: VsmeReport, points: dict[str, Datapoint], problems: list[checks.Problem]
) -> list[DisclosureProgress]:
    """Each disclosure's progress, from ``problems_of`` computed once by the caller."""
    missing = {}
    for problem in problems:
        if problem.kind == "missing":
            missing[problem.disclosure] = missing.get(problem.disclosure, 0) + 1
    rows = []
    for disclosure in disclosures(report):
        codes = [item.code for item in disclosure.items()]
        answered = sum(
            1
            for code in codes
            if code in points and (points[code].value is not None or points[code].not_applicable)
        )
        to_confirm = sum(
            1
            for code in codes
            if code in points and points[code].state != Datapoint.State.CONFIRMED
        )
        rows.append(
            DisclosureProgress(
                disclosure,
                answered,
                len(codes),
                missing.get(disclosure.code, 0),
                to_confirm,
                disclosure.code in report.omitted,
            )
        )
    return rows


def problems_of(report: VsmeReport, points: dict[str, Datapoint]) -> list[checks.Problem]:
    covered = [d for d in disclosures(report) if d.code not in report.omitted]
    return checks.check(
        covered,
        values(points),
        not_applicable(points),
        period=(report.period_start, report.period_end),
    )


def complete(report: VsmeReport, user) -> list[checks.Problem]:
    """Mark the report complete when nothing required is missing, no value
    waits for confirmation and no check fails; else the problems."""
    points = datapoints(report)
    blocking = problems_of(report, points)
    covered = {d.code for d in disclosures(report)} - set(report.omitted)
    waiting = [
        checks.Problem(code, "to_confirm", _disclosure_of(code))
        for code, point in points.items()
        if point.state != Datapoint.State.CONFIRMED and _disclosure_of(code) in covered
    ]
    if blocking or waiting:
        return blocking + waiting
    report.status = VsmeReport.Status.COMPLETE
    report.completed_at = timezone.now()
    report.save(update_fields=["status", "completed_at", "updated_at"])
    return []


def _disclosure_of(code: str) -> str:
    return _disclosures_by_code().get(code, "")


@cache
def _disclosures_by_code() -> dict[str, str]:
    """Datapoint or table code -> its disclosure's code, read once."""
    found = {}
    for disclosure in catalogue().disclosures:
        for code in _codes([disclosure]):
            found[code] = disclosure.code
    return found
