"""The animators' dashboard and improvement report, their exports, and an
organisation's consent to show its results to its network."""

from datetime import timedelta
from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from levier.assessments import results as results_data
from levier.assessments.charts import pillar_bars, theme_radar
from levier.assessments.models import Assessment
from levier.audit import services as audit
from levier.engine import benchmarks
from levier.events.models import EventKind
from levier.frameworks.models import FrameworkVersion
from levier.insights import circles, peers
from levier.insights import figures as network_figures
from levier.insights import network_stats as stats
from levier.insights.exports import rows_for, to_csv, to_xlsx
from levier.insights.forms import DashboardFilterForm
from levier.insights.models import Sharing, SharingLog
from levier.lib.collation import ReadingOrder
from levier.practices.models import PracticeGainFigure
from levier.reports.charts import histogram_chart
from levier.tenancy.views import network_aggregates, network_view, org_view

MEMBERS_PER_PAGE = 50
# Measured practice gains listed on the dashboard (the whole network's, most
# adopters first: filters do not narrow them).
MEASURED_SHOWN = 10


def _versions(network) -> list[FrameworkVersion]:
    """The framework versions members were assessed with, most used first."""
    ids = [version_id for version_id, _count in network_figures.versions(network)]
    found = FrameworkVersion.objects.select_related("framework").in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def figures(request, access) -> dict:
    """Everything the dashboard, the improvement report and the exports share."""
    network = access.network
    versions = _versions(network)
    form = DashboardFilterForm(
        request.GET or None,
        versions=versions,
        clubs=list(circles.clubs(network)),
        programmes=list(circles.programmes(network)),
    )
    filters = form.filters()
    chosen = form.cleaned_data.get("framework") if form.is_bound and form.is_valid() else None
    version = next((v for v in versions if v.pk == chosen), versions[0] if versions else None)
    organisations = stats.members(network, filters)
    # Without a filter, the network's maintained figures; with one, the same
    # figures over the matching members' maintained rows.
    view = network_figures.View(network, version, organisations, filtered=bool(filters))
    counts = view.statuses()
    context = {
        "access": access,
        "network": network,
        "form": form,
        "filters": filters,
        "query_string": request.GET.urlencode(),
        "counts": counts,
        "organisations": organisations,
        "figures": view,
        "version": version,
        "min_group": benchmarks.MIN_OTHERS,
        "enough_members": benchmarks.may_show(counts["total"]),
    }
    if version is None:
        context.update(scored=0, show_scores=False)
        return context
    pack = version.pack
    language = get_language() or "fr"
    # Score lines are for the API and exports; the pages read ``figures``.
    snapshots = stats.current_snapshots(network, version, organisations)
    scored = view.latest()["scored"]
    context.update(
        pack=pack,
        snapshots=snapshots,
        scored=scored,
        show_scores=benchmarks.may_show(scored),
        pillar_titles=[(p.code, p.title.get(language)) for p in pack.pillars],
    )
    return context


@network_view("animate")
@network_aggregates
def dashboard(request, access):
    context = figures(request, access)
    organisations = context["organisations"]
    page = Paginator(
        stats.with_status(organisations).order_by(ReadingOrder("name"), "pk"), MEMBERS_PER_PAGE
    )
    context["members"] = page.get_page(request.GET.get("page"))
    if context.get("show_scores"):
        pack = context["pack"]
        yearly = stats.year_figures(context["figures"], [p.code for p in pack.pillars])
        context["years"] = _year_table(yearly, context["pillar_titles"])
        context["chart"] = histogram_chart(
            context["figures"].latest()["buckets"],
            title=_("How members' overall scores spread"),
            description=_("Number of members in each tenth of the scale, latest assessment."),
        )
    if context["enough_members"]:
        context["practices"] = stats.top_adopted(context["figures"])
        context["measured"] = (
            PracticeGainFigure.objects.filter(network=context["network"])
            .select_related("practice")
            .order_by("-adopters", "practice_id", "framework")[:MEASURED_SHOWN]
        )
        total, by_theme = context["figures"].plans()
        pack = context.get("pack")
        for row in by_theme:
            row["title"] = _theme_title(pack, row["theme_code"])
        context["plans"], context["plans_by_theme"] = total, by_theme
        since = timezone.now() - timedelta(days=365)
        context["participation"] = stats.participation(context["network"], organisations, since)
        context["kinds"] = dict(EventKind.choices)
    return render(request, "insights/dashboard.html", context)


def _theme_title(pack, code):
    if pack is None:
        return code
    try:
        return pack.theme(code).title.get(get_language() or "fr")
    except KeyError:
        return code


def _year_table(yearly, pillar_titles) -> list[dict]:
    """Rows by year, a cell per overall and pillar score (hidden under 5)."""
    by_year: dict[int, dict] = {}
    for figure in yearly:
        by_year.setdefault(figure.year, {})[figure.code] = figure
    codes = [peers.OVERALL] + [code for code, _title in pillar_titles]
    return [
        {"year": year, "cells": [cells.get(code) for code in codes]}
        for year, cells in sorted(by_year.items())
    ]


