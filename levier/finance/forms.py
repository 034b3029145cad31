"""Forms of projects, their documents and pipeline, and of funders."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from levier.accounts.models import SizeBand
from levier.accounts.regions import Region
from levier.assessments.uploads import check_evidence, short_name
from levier.events.forms import framework_theme_choices
from levier.finance.models import Funder, Instrument, PipelineStep, Project, Stage
from levier.lib.text import SingleLineFormField, clean_single_line
from levier.programmes.models import Application, Programme

NAMES_MAX = 20
NAME_MAX_LENGTH = 120


class NamesField(forms.CharField):
    """A list of names, one per line (accelerators, support programmes)."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(value)
        return value

    def to_python(self, value):
        if isinstance(value, list):
            value = "\n".join(value)
        text = super().to_python(value) or ""
        names = []
        for line in text.splitlines():
            name = clean_single_line(line)
            if name and name not in names:
                names.append(name)
        if len(names) > NAMES_MAX:
            raise forms.ValidationError(
                _("At most %(max)s names, one per line.") % {"max": NAMES_MAX}
            )
        if any(len(name) > NAME_MAX_LENGTH for name in names):
            raise forms.ValidationError(
                _("A name is at most %(max)s characters long.") % {"max": NAME_MAX_LENGTH}
            )
        return names

    def validate(self, value):
        if self.required and not value:
            raise forms.ValidationError(self.error_messages["required"], code="required")


def _checkboxes(choices, label, required=False, help_text=""):
    return forms.MultipleChoiceField(
        label=label,
        choices=choices,
        required=required,
        widget=forms.CheckboxSelectMultiple,
        help_text=help_text,
    )


def _themes_field(label, help_text=""):
    # Choices are read when the form is built (the page's language).
    return forms.MultipleChoiceField(
        label=label,
        choices=(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=help_text,
    )


def programmes_of(organisation):
    """The cohort programmes the organisation takes part in (selected)."""
    return Programme.objects.filter(
        network_id=organisation.network_id,
        applications__organisation=organisation,
        applications__status=Application.Status.SELECTED,
    ).distinct()


class ProjectForm(forms.ModelForm):
    themes = _themes_field(_("themes"), _("Themes of the Levier 360 framework."))
    instruments = _checkboxes(Instrument.choices, _("instruments accepted"), required=True)
    accompanied_by = NamesField(
        label=_("accompanied by"),
        required=False,
        help_text=_(
            "Accelerators or support programmes that accompany the project, one per line."
        ),
    )

    class Meta:
        model = Project
        fields = [
            "title",
            "purpose",
            "impact_targets",
            "themes",
            "actions",
            "region",
            "stage",
            "amount_sought",
            "instruments",
            "use_of_funds",
            "esus",
            "accompanied_by",
            "programme",
            "visibility",
        ]
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 4}),
            "impact_targets": forms.Textarea(attrs={"rows": 3}),
            "use_of_funds": forms.Textarea(attrs={"rows": 3}),
            "actions": forms.CheckboxSelectMultiple,
            "visibility": forms.RadioSelect,
            "amount_sought": forms.NumberInput(attrs={"inputmode": "numeric", "step": 1000}),
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.instance.organisation = organisation
        self.fields["themes"].choices = framework_theme_choices()
        # Only the organisation's own actions, and its own cohorts.
        self.fields["actions"].queryset = organisation.actions.order_by("title")
        self.fields["actions"].help_text = _("Actions of your plan this project carries out.")
        self.fields["programme"].queryset = programmes_of(organisation)
        self.fields["programme"].help_text = _(
            "For a collective project of a cohort you take part in."
        )
        self.fields["programme"].empty_label = _("No, a project of our own")
        self.fields["visibility"].help_text = _(
            "Public: also on Levier’s public page of projects, readable without an account "
            "(documents stay with the network’s funders)."
        )
        if not self.instance.pk:
            self.fields["region"].initial = organisation.region


