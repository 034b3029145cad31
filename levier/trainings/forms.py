from django import forms
from django.utils.translation import gettext_lazy as _

from levier.lib.limits import SHORT_TEXT_MAX_LENGTH
from levier.lib.text import MultiLineFormField
from levier.trainings.models import TrainingSession

TIME = {"type": "time"}


class SessionForm(forms.ModelForm):
    online_url = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")

    class Meta:
        model = TrainingSession
        fields = [
            "date",
            "start_time",
            "end_time",
            "break_start",
            "break_end",
            "place",
            "online_url",
            "trainer",
        ]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "start_time": forms.TimeInput(attrs=TIME, format="%H:%M"),
            "end_time": forms.TimeInput(attrs=TIME, format="%H:%M"),
            "break_start": forms.TimeInput(attrs=TIME, format="%H:%M"),
            "break_end": forms.TimeInput(attrs=TIME, format="%H:%M"),
        }

    def clean(self):
        data = super().clean()
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The session ends after it starts."))
        break_start, break_end = data.get("break_start"), data.get("break_end")
        if (break_start is None) != (break_end is None):
            self.add_error("break_end", _("Give both ends of the break, or neither."))
        elif (
            break_start and start and end and break_end
        ) and not start < break_start <= break_end < end:
            self.add_error("break_start", _("The break falls within the session."))
        return data


RATING_CHOICES = [(str(n), str(n)) for n in range(1, 6)]


class SurveyForm(forms.Form):
    overall = forms.TypedChoiceField(
        label=_("Overall, how satisfied are you with the training?"),
        help_text=_("1: not at all, 5: very."),
        choices=RATING_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    usefulness = forms.TypedChoiceField(
        label=_("How useful is it for your work?"),
        help_text=_("1: not at all, 5: very."),
        choices=RATING_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    recommend = forms.TypedChoiceField(
        label=_("Would you recommend it to a colleague?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    comment = MultiLineFormField(
        label=_("A comment (optional)"),
        required=False,
        max_length=SHORT_TEXT_MAX_LENGTH,
        help_text=_("Anonymous: do not sign it if you want it to stay so."),
    )
