"""Using a figure of the VSME report as an assessment's answer, as a person chose to."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from levier.assessments import services as assessments
from levier.assessments.views import get_assessment
from levier.tenancy.views import org_view
from levier.vsme import assessment_prefill


@org_view("contribute")
@require_POST
def use_suggestion(request, access, pk, code):
    """Answer a question of the assessment with the figure the VSME report
    suggests (never on its own: a person presses the button)."""
    assessment = get_assessment(access, pk)
    suggestion = assessment_prefill.suggestions(assessment).get(code)
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
        assessments.AnswerInput(value=suggestion.value, comment=stored.comment if stored else ""),
        request.user,
        version,
    )
    if outcome.answer is None:
        messages.error(
            request,
            _("Someone answered this question meanwhile: check their answer below."),
        )
    else:
        messages.success(request, _("The figure from your VSME report is saved."))
    return redirect(f"{theme_url}#q-{code}")
