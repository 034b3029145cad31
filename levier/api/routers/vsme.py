"""VSME reports: their period, module and status, how complete they are (as
the report's overview counts it, by disclosure) and their datapoints."""

from datetime import date, datetime
from typing import Annotated, Any, Literal

from django.db.models import Prefetch
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from levier.api.auth import organisation_id, require
from levier.api.pagination import CursorPagination, Since
from levier.api.problems import Problem
from levier.api.schemas_org import changed_since
from levier.vsme import services
from levier.vsme.models import Datapoint, VsmeReport

router = Router(tags=["vsme"])


class DisclosureCompleteness(Schema):
    code: str = Field(description="B1..B11, C1..C9")
    answered: int = Field(description="Datapoints given (or said not to apply)")
    total: int
    required_missing: int
    to_confirm: int = Field(description="Pre-filled values waiting for a person's confirmation")
    omitted: bool = Field(description="Left out as classified or sensitive")
    done: bool


class Completeness(Schema):
    percent: int = Field(description="Datapoints given, of the disclosures covered")
    answered: int
    total: int
    required_missing: int
    to_confirm: int
    failed_checks: int = Field(description="Consistency checks that fail (sums, bounds)")
    disclosures: list[DisclosureCompleteness]


class ReportSummary(Schema):
    id: int
    period_start: date
    period_end: date
    module: Literal["basic", "comprehensive"]
    status: Literal["draft", "complete"]
    created_at: datetime
    updated_at: datetime
    completed_at: datetime | None
    completeness: Completeness

    @staticmethod
    def resolve_completeness(obj):
        return _completeness(obj)


class DatapointOut(Schema):
    code: str = Field(description="The datapoint's (or table's) concept in the VSME taxonomy")
    value: Any = Field(description="As the catalogue's kind stores it (number, text, list...)")
    not_applicable: bool
    state: Literal["confirmed", "to_confirm", "to_review"]
    source: str = Field(description="entered, profile, carbon, assessment, plan or previous")
    version: int
    updated_at: datetime


class ReportOut(ReportSummary):
    datapoints: list[DatapointOut]

    @staticmethod
    def resolve_datapoints(obj):
        return obj.api_datapoints


def _completeness(report: VsmeReport) -> dict:
    points = {point.code: point for point in report.api_datapoints}
    problems = services.problems_of(report, points)
    rows = services.progress(report, points, problems)
    covered = [row for row in rows if not row.omitted]
    answered = sum(row.answered for row in covered)
    total = sum(row.total for row in covered)
    return {
        "percent": round(100 * answered / total) if total else 100,
        "answered": answered,
        "total": total,
        "required_missing": sum(row.required_missing for row in covered),
        "to_confirm": sum(row.to_confirm for row in covered),
        "failed_checks": sum(1 for problem in problems if problem.kind != "missing"),
        "disclosures": [
            {
                "code": row.disclosure.code,
                "answered": row.answered,
                "total": row.total,
                "required_missing": row.required_missing,
                "to_confirm": row.to_confirm,
                "omitted": row.omitted,
                "done": row.done,
            }
            for row in rows
        ],
    }


def _reports(request):
    return VsmeReport.objects.filter(organisation_id=organisation_id(request)).prefetch_related(
        Prefetch(
            "datapoints", queryset=Datapoint.objects.order_by("code"), to_attr="api_datapoints"
        )
    )


@router.get(
    "/vsme/reports",
    response={200: list[ReportSummary], 401: Problem, 403: Problem, 404: Problem},
    summary="The organisation's VSME reports",
)
@paginate(CursorPagination)
def list_reports(
    request,
    status: Literal["draft", "complete"] | None = None,
    updated_since: Annotated[
        Since | None, Query(description="Reports or datapoints changed since then")
    ] = None,
):
    """``updated_since`` matches a report changed since then
    (``VsmeReport.updated_at``) or one of whose datapoints changed
    (``Datapoint.updated_at``)."""
    require(request, "vsme")
    rows = _reports(request)
    if status:
        rows = rows.filter(status=status)
    return changed_since(
        rows,
        updated_since,
        "updated_at",
        children=(Datapoint.objects.all(), "report", "updated_at"),
    )


@router.get(
    "/vsme/reports/{vsme_report_id}",
    response={200: ReportOut, 401: Problem, 403: Problem, 404: Problem},
    summary="One VSME report with its datapoints",
)
def get_report(request, vsme_report_id: int):
    require(request, "vsme")
    return _reports(request).get(pk=vsme_report_id)
