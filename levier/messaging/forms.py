from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from levier.accounts import naf
from levier.clubs.models import Club
from levier.events.models import Event
from levier.frameworks.models import FrameworkVersion
from levier.insights import figures as network_figures
from levier.messaging import audiences
from levier.messaging.models import AudienceKind, Campaign, Preference, RecipientChoice
from levier.programmes.models import Programme


def theme_choices(network) -> tuple[list, dict]:
    """("version id:theme code", title) for every theme of the framework
    versions the network's members were assessed with, and the versions."""
    ids = [version_id for version_id, _count in network_figures.versions(network)]
    versions = FrameworkVersion.objects.select_related("framework").in_bulk(ids)
    language = get_language() or "fr"
    choices = []
    for version_id in ids:
        version = versions.get(version_id)
        if version is None:
            continue
        pack = version.pack
        choices.append(
            (
                str(version),
                [
                    (f"{version.pk}:{theme.code}", theme.title.get(language))
                    for theme in pack.themes
                ],
            )
        )
    return choices, versions


class CampaignForm(forms.ModelForm):
    theme = forms.ChoiceField(label=_("Theme"), required=False)

    class Meta:
        model = Campaign
        fields = [
            "subject",
            "body",
            "audience",
            "club",
            "programme",
            "event",
            "size_band",
            "naf_section",
            "region",
            "theme",
            "theme_limit",
            "recipients",
        ]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 12}),
            "audience": forms.RadioSelect,
            "recipients": forms.RadioSelect,
        }

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.network = network
        self.fields["club"].queryset = Club.objects.filter(network=network)
        self.fields["programme"].queryset = Programme.objects.filter(network=network)
        self.fields["event"].queryset = Event.objects.filter(network=network).order_by("-start")
        self.fields["naf_section"] = forms.ChoiceField(
            label=_("NAF section"),
            choices=[("", _("Any sector")), *naf.section_choices()],
            required=False,
        )
        self.fields["size_band"].choices = [
            ("", _("Any size")),
            *list(self.fields["size_band"].choices)[1:],
        ]
        self.fields["region"].choices = [
            ("", _("Any region")),
            *list(self.fields["region"].choices)[1:],
        ]
        choices, self.versions = theme_choices(network)
        self.fields["theme"].choices = [("", "—"), *choices]
        if self.instance.framework_version_id and self.instance.theme_code:
            self.initial["theme"] = (
                f"{self.instance.framework_version_id}:{self.instance.theme_code}"
            )
        self.fields["recipients"].help_text = _(
            "People with an account in the targeted organisations. "
            "“Only the people in the club or registered” is for a club or an event."
        )

    def clean(self):
        data = super().clean()
        kind = data.get("audience")
        required = {
            AudienceKind.CLUB: "club",
            AudienceKind.COHORT: "programme",
            AudienceKind.REGISTRANTS: "event",
            AudienceKind.WAITLIST: "event",
            AudienceKind.THEME: "theme",
        }
        needed = required.get(kind)
        if needed and not data.get(needed):
            self.add_error(needed, _("Choose one for this audience."))
        if (
            data.get("recipients") == RecipientChoice.DIRECT
            and kind not in audiences.PEOPLE_AUDIENCES
        ):
            self.add_error(
                "recipients",
                _("Only a club or an event gathers people: choose all people or administrators."),
            )
        return data

    def save(self, commit=True):
        campaign = super().save(commit=False)
        kind = campaign.audience
        # Only what the chosen audience uses is kept.
        if kind != AudienceKind.CLUB:
            campaign.club = None
        if kind != AudienceKind.COHORT:
            campaign.programme = None
        if kind not in (AudienceKind.REGISTRANTS, AudienceKind.WAITLIST):
            campaign.event = None
        if kind != AudienceKind.PROFILE:
            campaign.size_band = campaign.naf_section = campaign.region = ""
        theme = self.cleaned_data.get("theme") if kind == AudienceKind.THEME else ""
        if theme:
            version_id, _sep, code = theme.partition(":")
            campaign.framework_version = self.versions.get(int(version_id))
            campaign.theme_code = code
        else:
            campaign.framework_version = None
            campaign.theme_code = ""
        if commit:
            campaign.save()
        return campaign


class PreviewForm(forms.Form):
    body = forms.CharField(required=False, max_length=Campaign._meta.get_field("body").max_length)


class PreferenceForm(forms.ModelForm):
    class Meta:
        model = Preference
        fields = ["news", "language"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [
            ("", _("The site’s language (French)")),
            *list(self.fields["language"].choices)[1:],
        ]
