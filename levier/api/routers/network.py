"""A network's members and its aggregated figures, for the network's tokens:
what its CRM synchronises and what the animators' dashboard shows, computed
by the dashboard's own code with its anonymity rule."""

from datetime import datetime, timedelta
from typing import Literal

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema
from ninja.errors import HttpError

from levier.accounts.models import Network, Organisation
from levier.api.auth import network_id, require
from levier.api.pagination import CursorPagination, Since
from levier.api.problems import Problem
from levier.api.schemas_network import MAX_ID, RegionCode, SectorCode, SizeBandCode
from levier.assessments.models import Assessment
from levier.audit import services as audit
from levier.engine import benchmarks
from levier.insights import network_stats as stats
from levier.insights import peers
from levier.insights.exports import rows_for, to_csv
from levier.insights.views import figures
from levier.tenancy.scope import NetworkAccess

router = Router(tags=["network"])

AREA = "network"
CSV_RESPONSE = {
    "responses": {
        200: {
            "description": "The figures as a CSV file (UTF-8, semicolons), formulas neutralised",
            "content": {"text/csv": {"schema": {"type": "string"}}},
        }
    }
}


# Members -------------------------------------------------------------------


class MemberOut(Schema):
    id: int
    slug: str = Field(description="The organisation's slug, as in its web addresses")
    name: str
    siren: str
    legal_form: str
    headcount: int | None
    size_band: str | None
    naf_code: str
    sector: str = Field(description="NAF section")
    region: str
    is_ess: bool
    is_mission: bool
    is_bcorp: bool
    joined_at: datetime = Field(description="When it joined Levier")
    updated_at: datetime
    shares_results: bool = Field(description="Whether it shares its results with the network")
    latest_assessment_status: Literal[tuple(Assessment.Status.values)] | None  # type: ignore[valid-type]
    latest_assessment_period: str | None
    last_submitted_at: datetime | None

    @staticmethod
    def resolve_sector(organisation) -> str:
        return organisation.naf_section

    @staticmethod
    def resolve_joined_at(organisation) -> datetime:
        return organisation.created_at

    @staticmethod
    def resolve_shares_results(organisation) -> bool:
        return organisation.shares

    @staticmethod
    def resolve_latest_assessment_status(organisation) -> str | None:
        return organisation.latest_status

    @staticmethod
    def resolve_latest_assessment_period(organisation) -> str | None:
        return organisation.latest_period

    @staticmethod
    def resolve_last_submitted_at(organisation) -> datetime | None:
        return organisation.latest_submitted_at


class MemberFilters(Schema):
    size_band: SizeBandCode | None = None
    sector: SectorCode | None = None
    region: RegionCode | None = None
    updated_since: Since | None = Field(None, description="Changed at or after (updated_at)")


def _members(request, nid):
    """The network's organisations with where each stands in its assessment,
    as the dashboard's list of members shows them: read inside the
    dashboard's aggregating scope (statuses, never answers or scores)."""
    return stats.with_status(Organisation.objects.filter(network_id=nid))


class PagedMemberOut(CursorPagination.Output):
    items: list[MemberOut]


@router.get(
    "/network/members",
    response={200: PagedMemberOut, 401: Problem, 403: Problem, 404: Problem, 422: Problem},
    summary="The network's member organisations",
)
def list_members(
    request, filters: Query[MemberFilters], pagination: Query[CursorPagination.Input]
):
    """Every member organisation: profile, flags, whether it shares its
    results, where its latest assessment stands (as the dashboard's list of
    members). For a network's token. Ordered by id for the cursor;
    `updated_since` filters on `updated_at`."""
    require(request, AREA)
    nid = network_id(request)
    # Built and read inside the dashboard's scope, as its list is.
    with request.scope.aggregating([nid]):
        members = _members(request, nid)
        if filters.size_band:
            members = members.filter(size_band=filters.size_band)
        if filters.sector:
            members = members.filter(naf_section=filters.sector)
        if filters.region:
            members = members.filter(region=filters.region)
        if filters.updated_since:
            members = members.filter(updated_at__gte=filters.updated_since)
        return CursorPagination().paginate_queryset(members, pagination)


