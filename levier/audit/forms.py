from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from levier.audit.models import Action


class TrailFilterForm(forms.Form):
    """Filters of a trail: the kinds of action and the months it holds."""

    action = forms.ChoiceField(label=_("What"), required=False)
    month = forms.ChoiceField(label=_("Month"), required=False)

    def __init__(self, data, *, actions, months):
        super().__init__(data)
        labels = dict(Action.choices)
        kinds = sorted(
            ((code, labels[code]) for code in actions if code in labels),
            key=lambda choice: str(choice[1]),
        )
        self.fields["action"].choices = [("", _("Everything")), *kinds]
        self.fields["month"].choices = [
            ("", _("Every month")),
            *((f"{m:%Y-%m}", formats.date_format(m, "YEAR_MONTH_FORMAT")) for m in months),
        ]

    def narrow(self, entries):
        if not self.is_valid():
            return entries
        if action := self.cleaned_data["action"]:
            entries = entries.filter(action=action)
        if month := self.cleaned_data["month"]:
            year, number = (int(part) for part in month.split("-"))
            entries = entries.filter(when__year=year, when__month=number)
        return entries
