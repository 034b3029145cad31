from allauth.account.forms import LoginForm as AllauthLoginForm
from django import forms
from django.contrib.auth import password_validation
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from levier.accounts import naf
from levier.accounts.models import Membership, NetworkRole, Organisation, OrgRole, SizeBand, User
from levier.accounts.regions import Region
from levier.lib.limits import PERSON_NAME_MAX_LENGTH
from levier.lib.text import SingleLineFormField, normalise_identifier


class OrganisationForm(forms.ModelForm):
    # Wider than the model field: people type "732 829 320" or "732.829.320";
    # the model validates the 9 digits once the separators are gone.
    siren = forms.CharField(
        label=_("SIREN"),
        required=False,
        max_length=20,
        help_text=Organisation._meta.get_field("siren").help_text,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    # Wider too: "62 01 Z" is 62.01Z once normalised.
    naf_code = forms.CharField(
        label=capfirst(Organisation._meta.get_field("naf_code").verbose_name),
        required=False,
        max_length=20,
        help_text=Organisation._meta.get_field("naf_code").help_text,
        widget=forms.TextInput(attrs={"list": "naf-codes", "autocomplete": "off"}),
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "siren",
            "legal_form",
            "headcount",
            "naf_code",
            "region",
            "is_ess",
            "is_mission",
            "is_bcorp",
        ]

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.network = network

    def clean_siren(self):
        # Full-width digits, non-breaking spaces, dots, dashes: all the same
        # company, which the check below must find.
        siren = normalise_identifier(self.cleaned_data["siren"])
        # The unique constraint names the network, which is not a form field,
        # so Django's form validation skips it.
        twin = Organisation.objects.filter(network=self.instance.network, siren=siren)
        if siren and twin.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("An organisation with this SIREN is already a member."))
        return siren

    def clean_naf_code(self):
        return (
            naf.normalise(self.cleaned_data["naf_code"]) if self.cleaned_data["naf_code"] else ""
        )


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
    role = forms.ChoiceField(label=_("Role"), choices=OrgRole.choices, initial=OrgRole.CONTRIBUTOR)

    def __init__(self, *args, organisation, onboarding=False, **kwargs):
        """``onboarding``: network staff invite the organisation's first
        administrator; the role is not theirs to choose."""
        self.organisation = organisation
        self.onboarding = onboarding
        super().__init__(*args, **kwargs)
        if onboarding:
            del self.fields["role"]

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if Membership.objects.filter(
            organisation=self.organisation, user__email__iexact=email
        ).exists():
            raise forms.ValidationError(
                _("%(email)s is already a member of this organisation."),
                params={"email": email},
            )
        if self.onboarding and is_network_staff(email, self.organisation.network_id):
            raise forms.ValidationError(
                _(
                    "%(email)s belongs to the network's staff: the first administrator is a "
                    "person of the organisation. The network's staff never take a role in a "
                    "member organisation."
                ),
                params={"email": email},
            )
        return email

    def chosen_role(self) -> str:
        return OrgRole.ADMIN if self.onboarding else self.cleaned_data["role"]


def is_network_staff(email: str, network_id: int) -> bool:
    return NetworkRole.objects.filter(network_id=network_id, user__email__iexact=email).exists()


class MembershipRoleForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["role"]


class AcceptInvitationForm(forms.Form):
    """For a person new to Levier: their name and a password."""

    full_name = SingleLineFormField(label=_("Your name"), max_length=PERSON_NAME_MAX_LENGTH)
    password1 = forms.CharField(
        label=_("Choose a password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email, **kwargs):
        self.email = email
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        elif first:
            try:
                password_validation.validate_password(
                    first, User(email=self.email, full_name=cleaned.get("full_name", ""))
                )
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class PersonalDetailsForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name"]


class CloseAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password, to confirm"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        if not self.user.check_password(self.cleaned_data["password"]):
            raise forms.ValidationError(_("This is not your password."))
        return self.cleaned_data["password"]


class OrganisationFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    size_band = forms.ChoiceField(label=_("Size"), required=False)
    naf_section = forms.ChoiceField(label=_("Sector"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        self.fields["size_band"].choices = everything + list(SizeBand.choices)
        self.fields["naf_section"].choices = everything + naf.section_choices()
        self.fields["region"].choices = everything + list(Region.choices)


class LoginForm(AllauthLoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"].label = _("Email address")
        self.fields["login"].widget.attrs.pop("placeholder", None)
        self.fields["password"].widget.attrs.pop("placeholder", None)