@router.get(
    "/network/members/{organisation_slug}",
    response={200: MemberOut, 401: Problem, 403: Problem, 404: Problem, 422: Problem},
    summary="One member organisation",
)
def get_member(
    request,
    organisation_slug: str = Path(
        ...,
        max_length=80,
        pattern=r"^[-a-zA-Z0-9_]+$",
        description="The organisation's slug, as in its web addresses (/o/<slug>/)",
    ),
):
    require(request, AREA)
    nid = network_id(request)
    with request.scope.aggregating([nid]):
        return get_object_or_404(_members(request, nid), slug=organisation_slug)


# Dashboard -------------------------------------------------------------------


class DashboardFilters(Schema):
    size: SizeBandCode | None = None
    sector: SectorCode | None = None
    region: RegionCode | None = None
    club: int | None = Field(None, ge=1, le=MAX_ID, description="Members of one of its clubs")
    programme: int | None = Field(
        None, ge=1, le=MAX_ID, description="The cohort of one of its programmes"
    )
    framework: int | None = Field(
        None,
        ge=1,
        le=MAX_ID,
        description="A framework version's id (default: the one most members used)",
    )


class StatusCounts(Schema):
    total: int
    not_started: int
    in_progress: int
    submitted: int


class FrameworkOut(Schema):
    id: int
    code: str
    version: str
    title: str


class YearFigure(Schema):
    year: int
    code: str = Field(description="'overall' or a pillar's code")
    shown: bool = Field(description="False: fewer members than the anonymity threshold")
    organisations: int | None
    average: float | None
    median: float | None


class Withheld(Schema):
    shown: bool = Field(description="False when the group is under the anonymity threshold")
    withheld_reason: str | None = Field(description="Why the figures are withheld, in words")


class ScoreFigures(Withheld):
    scored: int | None = Field(description="Members whose latest assessment is counted")
    years: list[YearFigure] | None
    distribution: list[int] | None = Field(
        description="Members per tenth of the overall score (0-10, 10-20, ... 90-100)"
    )


class ThemePlan(Schema):
    theme_code: str
    title: str
    open: int
    done: int
    overdue: int


class PlanFigures(Withheld):
    open: int | None
    done: int | None
    overdue: int | None
    organisations: int | None
    by_theme: list[ThemePlan] | None


class KindSeats(Schema):
    kind: str
    seats: int


class ParticipationFigures(Withheld):
    events: int | None = Field(description="Events in the last 12 months")
    seats: int | None
    attended: int | None
    organisations: int | None = Field(description="Members who came at least once")
    by_kind: list[KindSeats] | None


class AdoptedPractice(Schema):
    practice_id: int
    title: str
    adopters: int


class PracticeFigures(Withheld):
    most_adopted: list[AdoptedPractice] | None


class DashboardOut(Schema):
    network: str
    min_group: int = Field(description="The anonymity threshold: smaller groups give no figure")
    filters: dict[str, str | int]
    counts: StatusCounts = Field(description="Always given: the animators' own business")
    framework: FrameworkOut | None
    scores: ScoreFigures
    plans: PlanFigures
    participation: ParticipationFigures
    practices: PracticeFigures


def _context(request):
    """The dashboard's figures (insights.views.figures), for the token's
    network, with the query's filters; unknown clubs, programmes or
    frameworks are a 404 (the web's form would quietly ignore them)."""
    nid = network_id(request)
    network = get_object_or_404(Network, pk=nid)
    context = figures(request, NetworkAccess(network, request.scope.staff[nid]))
    form = context["form"]
    # The form leaves out the club and programme fields of a network that
    # has none: asking for one is asking for something that is not there.
    missing = {
        name for name in ("club", "programme") if request.GET.get(name) and name not in form.fields
    }
    if (form.is_bound and not form.is_valid()) or missing:
        fields = ", ".join(sorted(set(form.errors) | missing))
        raise HttpError(404, _("Unknown in this network: %(fields)s.") % {"fields": fields})
    return context


def _withheld(shown: bool) -> dict:
    reason = None
    if not shown:
        reason = _(
            "Fewer than %(minimum)s organisations match: these figures are hidden so that "
            "no member's results can be guessed. Widen the filters."
        ) % {"minimum": benchmarks.MIN_OTHERS}
    return {"shown": shown, "withheld_reason": reason}


