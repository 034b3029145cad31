"""The action plan: list, board and timeline; one action with its log."""

from collections import OrderedDict

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from levier.assessments.forms import EvidenceForm
from levier.assessments.uploads import download, stored_fields
from levier.audit import services as audit
from levier.carbon import reductions as carbon_reductions
from levier.plans import services
from levier.plans.forms import ActionForm, CommentForm, MeasurementForm, PlanFilterForm
from levier.plans.models import Action, ActionEvidence, ActionUpdate
from levier.reports.pdf import render_pdf
from levier.reports.plan_exports import plan_document, plan_workbook
from levier.tenancy.views import org_view


def _language():
    return get_language() or "fr"


def _actions(organisation):
    return organisation.actions.select_related(
        "owner", "practice", "assessment__framework_version__framework"
    )


def _plan(request, access):
    """Everything the three views of the plan share."""
    organisation = access.organisation
    baseline = services.baseline_assessment(organisation)
    pack = baseline.pack if baseline else None
    everything = list(_actions(organisation))
    form = PlanFilterForm(
        request.GET or None, organisation=organisation, pack=pack, language=_language()
    )
    shown = [a for a in everything if a.is_open]
    if form.is_valid():
        data = form.cleaned_data
        if data["status"] == "all":
            shown = everything
        elif data["status"]:
            shown = [a for a in everything if a.status == data["status"]]
        if data["owner"]:
            shown = [a for a in shown if a.owner_id == data["owner"]]
        if data["pillar"]:
            shown = [a for a in shown if a.pillar_code == data["pillar"]]
    # Engine answers by assessment, read once for the page (the baseline is
    # usually the latest submitted assessment the realised gains start from).
    known = {}
    realised = services.realised_gains(organisation, everything, known)
    for action in everything:
        action.realised_gain = realised.get(action.pk)
    # The tCO2e an action is expected to save, and what the next inventory shows.
    carbon = carbon_reductions.for_actions(organisation)
    for action in everything:
        action.carbon = carbon.get(action.pk)
    pillar_titles = {p.code: p.title.get(_language()) for p in pack.pillars} if pack else {}
    return {
        "access": access,
        "organisation": organisation,
        "form": form,
        "actions": shown,
        "everything": everything,
        "all_count": len(everything),
        "progress": services.progress(everything, realised),
        "projection": services.projection(baseline, everything, known),
        "pillar_titles": pillar_titles,
        "baseline": baseline,
        "query_string": request.GET.urlencode(),
        "overdue": sum(1 for a in everything if a.is_overdue),
        "carbon": carbon,
        "carbon_total": carbon_reductions.plan_total(carbon, everything),
    }


@org_view("view_work")
def plan_list(request, access):
    return render(request, "plans/list.html", _plan(request, access))


@org_view("view_work")
def plan_board(request, access):
    context = _plan(request, access)
    columns = OrderedDict((status, []) for status, _label in Action.Status.choices)
    for action in context["everything"]:
        columns[action.status].append(action)
    context["columns"] = [
        (status, label, columns[status]) for status, label in Action.Status.choices
    ]
    return render(request, "plans/board.html", context)


@org_view("view_work")
def plan_timeline(request, access):
    context = _plan(request, access)
    months = OrderedDict()
    undated = []
    for action in sorted(context["actions"], key=lambda a: (a.due_date is None, a.due_date)):
        if action.due_date is None:
            undated.append(action)
        else:
            months.setdefault(action.due_date.replace(day=1), []).append(action)
    context.update(months=list(months.items()), undated=undated, today=timezone.localdate())
    return render(request, "plans/timeline.html", context)


@org_view("contribute")
def action_new(request, access):
    organisation = access.organisation
    form = ActionForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        action = services.add_action(organisation, request.user, **fields)
        messages.success(request, _("The action is in the plan."))
        return redirect("action_detail", organisation.slug, action.pk)
    return render(request, "plans/action_form.html", {"form": form, "organisation": organisation})


def _get_action(access, pk) -> Action:
    return get_object_or_404(_actions(access.organisation), pk=pk)


@org_view("view_work")
def action_detail(request, access, pk):
    action = _get_action(access, pk)
    organisation = access.organisation
    form = ActionForm(instance=action, organisation=organisation)
    conflict = None
    if request.method == "POST" and access.can_contribute:
        form = ActionForm(
            request.POST, instance=Action.objects.get(pk=pk), organisation=organisation
        )
        if form.is_valid():
            fields = {
                name: form.cleaned_data[name]
                for name in form.Meta.fields
                if name in form.changed_data
            }
            try:
                services.update_action(
                    action, fields, request.user, form.cleaned_data["version"] or 0
                )
            except services.StaleAction as stale:
                conflict = stale.current
                name = conflict.updated_by.display_name if conflict.updated_by else _("Someone")
                messages.error(
                    request,
                    _(
                        "%(name)s changed this action while you were editing it. Their version "
                        "is shown below; your changes are still in the form."
                    )
                    % {"name": name},
                )
            else:
                messages.success(request, _("The action is saved."))
                return redirect("action_detail", organisation.slug, action.pk)
    return _render_detail(request, access, action, form=form, conflict=conflict)


