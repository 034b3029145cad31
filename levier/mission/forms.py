"""Forms of the mission's pages: the mission itself, its statutory and
operational objectives, indicators and their measurements, and the links of
an operational objective to the plan and the assessment.

Model validation (``Indicator.clean``: a value and its date together, a
target after the baseline) runs in the model forms and puts its messages
next to the fields; what was typed stays in the form."""

from django import forms
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from levier.assessments.uploads import check_evidence, short_name
from levier.carbon.forms import DecimalField
from levier.lib.limits import MEASURE_MAX_MAGNITUDE
from levier.mission.models import (
    Indicator,
    IndicatorMeasurement,
    Mission,
    OperationalObjective,
    StatutoryObjective,
)
from levier.plans.forms import member_choices

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _measure(label, required=False, **kwargs):
    return DecimalField(
        label=label,
        required=required,
        min_value=-MEASURE_MAX_MAGNITUDE,
        max_value=MEASURE_MAX_MAGNITUDE,
        **kwargs,
    )


def _members(field, organisation):
    """Limit a person field to the organisation's members."""
    field.queryset = member_choices(organisation)
    field.label_from_instance = lambda user: user.display_name
    field.empty_label = _("Nobody yet")


class MissionForm(forms.ModelForm):
    year_end_month = forms.TypedChoiceField(
        label=_("Month the financial year ends"),
        coerce=int,
        choices=[(number, name) for number, name in MONTHS.items()],
        initial=12,
    )

    class Meta:
        model = Mission
        fields = [
            "purpose",
            "published_on",
            "governance",
            "permanent_employees",
            "wait_three_years",
            "year_end_month",
            "verifier",
        ]
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 4}),
            "published_on": DATE,
            "governance": forms.RadioSelect,
        }
        help_texts = {
            "purpose": _(
                "As written in your articles of association: why the company exists, "
                "beyond its profit."
            ),
            "verifier": _("The accredited body that checks your objectives, once chosen."),
        }
        error_messages = {
            "purpose": {"required": _("Write the raison d'être as your articles state it.")}
        }


class StatutoryObjectiveForm(forms.ModelForm):
    class Meta:
        model = StatutoryObjective
        fields = ["wording", "kind", "theme", "position"]
        widgets = {"wording": forms.Textarea(attrs={"rows": 3})}
        labels = {"position": _("Order")}
        help_texts = {
            "theme": _(
                "What the objective is about: it lets your network gather companies "
                "with a mission around one theme."
            ),
            "position": _("Objectives are listed from the smallest number."),
        }
        error_messages = {
            "wording": {"required": _("Write the objective as your articles state it.")},
            "theme": {"required": _("Choose the theme closest to the objective.")},
        }


class OperationalObjectiveForm(forms.ModelForm):
    class Meta:
        model = OperationalObjective
        fields = ["title", "description", "owner", "due_on"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3}), "due_on": DATE}
        error_messages = {
            "title": {"required": _("Name the operational objective.")},
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        _members(self.fields["owner"], organisation)


class IndicatorForm(forms.ModelForm):
    baseline_value = _measure(_("Baseline"))
    target_value = _measure(_("Target"))

    class Meta:
        model = Indicator
        fields = [
            "name",
            "unit",
            "baseline_value",
            "baseline_on",
            "target_value",
            "target_on",
            "responsible",
            "every_months",
        ]
        widgets = {"baseline_on": DATE, "target_on": DATE}
        labels = {"every_months": _("How often it is measured")}
        help_texts = {
            "unit": _("What the figures count: t CO2e, %, people, kWh..."),
            "baseline_value": _("Where you start from, with its date."),
            "target_value": _("Where you aim to be, with its date."),
            "every_months": _("Levier reminds the responsible person when a measurement is due."),
        }
        error_messages = {
            "name": {"required": _("Name the indicator.")},
            "unit": {
                "required": _(
                    "Give the indicator's unit (t CO2e, %, people...): a figure without a "
                    "unit cannot be read."
                )
            },
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        _members(self.fields["responsible"], organisation)


class MeasurementForm(forms.ModelForm):
    value = _measure(_("Value"), required=True)
    evidence = forms.FileField(
        label=_("Evidence (optional)"),
        required=False,
        help_text=_("PDF, image or office document; 10 MB at most."),
    )

    class Meta:
        model = IndicatorMeasurement
        fields = ["on", "value", "source", "note"]
        widgets = {"on": DATE}
        error_messages = {
            "on": {"required": _("Give the date the value was measured.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["value"].error_messages["required"] = _("Give the measured value.")

    def clean_evidence(self):
        upload = self.cleaned_data.get("evidence")
        if upload:
            check_evidence(upload)
            upload.name = short_name(upload.name)
        return upload


class LinksForm(forms.Form):
    """The plan's actions and the assessment's questions that serve an
    operational objective. Questions are ``framework:question`` values."""

    actions = forms.ModelMultipleChoiceField(
        label=_("Actions of the plan"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    questions = forms.MultipleChoiceField(
        label=_("Questions of the assessment"), required=False, choices=()
    )

    def __init__(self, *args, actions, question_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["actions"].queryset = actions
        self.fields["actions"].label_from_instance = lambda action: action.title
        self.fields["questions"].choices = question_choices
