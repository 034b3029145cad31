"""Starting, following, submitting and reopening assessments."""

from collections import defaultdict

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from levier.assessments import emails, services
from levier.assessments.blocks import (
    next_unanswered,
    overall_progress,
    question_scope,
    theme_progress,
)
from levier.assessments.forms import AssignmentForm, StartAssessmentForm, answering_members
from levier.assessments.models import Assessment, ThemeAssignment
from levier.tenancy.views import org_view


def get_assessment(access, pk) -> Assessment:
    """An assessment of the organisation in ``access``, or 404."""
    return get_object_or_404(
        access.organisation.assessments.select_related(
            "framework_version__framework", "organisation"
        ),
        pk=pk,
    )


@org_view("view_work")
def assessment_list(request, access):
    assessments = access.organisation.assessments.select_related(
        "framework_version", "created_by"
    ).prefetch_related("snapshots")
    return render(
        request,
        "assessments/list.html",
        {"access": access, "organisation": access.organisation, "assessments": assessments},
    )


@org_view("administer")
def assessment_start(request, access):
    organisation = access.organisation
    form = StartAssessmentForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        assessment = services.start(
            organisation,
            form.cleaned_data["framework_version"],
            form.cleaned_data["period"],
            request.user,
        )
        return redirect("assessment_detail", organisation.slug, assessment.pk)
    return render(
        request,
        "assessments/start.html",
        {"form": form, "organisation": organisation, "access": access},
    )


def _exclusions_summary(assessment):
    """How many questions are left out, grouped by the reason a member reads
    (a question for larger organisations and one for smaller ones both
    concern "another size": one line, not two with the same words)."""
    grouped = defaultdict(list)
    for question, reason in services.left_out(assessment):
        grouped[services.EXCLUSION_KINDS.get(reason.clause, reason.clause)].append(question)
    return dict(grouped)


@org_view("view_work")
def assessment_detail(request, access, pk):
    assessment = get_assessment(access, pk)
    answers = services.stored_answers(assessment)
    result = services.score(assessment, answers)
    pack = assessment.pack
    assignments = defaultdict(list)
    for assignment in assessment.assignments.select_related("user"):
        assignments[assignment.theme_code].append(assignment.user)
    themes = [
        {
            "theme": theme,
            "pillar": pack.pillar(theme.pillar_code),
            "progress": theme_progress(theme, result, answers),
            "assignees": assignments.get(theme.code, []),
            "mine": request.user in assignments.get(theme.code, []),
        }
        for theme in pack.themes
    ]
    next_question = next_unanswered(assessment, result, answers)
    return render(
        request,
        "assessments/detail.html",
        {
            "access": access,
            "organisation": access.organisation,
            "assessment": assessment,
            "themes": themes,
            "my_themes": [t for t in themes if t["mine"]],
            "progress": overall_progress(t["progress"] for t in themes),
            "scope": question_scope(pack.themes, result),
            "exclusions": _exclusions_summary(assessment),
            "next_question": next_question,
            "missing": len(result.missing),
            "to_confirm": sum(1 for answer in answers.values() if answer.to_confirm),
            "events": assessment.events.select_related("user"),
            "lang": get_language(),
        },
    )


@org_view("administer")
def assessment_assign(request, access, pk):
    assessment = get_assessment(access, pk)
    themes = assessment.pack.themes
    members = list(answering_members(access.organisation))
    current = defaultdict(set)
    for assignment in assessment.assignments.all():
        current[assignment.theme_code].add(assignment.user_id)
    form = AssignmentForm(request.POST or None, themes=themes, members=members, current=current)
    if request.method == "POST" and form.is_valid():
        before = {(code, user_id) for code, user_ids in current.items() for user_id in user_ids}
        after = {
            (code, user_id) for code, user_ids in form.cleaned_data.items() for user_id in user_ids
        }
        with transaction.atomic():
            assessment.assignments.all().delete()
            ThemeAssignment.objects.bulk_create(
                ThemeAssignment(assessment=assessment, theme_code=code, user_id=user_id)
                for code, user_id in after
            )
            emails.tell_assignees(
                assessment,
                emails.new_assignments(before, after, request.user.pk),
                {member.pk: member for member in members},
                request.user,
            )
        messages.success(request, _("Themes assigned."))
        return redirect("assessment_detail", access.organisation.slug, assessment.pk)
    return render(
        request,
        "assessments/assign.html",
        {
            "form": form,
            "assessment": assessment,
            "organisation": access.organisation,
            "members": members,
        },
    )


@org_view("administer")
def assessment_submit(request, access, pk):
    assessment = get_assessment(access, pk)
    if not assessment.is_draft:
        return redirect("assessment_results", access.organisation.slug, assessment.pk)
    answers = services.stored_answers(assessment)
    result = services.score(assessment, answers)
    unconfirmed = services.unconfirmed_carried_over(assessment, answers)
    # Carried-over answers nobody checked are submitted only once the admin
    # has seen how many there are and said so (the form's "submit anyway").
    confirmed = request.POST.get("carried_over_confirmed") == str(len(unconfirmed))
    if request.method == "POST" and (not unconfirmed or confirmed):
        services.submit(assessment, request.user)
        messages.success(request, _("The assessment is submitted: here are your results."))
        return redirect("assessment_results", access.organisation.slug, assessment.pk)
    previous = services.previous_submitted(assessment) if unconfirmed else None
    return render(
        request,
        "assessments/submit.html",
        {
            "assessment": assessment,
            "organisation": access.organisation,
            "missing": len(result.missing),
            "overall": result.overall,
            "unconfirmed": len(unconfirmed),
            "previous": previous,
            "first_unconfirmed": unconfirmed[0] if unconfirmed else None,
        },
    )


@org_view("administer")
@require_POST
def assessment_reopen(request, access, pk):
    assessment = get_assessment(access, pk)
    services.reopen(assessment, request.user)
    messages.success(
        request,
        _("The assessment is open again. Its submitted results stay in its history."),
    )
    return redirect("assessment_detail", access.organisation.slug, assessment.pk)