def _render_detail(request, access, action, **forms):
    """The action page; ``forms`` replaces the blank ones with those that failed."""
    question = None
    if action.question_code and action.assessment:
        try:
            question = action.assessment.pack.question(action.question_code)
        except KeyError:
            question = None
    context = {
        "access": access,
        "organisation": access.organisation,
        "action": action,
        "form": ActionForm(instance=action, organisation=access.organisation),
        "conflict": None,
        "question": question,
        "target": question.level(action.target_level) if question else None,
        "comment_form": CommentForm(),
        "measurement_form": MeasurementForm(initial={"date": timezone.localdate()}),
        "evidence_form": EvidenceForm(),
        "updates": action.updates.select_related("author"),
        "measurements": action.measurements.all(),
        "evidence": action.evidence.all(),
        "carbon": carbon_reductions.for_actions(access.organisation, [action]).get(action.pk),
    }
    context.update(forms)
    return render(
        request, "plans/action_detail.html", context, status=400 if forms.get("invalid") else 200
    )


@org_view("contribute")
@require_POST
def action_status(request, access, pk):
    """One-click status change, from the board or the list."""
    action = _get_action(access, pk)
    status = request.POST.get("status")
    if status in Action.Status.values and status != action.status:
        try:
            services.update_action(action, {"status": status}, request.user, action.version)
        except services.StaleAction:
            messages.error(request, _("The action changed meanwhile: try again."))
        else:
            messages.success(
                request,
                _("“%(title)s”: %(status)s.")
                % {"title": action.title, "status": action.get_status_display()},
            )
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect(back)
    return redirect("plan_list", access.organisation.slug)


@org_view("contribute")
@require_POST
def action_comment(request, access, pk):
    action = _get_action(access, pk)
    form = CommentForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, access, action, comment_form=form, invalid=True)
    ActionUpdate.objects.create(action=action, author=request.user, text=form.cleaned_data["text"])
    messages.success(request, _("Comment added."))
    return redirect("action_detail", access.organisation.slug, action.pk)


@org_view("contribute")
@require_POST
def action_measure(request, access, pk):
    action = _get_action(access, pk)
    form = MeasurementForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, access, action, measurement_form=form, invalid=True)
    measurement = form.save(commit=False)
    measurement.action = action
    measurement.recorded_by = request.user
    measurement.save()
    messages.success(request, _("Measurement recorded."))
    return redirect("action_detail", access.organisation.slug, action.pk)


@org_view("contribute")
@require_POST
def action_evidence_upload(request, access, pk):
    action = _get_action(access, pk)
    form = EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render_detail(request, access, action, evidence_form=form, invalid=True)
    upload = form.cleaned_data["file"]
    ActionEvidence.objects.create(action=action, **stored_fields(upload, request.user))
    messages.success(request, _("%(name)s is attached.") % {"name": upload.name})
    return redirect("action_detail", access.organisation.slug, action.pk)


@org_view("view_work")
def action_evidence(request, access, pk, evidence_id):
    action = _get_action(access, pk)
    return download(get_object_or_404(action.evidence, pk=evidence_id))


def _export_name(organisation, extension):
    return f"levier-plan-{slugify(organisation.name)}.{extension}"


@org_view("view_work")
def plan_xlsx(request, access):
    context = _plan(request, access)
    response = HttpResponse(
        plan_workbook(context),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{_export_name(access.organisation, "xlsx")}"'
    )
    _record_export(request, access, "xlsx")
    return response


@org_view("view_work")
def plan_pdf(request, access):
    context = _plan(request, access)
    context.update(plan_document(context, timezone.localdate(), _language()))
    response = HttpResponse(
        render_pdf("plans/plan_pdf.html", context, request), content_type="application/pdf"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{_export_name(access.organisation, "pdf")}"'
    )
    _record_export(request, access, "pdf")
    return response


def _record_export(request, access, extension):
    audit.record(
        audit.Action.PLAN_EXPORTED,
        subject=request.user,
        organisation=access.organisation,
        detail=_export_name(access.organisation, extension),
        request=request,
    )
