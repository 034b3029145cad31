"""Answering: a page per theme, autosave of each answer, evidence files.

Without JavaScript the theme page is one form that saves every question. With
htmx, each question saves on change: the response updates only its status line
(the inputs are not replaced, so focus and keyboard navigation stay put),
plus, out of band, its version, the progress and follow-up questions.
"""

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from levier.assessments import answer_forms, services
from levier.assessments.blocks import (
    next_unanswered,
    overall_progress,
    theme_blocks,
    theme_progress,
)
from levier.assessments.forms import EvidenceForm
from levier.assessments.models import Evidence
from levier.assessments.uploads import download, stored_fields
from levier.assessments.views import get_assessment
from levier.audit import services as audit
from levier.carbon import prefill as carbon_prefill
from levier.tenancy.views import org_view
from levier.vsme import assessment_prefill as vsme_prefill


def _theme(assessment, theme_code):
    try:
        return assessment.pack.theme(theme_code)
    except KeyError:
        raise Http404 from None


def _question(assessment, code):
    try:
        question = assessment.pack.question(code)
    except KeyError:
        raise Http404 from None
    if question.code not in {q.code for q in services.applicable_questions(assessment)}:
        raise Http404
    return question


def _save(assessment, question, data, user):
    """Save one posted question; returns (block overrides, saved: bool)."""
    parsed = answer_forms.parse(question, data)
    if parsed.error:
        return {"given": parsed.given, "raw_value": parsed.raw_value, "error": parsed.error}, False
    stored = assessment.answers.filter(question_code=question.code).first()
    version = answer_forms.based_on_version(question, data)
    unchanged = parsed.given.same_as(stored) and (stored is None or stored.version == version)
    if unchanged and not (stored is not None and stored.to_confirm):
        return {}, False
    outcome = services.save_answer(assessment, question, parsed.given, user, version)
    if outcome.error:
        return {
            "given": parsed.given,
            "raw_value": parsed.raw_value,
            "error": answer_forms.error_message(outcome.error),
        }, False
    if outcome.conflict:
        return {
            "given": parsed.given,
            "raw_value": parsed.raw_value,
            "conflict": outcome.conflict,
        }, False
    return {}, True


def _page_context(assessment, theme, access, overrides=None):
    answers = services.stored_answers(assessment, evidence=True)
    result = services.score(assessment, answers)
    read_only = not (assessment.is_draft and access.can_contribute)
    blocks = theme_blocks(assessment, theme, result, answers, read_only)
    # What the carbon inventory suggests for the climate questions, to confirm.
    carbon = carbon_prefill.shown(carbon_prefill.suggestions(assessment), answers)
    # What the VSME report's confirmed figures suggest, to confirm the same way.
    vsme = vsme_prefill.shown(vsme_prefill.suggestions(assessment), answers)
    for block in blocks:
        block.vsme = vsme.get(block.code)
        block.carbon = carbon.get(block.code)
        if block.carbon:
            block.carbon_levels = [
                level
                for code in block.carbon.levels
                if (level := block.question.level(code)) is not None
            ]
        for name, value in (overrides or {}).get(block.code, {}).items():
            setattr(block, name, value)
    themes = list(assessment.pack.themes)
    index = next(i for i, t in enumerate(themes) if t.code == theme.code)
    progresses = [theme_progress(t, result, answers) for t in themes]
    return {
        "access": access,
        "organisation": access.organisation,
        "assessment": assessment,
        "theme": theme,
        "pillar": assessment.pack.pillar(theme.pillar_code),
        "blocks": blocks,
        "read_only": read_only,
        "theme_progress": progresses[index],
        "progress": overall_progress(progresses),
        "previous_theme": themes[index - 1] if index > 0 else None,
        "next_theme": themes[index + 1] if index + 1 < len(themes) else None,
        "next_question": next_unanswered(assessment, result, answers, after_theme=theme.code),
        "themes": list(zip(themes, progresses, strict=True)),
    }


