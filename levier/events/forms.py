from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from levier.accounts.models import Organisation, OrgRole, User
from levier.clubs.models import Club
from levier.events import recurrence
from levier.events.models import Audience, Event, EventKind
from levier.events.themes import theme_in_language
from levier.frameworks.services import latest_pack
from levier.lib.limits import PERSON_NAME_MAX_LENGTH
from levier.lib.text import SingleLineFormField
from levier.programmes.models import Programme

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
            "host_organisation",
            "contact_user",
            "contact_name",
            "contact_email",
            "theme_code",
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
        if "host_organisation" in self.fields:
            self.fields["host_organisation"].queryset = Organisation.objects.filter(
                network=network
            ).order_by("name")
        if "contact_user" in self.fields:
            self.fields["contact_user"].queryset = User.objects.filter(
                network_roles__network=network, is_active=True
            ).order_by("full_name", "email")
            self.fields["contact_user"].help_text = _(
                "A staff member of the network; or give a name and an email below."
            )
        if "theme_code" in self.fields:
            self.fields["theme_code"] = forms.ChoiceField(
                label=_("Theme of the framework"),
                choices=[("", "—"), *framework_theme_choices()],
                required=False,
                help_text=_(
                    "Members whose weakest themes include it see the event on their home page."
                ),
            )

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
        if data.get("theme_code") and not data.get("theme"):
            # The label the agenda filters and shows (in the reader's language).
            data["theme"] = dict(framework_theme_choices("fr")).get(data["theme_code"], "")
        if data.get("contact_user") and (data.get("contact_name") or data.get("contact_email")):
            self.add_error("contact_name", _("Choose a staff member or give a name, not both."))
        return data


def framework_theme_choices(language: str | None = None) -> list[tuple[str, str]]:
    """The themes of the latest published Levier 360, in the page's language."""
    pack = latest_pack()
    if pack is None:
        return []
    language = language or get_language() or "fr"
    return [(theme.code, theme.title.get(language)) for theme in pack.themes]


class EventCancelForm(forms.Form):
    reason = SingleLineFormField(
        label=_("Reason, shown in the agenda and in the email"),
        max_length=300,
        help_text=_("E.g. the speaker is ill; the event will be planned again."),
    )
    following = forms.BooleanField(
        label=_("Also cancel the later dates of this series"), required=False
    )


class RepeatForm(forms.Form):
    """A new event may repeat: each date becomes an event of its own."""

    repeat = forms.ChoiceField(
        label=_("Repeat"),
        choices=[
            ("", _("Once")),
            (recurrence.WEEKLY, _("Every week")),
            (recurrence.MONTHLY, _("Every month")),
        ],
        required=False,
    )
    occurrences = forms.IntegerField(
        label=_("Number of dates"),
        min_value=2,
        max_value=recurrence.MAX_OCCURRENCES,
        required=False,
        help_text=_("Each date has its own seats and registrations."),
    )

    def clean(self):
        data = super().clean()
        if data.get("repeat") and not data.get("occurrences"):
            self.add_error("occurrences", _("How many dates?"))
        return data


class ClubMeetingForm(EventForm):
    """A club animator's meeting: reserved to the club, in the club's network."""

    class Meta(EventForm.Meta):
        fields = [
            name
            for name in EventForm.Meta.fields
            if name
            not in (
                "audience",
                "club",
                "programme",
                "min_headcount",
                "roles",
                "host_organisation",
                "contact_user",
                "contact_name",
                "contact_email",
                "theme_code",
            )
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
