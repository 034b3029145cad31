"""The independent verifier's opinion, as the company records it."""

from pathlib import PurePath

from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from levier.assessments.uploads import check_evidence, short_name
from levier.mission import services
from levier.mission.models import Verification

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class VerificationForm(forms.ModelForm):
    document = forms.FileField(
        label=_("Signed opinion (PDF)"),
        required=False,
        help_text=_("Optional. The opinion as the verifier signed it, in PDF."),
    )

    class Meta:
        model = Verification
        fields = ["done_on", "verifier", "conclusion", "opinion", "permanent_employees"]
        widgets = {"done_on": DATE_INPUT}
        help_texts = {
            "permanent_employees": _(
                "On an annual basis. Under 50, the next verification may wait three years "
                "(Code de commerce, art. R210-21)."
            ),
            "opinion": _("The verifier's conclusions, or their summary."),
        }
        error_messages = {
            "done_on": {"required": _("Give the date of the verifier's opinion.")},
            "conclusion": {"required": _("Choose the verifier's conclusion.")},
        }

    def __init__(self, *args, mission, **kwargs):
        self.mission = mission
        super().__init__(*args, **kwargs)
        if self.instance.pk is None and not self.is_bound:
            self.initial.setdefault("verifier", mission.verifier)
            self.initial.setdefault("permanent_employees", mission.permanent_employees)

    def clean_done_on(self):
        done_on = self.cleaned_data["done_on"]
        if done_on > services.today():
            raise ValidationError(
                _("The opinion's date cannot be in the future: record it once it is given.")
            )
        published_on = self.mission.published_on
        if published_on and done_on < published_on:
            raise ValidationError(
                _(
                    "The opinion cannot come before the publication of the mission at the "
                    "trade register (%(date)s)."
                )
                % {"date": formats.date_format(published_on, "SHORT_DATE_FORMAT")}
            )
        return done_on

    def clean_document(self):
        upload = self.cleaned_data.get("document")
        if not upload:
            return None
        if PurePath(upload.name).suffix.lower() != ".pdf":
            raise ValidationError(
                _("%(name)s: the signed opinion is expected as a PDF file.")
                % {"name": short_name(upload.name)}
            )
        check_evidence(upload)
        upload.name = short_name(upload.name)
        return upload
