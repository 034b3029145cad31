from django import forms
from django.utils.translation import gettext_lazy as _

from levier.assessments.uploads import check_evidence, short_name
from levier.lib.limits import PERSON_NAME_MAX_LENGTH
from levier.lib.text import MultiLineFormField, SingleLineFormField
from levier.membership.forms import JoinRequestForm
from levier.plans.models import Action
from levier.programmes.models import Application, Appointment, Programme

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


def _datetime_widget():
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT)


class ProgrammeForm(forms.ModelForm):
    class Meta:
        model = Programme
        fields = [
            "title",
            "description",
            "seats",
            "applications_open",
            "application_deadline",
            "application_question",
            "starts_on",
            "ends_on",
            "requires_assessment",
            "min_actions",
            "requires_attendance",
            "custom_deliverable",
            "document_deliverable",
            "open_to_prospects",
            "coaching_hours_budget",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "application_deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The end comes after the start."))
        seats = data.get("seats")
        if self.instance.pk and seats is not None:
            selected = self.instance.applications.filter(status="selected").count()
            if seats < selected:
                self.add_error(
                    "seats",
                    _(
                        "%(selected)s organisations are already selected: "
                        "the cohort cannot have fewer seats."
                    )
                    % {"selected": selected},
                )
        return data


class DecisionForm(forms.Form):
    """Select or decline an application, with an optional word for the applicants."""

    status = forms.ChoiceField(choices=Application.Status.choices)
    message = MultiLineFormField(
        label=_("Message to the applicants (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ApplicationForm(forms.Form):
    organisation = forms.TypedChoiceField(label=_("Organisation"), coerce=int)
    answer = MultiLineFormField(widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args, organisations, question, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [(o.pk, o.name) for o in organisations]
        self.fields["answer"].label = question


class AppointmentForm(forms.ModelForm):
    video_url = forms.URLField(label=_("Video link"), required=False, assume_scheme="https")

    class Meta:
        model = Appointment
        fields = [
            "organisation",
            "kind",
            "coach",
            "at",
            "duration_minutes",
            "place",
            "video_url",
            "notes",
        ]
        widgets = {"at": _datetime_widget(), "notes": forms.Textarea(attrs={"rows": 2})}

    # What the organisation's people are told of when it changes (not the notes).
    CALENDAR_FIELDS = (
        "organisation",
        "kind",
        "coach",
        "at",
        "duration_minutes",
        "place",
        "video_url",
    )

    def __init__(self, *args, organisations, coaches, **kwargs):
        super().__init__(*args, **kwargs)
        # Left out, they take the model's defaults: a free session of an hour.
        self.fields["kind"].required = False
        self.fields["duration_minutes"].required = False
        self.fields["organisation"].queryset = organisations
        self.fields["coach"].queryset = coaches
        self.fields["coach"].label_from_instance = lambda user: user.display_name
        self.fields["at"].input_formats = [DATETIME_FORMAT, "%Y-%m-%d %H:%M"]

    def clean_kind(self):
        return self.cleaned_data.get("kind") or Appointment.Kind.FREE

    def clean_duration_minutes(self):
        return self.cleaned_data.get("duration_minutes") or 60


class CoachInviteForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
    full_name = SingleLineFormField(label=_("Full name"), max_length=PERSON_NAME_MAX_LENGTH)


class CoachActionForm(forms.ModelForm):
    class Meta:
        model = Action
        fields = ["title", "description", "due_date"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "due_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }


class ProspectForm(JoinRequestForm):
    """A company not yet a member applies to a programme: its request to join
    the network (SIREN checked as on the join page) and its answer."""

    answer = MultiLineFormField(widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args, question, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["answer"].label = question
        self.fields["motivation"].required = False


class DeliverableDocumentForm(forms.Form):
    file = forms.FileField(label=_("Document"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        check_evidence(upload)
        upload.name = short_name(upload.name)
        return upload
