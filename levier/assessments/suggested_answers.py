"""Saving an answer another part of Levier suggests (the carbon inventory, the
VSME report), once a person pressed its button: never on its own."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from levier.assessments import services as assessments
from levier.assessments.views import get_assessment


def save_suggested(request, access, pk, code, suggestions_of, saved_message: str):
    """``suggestions_of(assessment)`` gives the suggestions by question code,
    each with ``levels`` and ``value``; the one for ``code`` is saved as the
    person's answer, keeping their comment."""
    assessment = get_assessment(access, pk)
    suggestion = suggestions_of(assessment).get(code)
    if suggestion is None:
        raise Http404
    question = assessment.pack.question(code)
    theme_url = reverse(
        "assessment_theme", args=[access.organisation.slug, assessment.pk, question.theme_code]
    )
    if not assessment.is_draft:
        messages.error(request, _("This assessment is submitted: it can no longer change."))
        return redirect(theme_url)
    if code not in {q.code for q in assessments.applicable_questions(assessment)}:
        raise Http404
    stored = assessment.answers.filter(question_code=code).first()
    posted = request.POST.get("version", "")
    version = int(posted) if posted.isdecimal() else 0
    if stored is not None and stored.answered_by_id == request.user.pk:
        # The page's own autosave moved the version on since it was drawn.
        version = stored.version
    outcome = assessments.save_answer(
        assessment,
        question,
        assessments.AnswerInput(
            levels=suggestion.levels,
            value=suggestion.value,
            comment=stored.comment if stored else "",
        ),
        request.user,
        version,
    )
    if outcome.answer is None:
        messages.error(
            request,
            _("Someone answered this question meanwhile: check their answer below."),
        )
    else:
        messages.success(request, saved_message)
    return redirect(f"{theme_url}#q-{code}")
