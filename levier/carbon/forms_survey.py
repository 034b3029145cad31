"""Forms of the commuting survey: the employee's short answer, and the
weeks worked in a year that the organisation adjusts."""

from django import forms
from django.utils.translation import gettext_lazy as _

from levier.carbon.forms import DecimalField
from levier.carbon.models import CommuteMode, CommutingAnswer, CommutingSurvey

# The largest one-way distance the model keeps (CommutingAnswer.distance_km).
DISTANCE_MAX_KM = 1000
DAYS_IN_WEEK = 7


class AnswerForm(forms.ModelForm):
    """One employee's answer: four questions, nothing that says who they are."""

    distance_km = DecimalField(
        label=_("How far is your workplace from home, one way (km)?"),
        min_value=0,
        max_value=DISTANCE_MAX_KM,
        help_text=_("By the road or the line you usually take. A guess is fine."),
    )
    days_on_site = DecimalField(
        label=_("How many days a week do you come to work on site?"),
        min_value=0,
        max_value=DAYS_IN_WEEK,
        help_text=_("In a usual week. Half days count as 0.5."),
    )
    mode = forms.ChoiceField(
        label=_("How do you usually come?"),
        choices=CommuteMode.choices,
        widget=forms.RadioSelect,
        help_text=_("The mode you use for the longest part of the trip, most days."),
        error_messages={"required": _("Choose how you usually come.")},
    )
    remote_days = DecimalField(
        label=_("How many days a week do you work remotely?"),
        min_value=0,
        max_value=DAYS_IN_WEEK,
        required=False,
        help_text=_("0 if you never do."),
    )

    class Meta:
        model = CommutingAnswer
        fields = ["distance_km", "days_on_site", "mode", "remote_days"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["distance_km"].error_messages["required"] = _(
            "Give the distance, in km (0 if you live on site)."
        )
        self.fields["days_on_site"].error_messages["required"] = _(
            "Give the number of days on site in a usual week."
        )

    def clean_remote_days(self):
        return self.cleaned_data.get("remote_days") or 0

    def clean(self):
        cleaned = super().clean()
        on_site, remote = cleaned.get("days_on_site"), cleaned.get("remote_days")
        if on_site is not None and remote is not None and on_site + remote > DAYS_IN_WEEK:
            self.add_error(
                "remote_days",
                _("Days on site and days of remote work add up to more than a week."),
            )
        return cleaned


class WeeksForm(forms.ModelForm):
    weeks_per_year = forms.IntegerField(
        label=_("Weeks worked in a year"),
        min_value=1,
        max_value=52,
        help_text=_(
            "52 weeks less paid leave: 47 with the five weeks of the Code du travail "
            "(art. L3141-3). Take off public holidays and closures for more precision."
        ),
        error_messages={
            "invalid": _("Give a whole number of weeks, between 1 and 52."),
            "min_value": _("Give a whole number of weeks, between 1 and 52."),
            "max_value": _("Give a whole number of weeks, between 1 and 52."),
            "required": _("Give a whole number of weeks, between 1 and 52."),
        },
    )

    class Meta:
        model = CommutingSurvey
        fields = ["weeks_per_year"]