class DocumentForm(forms.Form):
    title = SingleLineFormField(label=_("Title"), required=False)
    file = forms.FileField(label=_("Document"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        check_evidence(upload)
        upload.name = short_name(upload.name)
        return upload


class PipelineStepForm(forms.ModelForm):
    class Meta:
        model = PipelineStep
        fields = [
            "funder",
            "funder_name",
            "stage",
            "instrument",
            "amount_requested",
            "amount_granted",
            "decided_on",
            "notes",
        ]
        widgets = {
            "decided_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "notes": forms.Textarea(attrs={"rows": 3}),
            "amount_requested": forms.NumberInput(attrs={"inputmode": "numeric"}),
            "amount_granted": forms.NumberInput(attrs={"inputmode": "numeric"}),
        }

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.project = project
        network_id = project.organisation.network_id
        # The network's active funders, and the one already chosen.
        self.fields["funder"].queryset = Funder.objects.filter(network_id=network_id).filter(
            Q(is_active=True) | Q(pk=self.instance.funder_id or 0)
        )
        self.fields["funder"].empty_label = _("Another funder (type its name)")


class FunderForm(forms.ModelForm):
    instruments = _checkboxes(Instrument.choices, _("instruments"))
    stages = _checkboxes(Stage.choices, _("stages"))
    themes = _themes_field(_("themes"))
    regions = _checkboxes(Region.choices, _("territories"))
    size_bands = _checkboxes(SizeBand.choices, _("company sizes"))
    requires_accompanied_by = NamesField(
        label=_("only projects accompanied by"),
        required=False,
        help_text=_("Partner accelerators or programmes, one per line; empty: any project."),
    )

    class Meta:
        model = Funder
        fields = [
            "name",
            "kind",
            "description",
            "website",
            "ticket_min",
            "ticket_max",
            "instruments",
            "stages",
            "themes",
            "regions",
            "size_bands",
            "requires_esus",
            "requires_accompanied_by",
            "eligibility",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "eligibility": forms.Textarea(attrs={"rows": 3}),
            "ticket_min": forms.NumberInput(attrs={"inputmode": "numeric", "step": 1000}),
            "ticket_max": forms.NumberInput(attrs={"inputmode": "numeric", "step": 1000}),
        }
        help_texts = {"themes": _("Empty: any theme.")}

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.network = network
        self.fields["themes"].choices = framework_theme_choices()
        for name in ("instruments", "stages", "themes", "regions", "size_bands"):
            self.fields[name].help_text = _("None ticked: any.")


class ContactInviteForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"), widget=forms.EmailInput(attrs={"autocomplete": "off"})
    )
    full_name = SingleLineFormField(label=_("Full name"), required=False)


class ProjectFilterForm(forms.Form):
    """Filters of the projects a funder contact reads."""

    theme = forms.ChoiceField(label=_("Theme"), required=False)
    stage = forms.ChoiceField(
        label=_("Stage"), required=False, choices=[("", _("All")), *list(Stage.choices)]
    )
    instrument = forms.ChoiceField(
        label=_("Instrument"),
        required=False,
        choices=[("", _("All")), *list(Instrument.choices)],
    )
    region = forms.ChoiceField(
        label=_("Territory"), required=False, choices=[("", _("All")), *list(Region.choices)]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [("", _("All")), *framework_theme_choices()]

    def narrow(self, projects: list) -> list:
        """Filter in Python: themes and instruments are lists."""
        if not self.is_valid():
            return projects
        data = self.cleaned_data
        if data["theme"]:
            projects = [p for p in projects if data["theme"] in (p.themes or ())]
        if data["stage"]:
            projects = [p for p in projects if p.stage == data["stage"]]
        if data["instrument"]:
            projects = [p for p in projects if data["instrument"] in (p.instruments or ())]
        if data["region"]:
            projects = [p for p in projects if p.region == data["region"]]
        return projects
