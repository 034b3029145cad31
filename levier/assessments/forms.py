from django import forms
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from levier.accounts.models import OrgRole, User
from levier.assessments.uploads import check_evidence, short_name
from levier.frameworks.models import FrameworkVersion
from levier.lib.text import SingleLineFormField

DEFAULT_FRAMEWORK = "levier-360"


class StartAssessmentForm(forms.Form):
    framework_version = forms.ModelChoiceField(
        label=_("Framework"), queryset=FrameworkVersion.objects.none(), empty_label=None
    )
    period = SingleLineFormField(
        label=_("Period assessed"),
        max_length=40,
        help_text=_("Usually the year, e.g. 2026."),
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        versions = (
            FrameworkVersion.objects.available_to([organisation.network_id])
            .select_related("framework")
            .order_by("framework__code", "-published_at")
        )
        # Only the newest version of each framework is offered for a new assessment.
        newest, seen = [], set()
        for version in versions:
            if version.framework_id not in seen:
                seen.add(version.framework_id)
                newest.append(version.pk)
        offered = (
            FrameworkVersion.objects.filter(pk__in=newest)
            .select_related("framework")
            .order_by("-is_shipped", "title_fr")
        )
        self.fields["framework_version"].queryset = offered
        self.fields["framework_version"].initial = self._usual_choice(organisation, offered)
        self.fields["period"].initial = str(timezone.localdate().year)

    @staticmethod
    def _usual_choice(organisation, offered):
        """The framework the organisation used last time, else Levier 360."""
        last = organisation.assessments.order_by("-created_at").first()
        by_framework = {version.framework_id: version for version in offered}
        if last is not None and last.framework_version.framework_id in by_framework:
            return by_framework[last.framework_version.framework_id]
        return next((v for v in offered if v.framework.code == DEFAULT_FRAMEWORK), None)


class AssignmentForm(forms.Form):
    """Who answers each theme: one multiple choice per theme."""

    def __init__(self, *args, themes, members, current, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(user.pk, user.display_name) for user in members]
        for theme in themes:
            self.fields[theme.code] = forms.TypedMultipleChoiceField(
                label=theme.title.get(get_language() or "fr"),
                choices=choices,
                coerce=int,
                required=False,
                initial=sorted(current.get(theme.code, ())),
                widget=forms.CheckboxSelectMultiple,
            )


def answering_members(organisation):
    return User.objects.filter(
        memberships__organisation=organisation,
        memberships__role__in=[OrgRole.CONTRIBUTOR, OrgRole.ADMIN],
    ).order_by("full_name", "email")


class EvidenceForm(forms.Form):
    file = forms.FileField(label=_("Evidence file"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        check_evidence(upload)
        # Kept, and shown, under a name that fits: shortened, with its extension.
        upload.name = short_name(upload.name)
        return upload
