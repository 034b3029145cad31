from django import forms
from django.utils.translation import gettext_lazy as _

from levier.clubs.models import Club
from levier.events.forms import EventForm


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
