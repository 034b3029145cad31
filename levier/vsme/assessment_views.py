"""Using a figure of the VSME report as an assessment's answer, as a person chose to."""

from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from levier.assessments.suggested_answers import save_suggested
from levier.tenancy.views import org_view
from levier.vsme import assessment_prefill


@org_view("contribute")
@require_POST
def use_suggestion(request, access, pk, code):
    """Answer a question of the assessment with the figure the VSME report
    suggests (never on its own: a person presses the button)."""
    return save_suggested(
        request,
        access,
        pk,
        code,
        assessment_prefill.suggestions,
        _("The figure from your VSME report is saved."),
    )
