from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from levier.accounts.models import OrgRole
from levier.community.models import Appointment, Audience, Club, Event, EventKind, Programme
from levier.community.themes import theme_in_language
from levier.lib.limits import PERSON_NAME_MAX_LENGTH
from levier.lib.text import MultiLineFormField, SingleLineFormField

DATETIME = {"type": "datetime-local"}
DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


def _datetime_widget():
    return forms.DateTimeInput(attrs=DATETIME, format=DATETIME_FORMAT)


class EventForm(forms.ModelForm):
    roles = forms.MultipleChoiceField(
        label=_("Roles in their organisation"),
        choices=OrgRole.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every role."),
    )
    online_url = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")

    class Meta:
        model = Event
        fields = [
            "kind",
            "title",
            "description",
            "theme",
            "start",
            "end",
            "place",
            "online_url",
            "capacity",
            "registration_deadline",
            "audience",
            "club",
            "programme",
            "min_headcount",
            "roles",
            "organisers",
            "partners",
            "resources",
            "is_published",
        ]
        widgets = {
            "start": _datetime_widget(),
            "end": _datetime_widget(),
            "registration_deadline": _datetime_widget(),
            "description": forms.Textarea(attrs={"rows": 4}),
            "resources": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        if "club" in self.fields:
            self.fields["club"].queryset = Club.objects.filter(network=network)
        if "programme" in self.fields:
            self.fields["programme"].queryset = Programme.objects.filter(network=network)
        for name in ("start", "end", "registration_deadline"):
            self.fields[name].input_formats = [DATETIME_FORMAT, "%Y-%m-%d %H:%M"]

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end <= start:
            self.add_error("end", _("The end comes after the start."))
        deadline = data.get("registration_deadline")
        if deadline and start and deadline > start:
            self.add_error("registration_deadline", _("The deadline comes before the start."))
        audience = data.get("audience")
        if audience == Audience.CLUB and not data.get("club"):
            self.add_error("club", _("Choose the club whose members may register."))
        if audience == Audience.PUBLIC and (data.get("min_headcount") or data.get("roles")):
            # Guests have no organisation on record: the rule could not be checked.
            self.add_error(
                "audience",
                _("A public event cannot be reserved by headcount or role: choose members."),
            )
        if not data.get("place") and not data.get("online_url"):
            self.add_error("place", _("Give a place or an online link."))
        return data


class ClubMeetingForm(EventForm):
    """A club animator's meeting: reserved to the club, in the club's network."""

    class Meta(EventForm.Meta):
        fields = [
            name
            for name in EventForm.Meta.fields
            if name not in ("audience", "club", "programme", "min_headcount", "roles")
        ]


class RegisterForm(forms.Form):
    """Whom to register: oneself or a colleague, for one of one's organisations."""

    who = forms.ChoiceField(label=_("Register"))

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["who"].choices = choices

    def chosen(self) -> tuple[int, int]:
        organisation_id, user_id = self.cleaned_data["who"].split(":")
        return int(organisation_id), int(user_id)


class GuestForm(forms.Form):
    name = SingleLineFormField(label=_("Your name"), max_length=PERSON_NAME_MAX_LENGTH)
    email = forms.EmailField(label=_("Your email address"))
    organisation = SingleLineFormField(label=_("Your organisation"), required=False)
    consent = forms.BooleanField(
        label=_(
            "I agree that Levier keeps these details to manage my registration; "
            "they are erased after the event."
        )
    )


class AgendaFilterForm(forms.Form):
    when = forms.ChoiceField(
        label=_("When"),
        required=False,
        choices=[("", _("Upcoming")), ("past", _("Past"))],
    )
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    club = forms.TypedChoiceField(label=_("Club"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, themes, clubs, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        self.fields["kind"].choices = everything + list(EventKind.choices)
        language = get_language() or "fr"
        self.fields["theme"].choices = everything + [
            (t, theme_in_language(t, language)) for t in themes
        ]
        self.fields["club"].choices = everything + [(c.pk, c.name) for c in clubs]


class AttendanceForm(forms.Form):
    attended = forms.MultipleChoiceField(
        label=_("Present"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, registrations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attended"].choices = [(r.pk, r.display_name) for r in registrations]
        self.initial.setdefault("attended", [r.pk for r in registrations if r.attended])


class ClubForm(forms.ModelForm):
    class Meta:
        model = Club
        fields = ["name", "description", "min_headcount", "resources"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "resources": forms.Textarea(attrs={"rows": 4}),
        }


class JoinForm(forms.Form):
    organisation = forms.TypedChoiceField(label=_("For"), coerce=int)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [(o.pk, o.name) for o in organisations]


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
        return data


class ApplicationForm(forms.Form):
    organisation = forms.TypedChoiceField(label=_("Organisation"), coerce=int)
    answer = MultiLineFormField(widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args, organisations, question, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [(o.pk, o.name) for o in organisations]
        self.fields["answer"].label = question


class AppointmentForm(forms.ModelForm):
    class Meta:
        model = Appointment
        fields = ["organisation", "coach", "at", "notes"]
        widgets = {"at": _datetime_widget(), "notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, organisations, coaches, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["coach"].queryset = coaches
        self.fields["coach"].label_from_instance = lambda user: user.display_name
        self.fields["at"].input_formats = [DATETIME_FORMAT, "%Y-%m-%d %H:%M"]