def _scores(context) -> dict:
    if not context.get("show_scores"):
        return {**_withheld(False), "scored": None, "years": None, "distribution": None}
    pack = context["pack"]
    years = [
        {
            "year": figure.year,
            "code": figure.code,
            "shown": figure.shown,
            "organisations": figure.organisations if figure.shown else None,
            "average": round(figure.average, 2) if figure.shown else None,
            "median": round(figure.median, 2) if figure.shown else None,
        }
        for figure in stats.yearly_scores(
            context["version"], context["organisations"], [p.code for p in pack.pillars]
        )
    ]
    return {
        **_withheld(True),
        "scored": context["scored"],
        "years": years,
        "distribution": peers.distribution(context["snapshots"]),
    }


def _theme_title(pack, code) -> str:
    if pack is None:
        return code
    try:
        return pack.theme(code).title.get(get_language() or "fr")
    except KeyError:
        return code


def _member_figures(context) -> tuple[dict, dict, dict]:
    """Plans, participation and practices: only for a group of members the
    anonymity rule allows."""
    if not context["enough_members"]:
        plans = {"open": None, "done": None, "overdue": None, "organisations": None}
        participation = {"events": None, "seats": None, "attended": None, "organisations": None}
        return (
            {**_withheld(False), **plans, "by_theme": None},
            {**_withheld(False), **participation, "by_kind": None},
            {**_withheld(False), "most_adopted": None},
        )
    organisations = context["organisations"]
    total, by_theme = stats.plan_figures(organisations)
    pack = context.get("pack")
    plans = {
        **_withheld(True),
        **{key: total[key] or 0 for key in ("open", "done", "overdue", "organisations")},
        "by_theme": [
            {
                "theme_code": row["theme_code"],
                "title": _theme_title(pack, row["theme_code"]),
                "open": row["open"],
                "done": row["done"],
                "overdue": row["overdue"],
            }
            for row in by_theme
        ],
    }
    since = timezone.now() - timedelta(days=365)
    figures_ = stats.participation(context["network"], organisations, since)
    participation = {
        **_withheld(True),
        "events": figures_["events"],
        "seats": figures_["seats"],
        "attended": figures_["attended"],
        "organisations": figures_["organisations"],
        "by_kind": [
            {"kind": row["event__kind"], "seats": row["seats"]} for row in figures_["by_kind"]
        ],
    }
    practices = {
        **_withheld(True),
        "most_adopted": [
            {"practice_id": practice.pk, "title": practice.display_title, "adopters": adopters}
            for practice, adopters in stats.top_practices(organisations)
        ],
    }
    return plans, participation, practices


@router.get(
    "/network/dashboard",
    response={200: DashboardOut, 401: Problem, 403: Problem, 404: Problem, 422: Problem},
    summary="The network's aggregated figures",
)
def dashboard(request, filters: Query[DashboardFilters]):
    """The figures of the animators' dashboard, computed by the same code
    with the same anonymity rule: a group of fewer than `min_group` members
    gives no figure (`shown: false` and `withheld_reason`), only how many
    members stand where in their assessment. Filters as the dashboard's.
    For a network's token."""
    require(request, AREA)
    nid = network_id(request)
    with request.scope.aggregating([nid]):
        context = _context(request)
        version = context["version"]
        plans, participation, practices = _member_figures(context)
        return {
            "network": context["network"].slug,
            "min_group": benchmarks.MIN_OTHERS,
            "filters": context["filters"],
            "counts": context["counts"],
            "framework": {
                "id": version.pk,
                "code": version.framework.code,
                "version": version.version,
                "title": version.title,
            }
            if version
            else None,
            "scores": _scores(context),
            "plans": plans,
            "participation": participation,
            "practices": practices,
        }


@router.get(
    "/network/exports/figures.csv",
    response={401: Problem, 403: Problem, 404: Problem, 422: Problem},
    openapi_extra=CSV_RESPONSE,
    summary="The dashboard's figures as CSV",
)
def export_figures(request, filters: Query[DashboardFilters]):
    """The web's export of the dashboard's figures (section, item, year,
    figure, value), with its anonymity rule; text a spreadsheet would run as
    a formula is written behind a quote. Recorded in the network's audit
    trail, as the web's export is. For a network's token."""
    require(request, AREA)
    nid = network_id(request)
    with request.scope.aggregating([nid]):
        context = _context(request)
        network = context["network"]
        name = f"levier-{network.slug}-figures.csv"
        response: HttpResponse = to_csv(rows_for(context), name)
    token = request.auth
    audit.record(
        audit.Action.NETWORK_FIGURES_EXPORTED,
        actor=token.created_by,
        subject=token.created_by,
        network=network,
        detail=f"{name} · API: {token.name}",
    )
    return response
