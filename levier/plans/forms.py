from django import forms
from django.utils.translation import gettext_lazy as _

from levier.accounts.models import User
from levier.lib.text import MultiLineFormField
from levier.plans.models import Action, Measurement


def member_choices(organisation):
    return User.objects.filter(memberships__organisation=organisation).order_by(
        "full_name", "email"
    )


class ActionForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Action
        fields = [
            "title",
            "description",
            "owner",
            "due_date",
            "status",
            "priority",
            "indicator_name",
            "indicator_unit",
            "indicator_baseline",
            "indicator_target",
        ]
        widgets = {
            "due_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = member_choices(organisation)
        self.fields["owner"].label_from_instance = lambda user: user.display_name
        self.fields["owner"].empty_label = _("Nobody yet")
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version


class CommentForm(forms.Form):
    text = MultiLineFormField(label=_("Add a comment"), widget=forms.Textarea(attrs={"rows": 2}))


class MeasurementForm(forms.ModelForm):
    class Meta:
        model = Measurement
        fields = ["date", "value", "note"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class PlanFilterForm(forms.Form):
    owner = forms.TypedChoiceField(label=_("Owner"), required=False, coerce=int, empty_value=None)
    pillar = forms.ChoiceField(label=_("Pillar"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args, organisation, pack, language, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        self.fields["owner"].choices = everything + [
            (user.pk, user.display_name) for user in member_choices(organisation)
        ]
        self.fields["pillar"].choices = everything + (
            [(p.code, p.title.get(language)) for p in pack.pillars] if pack else []
        )
        self.fields["status"].choices = [
            ("", _("Open (to do, in progress)")),
            ("all", _("All")),
            *list(Action.Status.choices),
        ]
