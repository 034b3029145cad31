"""The network's VSME readiness for its animators: how many members have a
report in progress or complete, which disclosures hold them up, and a few
figures over complete reports, under the benchmarks' anonymity rule.

Runs inside ``Scope.aggregating`` for the one network: it reads members'
reports to count them, and shows nothing of any one member.
"""

from dataclasses import dataclass
from statistics import median
from urllib.parse import urlencode

from django.utils.translation import gettext as _

from levier.engine.benchmarks import MIN_OTHERS
from levier.vsme import services
from levier.vsme.models import Datapoint, VsmeReport


@dataclass(frozen=True)
class Stuck:
    code: str
    title: object
    reports: int  # in-progress reports with a required datapoint missing there
    percent: int


@dataclass(frozen=True)
class Readiness:
    members: int
    complete: int
    in_progress: int
    none: int
    stuck: list[Stuck]
    employees_median: float | None
    ghg_median: float | None  # scope 1 and 2 (location-based), tCO2e
    figures_shown: bool
    min_members: int = MIN_OTHERS
    workshop_query: str = ""


def network_readiness(network) -> Readiness:
    members = network.organisations.count()
    reports = list(
        VsmeReport.objects.filter(organisation__network=network).order_by(
            "organisation_id", "-period_end"
        )
    )
    latest = {}
    for report in reports:
        latest.setdefault(report.organisation_id, report)
    chosen = list(latest.values())
    points_by_report: dict[int, dict[str, Datapoint]] = {r.pk: {} for r in chosen}
    for point in Datapoint.objects.filter(report__in=chosen):
        points_by_report[point.report_id][point.code] = point
    complete = [r for r in chosen if r.is_complete]
    in_progress = [r for r in chosen if not r.is_complete]
    missing: dict[str, int] = {}
    titles = {}
    for report in in_progress:
        problems = services.problems_of(report, points_by_report[report.pk])
        for code in {p.disclosure for p in problems if p.kind == "missing"}:
            missing[code] = missing.get(code, 0) + 1
    for disclosure in services.catalogue().disclosures:
        titles[disclosure.code] = disclosure.title
    shown = len(in_progress) >= MIN_OTHERS
    stuck = sorted(
        (
            Stuck(code, titles.get(code), count, round(100 * count / len(in_progress)))
            for code, count in missing.items()
        ),
        key=lambda s: (-s.reports, s.code),
    )
    employees = [
        points_by_report[r.pk]["NumberOfEmployees"].value
        for r in complete
        if isinstance(
            getattr(points_by_report[r.pk].get("NumberOfEmployees"), "value", None), int | float
        )
    ]
    ghg = [
        points_by_report[r.pk]["TotalGrossLocationBasedScope1AndScope2GHGEmissions"].value
        for r in complete
        if isinstance(
            getattr(
                points_by_report[r.pk].get("TotalGrossLocationBasedScope1AndScope2GHGEmissions"),
                "value",
                None,
            ),
            int | float,
        )
    ]
    figures = len(complete) >= MIN_OTHERS
    return Readiness(
        members=members,
        complete=len(complete),
        in_progress=len(in_progress),
        none=members - len(chosen),
        stuck=stuck[:5] if shown else [],
        employees_median=median(employees) if figures and len(employees) >= MIN_OTHERS else None,
        ghg_median=median(ghg) if figures and len(ghg) >= MIN_OTHERS else None,
        figures_shown=figures,
        workshop_query=urlencode(
            {
                "kind": "workshop",
                "title": _("VSME workshop: finishing your report"),
                "description": _(
                    "Bring your VSME report in progress: we go through the disclosures "
                    "members find hardest, and each leaves with its next steps."
                ),
            }
        ),
    )