@network_view("animate")
@network_aggregates
def improvement_report(request, access):
    context = figures(request, access)
    if context.get("show_scores"):
        context.update(_improvement(context))
    return render(request, "insights/improvement.html", context)


def _improvement(context) -> dict:
    pack = context["pack"]
    language = get_language() or "fr"
    questions = stats.improvement_figures(context["figures"])
    themes = stats.theme_figures(context["figures"])
    lost_by_theme: dict[str, float] = {}
    rows = []
    for row in questions:
        try:
            question = pack.question(row["code"])
        except KeyError:
            continue
        lost_by_theme[question.theme_code] = (
            lost_by_theme.get(question.theme_code, 0.0) + row["average_lost"]
        )
        rows.append({**row, "question": question, "theme": pack.theme(question.theme_code)})
    theme_rows = sorted(
        (
            {
                "theme": theme,
                "pillar": pack.pillar(theme.pillar_code).title.get(language),
                "average": themes.get(theme.code, {}).get("average"),
                "lost": lost_by_theme.get(theme.code, 0.0),
            }
            for theme in pack.themes
        ),
        key=lambda row: -row["lost"],
    )
    for row in theme_rows:
        title = row["theme"].title.get(language)
        row["workshop"] = urlencode(
            {
                "kind": "workshop",
                "theme": title[:80],
                "title": _("Workshop: %(theme)s") % {"theme": title},
                "description": _(
                    "A good-practice workshop on %(theme)s, where the network's members lose "
                    "the most points: members who do it well share how."
                )
                % {"theme": title},
            }
        )
    return {"questions": rows[:15], "themes": theme_rows}


@network_view("animate")
@network_aggregates
def export(request, access, extension):
    if extension not in ("csv", "xlsx"):
        raise Http404
    context = figures(request, access)
    rows = rows_for(context)
    name = f"levier-{access.network.slug}-figures.{extension}"
    audit.record(
        audit.Action.NETWORK_FIGURES_EXPORTED,
        subject=request.user,
        network=access.network,
        detail=name,
        request=request,
    )
    if extension == "csv":
        return to_csv(rows, name)
    return to_xlsx(rows, name)


@network_view("animate")
def shared_results(request, access, member):
    """An organisation's latest results, for animators, when it shares them."""
    sharing = get_object_or_404(
        Sharing.objects.select_related("organisation"),
        organisation__slug=member,
        organisation__network=access.network,
    )
    with request.scope.reading_shared(sharing.organisation):
        return _shared_results(request, access, sharing.organisation)


def _shared_results(request, access, organisation):
    assessment = (
        organisation.assessments.filter(status=Assessment.Status.SUBMITTED)
        .select_related("framework_version__framework")
        .order_by("-submitted_at")
        .first()
    )
    if assessment is None:
        raise Http404
    results = results_data.build(assessment)
    SharingLog.objects.create(
        organisation=organisation,
        user=request.user,
        kind=SharingLog.Kind.VIEWED,
        what=str(assessment),
    )
    # The network admins' trail too: who of their staff opened it, not what.
    audit.record(
        audit.Action.SHARED_RESULTS_VIEWED,
        organisation=organisation,
        detail=str(assessment),
        request=request,
    )
    return render(
        request,
        "insights/shared_results.html",
        {
            "network": access.network,
            "organisation": organisation,
            "assessment": assessment,
            "results": results,
            "radar": theme_radar(results),
            "bars": pillar_bars(results),
            "trajectory_chart": "",
        },
    )


@org_view("administer")
def sharing(request, access):
    organisation = access.organisation
    shared = Sharing.objects.filter(organisation=organisation).first()
    return render(
        request,
        "insights/sharing.html",
        {
            "access": access,
            "organisation": organisation,
            "shared": shared,
            "log": organisation.sharing_log.select_related("user")[:50],
        },
    )


@org_view("administer")
@require_POST
def sharing_toggle(request, access):
    organisation = access.organisation
    # The consent, its log line and its audit entry stand or fall together.
    with transaction.atomic():
        if request.POST.get("share") == "yes":
            _sharing, created = Sharing.objects.get_or_create(
                organisation=organisation, defaults={"shared_by": request.user}
            )
            if created:
                SharingLog.objects.create(
                    organisation=organisation, user=request.user, kind=SharingLog.Kind.SHARED
                )
                audit.record(
                    audit.Action.RESULTS_SHARED, organisation=organisation, request=request
                )
                messages.success(
                    request, _("Your results are now visible to your network's animators.")
                )
        else:
            deleted, _rows = Sharing.objects.filter(organisation=organisation).delete()
            if deleted:
                SharingLog.objects.create(
                    organisation=organisation, user=request.user, kind=SharingLog.Kind.REVOKED
                )
                audit.record(
                    audit.Action.SHARING_STOPPED, organisation=organisation, request=request
                )
                messages.success(
                    request, _("Your results are no longer visible to the animators.")
                )
    return redirect("results_sharing", organisation.slug)
