"""Forms of the "projects meet funders" sessions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from levier.finance.models import FollowUp, MeetingSession

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class SessionForm(forms.ModelForm):
    announce = forms.BooleanField(
        label=_("Also publish the session in the network’s agenda"), required=False
    )

    class Meta:
        model = MeetingSession
        fields = [
            "title",
            "description",
            "first_slot_at",
            "slot_minutes",
            "break_minutes",
            "slots",
            "tables",
            "place",
            "video_link",
            "registration_closes_at",
            "picks_close_at",
        ]
        widgets = {
            "first_slot_at": DATETIME,
            "registration_closes_at": DATETIME,
            "picks_close_at": DATETIME,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["announce"].initial = bool(self.instance.event_id)


class RegisterForm(forms.Form):
    """A member registers one of its shared projects, or the animator a funder."""

    choice = forms.TypedChoiceField(coerce=int, label=_("Project"))
    slots = forms.TypedMultipleChoiceField(
        coerce=int,
        required=False,
        label=_("Slots you can attend"),
        help_text=_("Leave empty if you can attend every slot."),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, choices, slots, label=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["choice"].choices = choices
        self.fields["slots"].choices = slots
        if label:
            self.fields["choice"].label = label


class FollowUpForm(forms.Form):
    meeting = forms.IntegerField(widget=forms.HiddenInput)
    outcome = forms.ChoiceField(label=_("Outcome"), choices=FollowUp.Outcome.choices)
    next_step = forms.CharField(label=_("Next step"), required=False, max_length=200)
