"""The results of an assessment: page, PDF and spreadsheet."""

from collections import defaultdict

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import slugify

from levier.assessments import results as results_data
from levier.assessments import services
from levier.assessments.charts import pillar_bars, theme_radar, trajectory_line
from levier.assessments.views import get_assessment
from levier.audit import services as audit
from levier.engine.benchmarks import MIN_OTHERS
from levier.events import suggestions
from levier.events.views import visible_events
from levier.insights import member
from levier.plans import services as plans
from levier.plans.models import Action
from levier.reports.assessment_xlsx import workbook
from levier.reports.pdf import render_pdf
from levier.tenancy.views import org_view


def _context(access, assessment):
    results = results_data.build(assessment)
    return {
        "access": access,
        "organisation": access.organisation,
        "assessment": assessment,
        "results": results,
        "radar": theme_radar(results),
        "bars": pillar_bars(results),
        "trajectory_chart": trajectory_line(results) if len(results.trajectory) > 1 else "",
    }


@org_view("view_work")
def results_page(request, access, pk):
    assessment = get_assessment(access, pk)
    context = _context(access, assessment)
    # Workshops on the organisation's weakest themes: for its own people only,
    # read in their own scope (before the aggregates widen it).
    if access.is_member:
        context["suggested_events"] = suggestions.for_organisations(
            [access.organisation], visible_events()
        ).get(access.organisation.pk, [])
    # Peers' figures: anonymised aggregates over the network's members.
    with request.scope.aggregating([access.organisation.network_id]):
        context["peers_panel"] = member.benchmark(assessment, request.GET)
        context["peers_do"] = member.peers_like_you_do(access.organisation)
        return render(request, "assessments/results.html", context)


def _filename(assessment, extension: str) -> str:
    name = slugify(f"{assessment.organisation.name}-{assessment.period}")
    return f"levier-{name}.{extension}"


def _plan_summary(organisation) -> dict:
    """The plan's state for the PDF: counts by status, its projected overall score
    and the actions still counted (dropped ones aside), open ones first."""
    actions = list(organisation.actions.select_related("owner"))
    counted = [a for a in actions if a.status != Action.Status.DROPPED]
    order = {Action.Status.IN_PROGRESS: 0, Action.Status.TODO: 1, Action.Status.DONE: 2}
    counted.sort(key=lambda a: (order[a.status], a.due_date is None, a.due_date, a.pk))
    return {
        "actions": counted,
        "todo": sum(1 for a in counted if a.status == Action.Status.TODO),
        "in_progress": sum(1 for a in counted if a.status == Action.Status.IN_PROGRESS),
        "done": sum(1 for a in counted if a.status == Action.Status.DONE),
        "projection": plans.projection(plans.baseline_assessment(organisation), actions),
    }


# The radar's labels in viewBox units: the printed radar, 17 cm wide, shows them at
# about 10 pt and its 25-50-75-100 scale at about 7.5 pt (its default, 14, gave 8 and 6).
PRINTED_RADAR_FONT = 18


# Clauses that say the same thing to a reader: the size, the sector.
def _perimeter(assessment, results) -> dict:
    """What the scores cover, for the PDF's method: the questions that apply and
    why the others do not, those answered "not applicable", who answered."""
    left_out = defaultdict(list)
    for question, reason in services.left_out(assessment):
        left_out[services.EXCLUSION_KINDS.get(reason.clause, reason.clause)].append(question)
    answers = results.answers.values()
    respondents = {a.answered_by.display_name for a in answers if a.answered_by is not None}
    return {
        "total": len(assessment.pack.questions),
        "applicable": len(services.applicable_questions(assessment)),
        "exclusions": dict(left_out),
        "not_applicable": sum(1 for a in answers if a.not_applicable),
        "unanswered": len(results.missing),
        "respondents": sorted(respondents),
    }


def _ranked_themes(results) -> list:
    return sorted(
        (row for row in results.themes if row.score is not None), key=lambda row: -row.score
    )


@org_view("view_work")
def results_pdf(request, access, pk):
    assessment = get_assessment(access, pk)
    context = _context(access, assessment)
    ranked = _ranked_themes(context["results"])
    context.update(
        radar=theme_radar(context["results"], font=PRINTED_RADAR_FONT),
        plan=_plan_summary(access.organisation),
        strongest_themes=ranked[:3],
        weakest_themes=list(reversed(ranked[3:]))[:3] if len(ranked) > 3 else [],
        min_peers=MIN_OTHERS,
        perimeter=_perimeter(assessment, context["results"]),
        produced_on=timezone.localdate(),
    )
    with request.scope.aggregating([access.organisation.network_id]):
        context["peers_panel"] = member.benchmark(assessment, {})
        pdf = render_pdf("assessments/results_pdf.html", context, request)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(assessment, "pdf")}"'
    _record_export(request, access, assessment, "pdf")
    return response


@org_view("view_work")
def results_xlsx(request, access, pk):
    assessment = get_assessment(access, pk)
    content = workbook(results_data.build(assessment))
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(assessment, "xlsx")}"'
    _record_export(request, access, assessment, "xlsx")
    return response


def _record_export(request, access, assessment, extension):
    # The file's name, never its figures: the network's admins read this.
    audit.record(
        audit.Action.RESULTS_EXPORTED,
        subject=request.user,
        organisation=access.organisation,
        detail=_filename(assessment, extension),
        request=request,
    )