@org_view("view_work")
def theme_page(request, access, pk, theme_code):
    assessment = get_assessment(access, pk)
    theme = _theme(assessment, theme_code)
    overrides = {}
    if request.method == "POST":
        if not access.can_contribute:
            raise Http404
        if not assessment.is_draft:
            messages.error(request, _("This assessment is submitted: it can no longer change."))
            return redirect(request.path)
        applicable = {q.code for q in services.applicable_questions(assessment)}
        for question in theme.questions:
            if (
                question.code in applicable
                and answer_forms.field(question, "present") in request.POST
            ):
                block, _saved = _save(assessment, question, request.POST, request.user)
                if block:
                    overrides[question.code] = block
        if not overrides:
            messages.success(request, _("Your answers are saved."))
            target = request.POST.get("then")
            if (
                target == "next"
                and (context := _page_context(assessment, theme, access))["next_theme"]
            ):
                return redirect(
                    "assessment_theme",
                    access.organisation.slug,
                    assessment.pk,
                    context["next_theme"].code,
                )
            return redirect(request.path)
        messages.error(
            request, _("Some answers could not be saved: see the questions marked below.")
        )
    return render(
        request,
        "assessments/theme.html",
        _page_context(assessment, theme, access, overrides),
        status=400 if overrides else 200,
    )


@org_view("contribute")
def answer(request, access, pk, code):
    """One question: GET gives its block (to take someone else's answer), POST saves it."""
    assessment = get_assessment(access, pk)
    question = _question(assessment, code)
    theme = assessment.pack.theme(question.theme_code)
    if request.method == "POST":
        if not assessment.is_draft:
            return HttpResponse(
                _("This assessment is submitted: it can no longer change."), status=409
            )
        before = services.score(assessment)
        overrides, saved = _save(assessment, question, request.POST, request.user)
        context = _page_context(assessment, theme, access, {code: overrides})
        after_hidden = set(context_result_hidden(context))
        changed = [
            block
            for block in context["blocks"]
            if block.code != code
            and (block.code in before.themes[theme.code].hidden) != (block.code in after_hidden)
        ]
        block = next(b for b in context["blocks"] if b.code == code)
        if not request.htmx:
            return redirect(
                reverse("assessment_theme", args=[access.organisation.slug, pk, theme.code])
                + f"#q-{code}"
            )
        return render(
            request,
            "assessments/_answer_saved.html",
            {**context, "block": block, "saved": saved, "changed_blocks": changed},
        )
    context = _page_context(assessment, theme, access)
    block = next(b for b in context["blocks"] if b.code == code)
    return render(request, "assessments/_question.html", {**context, "block": block})


def context_result_hidden(context):
    return [block.code for block in context["blocks"] if not block.visible]


@org_view("contribute")
@require_POST
def evidence_upload(request, access, pk, code):
    assessment = get_assessment(access, pk)
    question = _question(assessment, code)
    back = (
        reverse("assessment_theme", args=[access.organisation.slug, pk, question.theme_code])
        + f"#q-{code}"
    )
    if not assessment.is_draft:
        messages.error(request, _("This assessment is submitted: it can no longer change."))
        return redirect(back)
    form = EvidenceForm(request.POST, request.FILES)
    if not form.is_valid():
        for error in form.errors.get("file", []):
            messages.error(request, error)
        return redirect(back)
    stored, _created = assessment.answers.get_or_create(
        question_code=code, defaults={"answered_by": request.user}
    )
    upload = form.cleaned_data["file"]
    Evidence.objects.create(answer=stored, **stored_fields(upload, request.user))
    messages.success(request, _("%(name)s is attached.") % {"name": upload.name})
    return redirect(back)


def _evidence(access, pk, evidence_id):
    assessment = get_assessment(access, pk)
    return assessment, get_object_or_404(
        Evidence.objects.select_related("answer"), pk=evidence_id, answer__assessment=assessment
    )


@org_view("view_work")
def evidence_download(request, access, pk, evidence_id):
    _assessment, evidence = _evidence(access, pk, evidence_id)
    return download(evidence)


@org_view("contribute")
@require_POST
def evidence_delete(request, access, pk, evidence_id):
    assessment, evidence = _evidence(access, pk, evidence_id)
    back = (
        reverse(
            "assessment_theme",
            args=[
                access.organisation.slug,
                pk,
                assessment.pack.question(evidence.answer.question_code).theme_code,
            ],
        )
        + f"#q-{evidence.answer.question_code}"
    )
    if assessment.is_draft:
        file = evidence.file
        with transaction.atomic():
            evidence.delete()
            # Which assessment and question, never the file's name: it may say
            # what the answer was, and the network's admins read this.
            audit.record(
                audit.Action.EVIDENCE_DELETED,
                organisation=access.organisation,
                detail=f"{assessment} · {evidence.answer.question_code}",
                request=request,
            )
            # The file goes once its row is gone for good: a rollback keeps both.
            transaction.on_commit(lambda: file.delete(save=False))
        messages.success(request, _("%(name)s is removed.") % {"name": evidence.original_name})
    return redirect(back)
