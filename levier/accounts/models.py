"""Networks, organisations, people and their roles."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, Q, Value, When
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from stdnum.fr import siren as stdnum_siren

from levier.accounts import naf
from levier.accounts.regions import Region
from levier.lib.limits import HEADCOUNT_MAX, PERSON_NAME_MAX_LENGTH
from levier.lib.text import MultiLineTextField, SingleLineTextField, normalise_identifier
from levier.tenancy.managers import taken, tenant_manager


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **fields):
        fields.update(is_superuser=True)
        return self.create_user(email, password, **fields)

    def get_by_natural_key(self, email):
        return self.get(email__iexact=email)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("email address"), unique=True)
    full_name = SingleLineTextField(_("full name"), max_length=PERSON_NAME_MAX_LENGTH, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    # Set when the person closes their account: the row stays so that what
    # they did for their organisation stays attributed, to "a former member".
    closed_at = models.DateTimeField(_("account closed"), null=True, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.closed_at:
            return str(_("Former member"))
        return self.full_name or self.email

    @cached_property
    def is_staff(self) -> bool:
        """Django's admin is the back office of network admins (and superusers).
        Asked by Django before any scope exists (admin sign-in): read unscoped,
        about this person only. What they reach there is the scope's business."""
        return self.is_active and (
            self.is_superuser
            or NetworkRole._base_manager.filter(
                user=self, role=NetworkRole.Role.NETWORK_ADMIN
            ).exists()
        )


class Network(models.Model):
    name = SingleLineTextField(_("name"))
    slug = models.SlugField(_("short name in addresses"), unique=True)
    description = MultiLineTextField(_("description"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = tenant_manager("network")

    class Meta:
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        ordering = ["name"]

    def __str__(self):
        return self.name


class SizeBand(models.TextChoices):
    """EU enterprise size bands by headcount."""

    MICRO = "micro", _("Micro (fewer than 10 people)")
    SMALL = "small", _("Small (10 to 49 people)")
    MEDIUM = "medium", _("Medium (50 to 249 people)")
    LARGE = "large", _("Large (250 people or more)")

    @classmethod
    def for_headcount(cls, headcount: int) -> "SizeBand":
        if headcount < 10:
            return cls.MICRO
        if headcount < 50:
            return cls.SMALL
        if headcount < 250:
            return cls.MEDIUM
        return cls.LARGE


class LegalForm(models.TextChoices):
    SAS = "sas", _("SAS (simplified joint-stock company)")
    SASU = "sasu", _("SASU (single-shareholder SAS)")
    SARL = "sarl", _("SARL (limited liability company)")
    EURL = "eurl", _("EURL (single-member SARL)")
    SA = "sa", _("SA (public limited company)")
    SCOP = "scop", _("SCOP (workers' cooperative)")
    SCIC = "scic", _("SCIC (multi-stakeholder cooperative)")
    COOPERATIVE = "coop", _("Other cooperative")
    ASSOCIATION = "association", _("Association (loi 1901)")
    FOUNDATION = "foundation", _("Foundation or endowment fund")
    SOLE_TRADER = "ei", _("Sole trader (EI, micro-entreprise)")
    PUBLIC_BODY = "public", _("Public body")
    OTHER = "other", _("Other")


def validate_siren(value: str) -> None:
    # stdnum reads full-width digits too; stored, they would let the same
    # company join twice: only the 9 ASCII digits SirenField keeps pass.
    if not (value.isascii() and stdnum_siren.is_valid(value)):
        raise ValidationError(
            _("“%(value)s” is not a valid SIREN: 9 digits with a valid check digit."),
            code="invalid_siren",
            params={"value": value},
        )


def validate_naf_code(value: str) -> None:
    if naf.lookup(value) is None:
        raise ValidationError(naf.UNKNOWN_CODE_MESSAGE, code="invalid_naf", params={"code": value})


class SirenField(models.CharField):
    """A SIREN kept as its digits however typed: "７３２ ８２９ ３２０",
    "732.829.320" and "732829320" are one company."""

    def clean(self, value, model_instance):
        return super().clean(normalise_identifier(value), model_instance)

    def pre_save(self, model_instance, add):
        value = normalise_identifier(super().pre_save(model_instance, add))
        setattr(model_instance, self.attname, value)
        return value


class Organisation(models.Model):
    network = models.ForeignKey(
        Network, on_delete=models.PROTECT, related_name="organisations", verbose_name=_("network")
    )
    name = SingleLineTextField(_("name"))
    slug = models.SlugField(_("short name in addresses"), unique=True, max_length=80)
    siren = SirenField(
        _("SIREN"),
        max_length=9,
        blank=True,
        validators=[validate_siren],
        help_text=_("Optional. The 9-digit company number, e.g. 732829320."),
    )
    legal_form = models.CharField(
        _("legal form"), max_length=20, choices=LegalForm.choices, blank=True
    )
    headcount = models.PositiveIntegerField(
        _("headcount"),
        validators=[MinValueValidator(1), MaxValueValidator(HEADCOUNT_MAX)],
        help_text=_("People working in the organisation (full-time equivalent)."),
    )
    size_band = models.GeneratedField(
        expression=Case(
            When(headcount__lt=10, then=Value(SizeBand.MICRO.value)),
            When(headcount__lt=50, then=Value(SizeBand.SMALL.value)),
            When(headcount__lt=250, then=Value(SizeBand.MEDIUM.value)),
            default=Value(SizeBand.LARGE.value),
        ),
        output_field=models.CharField(max_length=6, choices=SizeBand.choices),
        db_persist=True,
        verbose_name=_("size band"),
    )
    naf_code = models.CharField(
        _("NAF code"),
        max_length=6,
        blank=True,
        validators=[validate_naf_code],
        help_text=_("Main activity code (APE), e.g. 62.01Z."),
    )
    # Derived from naf_code on save; stored because benchmarks filter on it.
    naf_section = models.CharField(_("NAF section"), max_length=1, blank=True, editable=False)
    region = models.CharField(_("region"), max_length=2, choices=Region.choices)
    is_ess = models.BooleanField(_("social and solidarity economy (ESS)"), default=False)
    is_mission = models.BooleanField(_("société à mission"), default=False)
    is_bcorp = models.BooleanField(_("B Corp certified"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = tenant_manager("network", "network")

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "siren"],
                condition=~Q(siren=""),
                name="unique_siren_per_network",
                violation_error_message=_("An organisation with this SIREN is already a member."),
            )
        ]
        indexes = [
            models.Index(fields=["network", "size_band", "naf_section", "region"]),
            # The dashboard's and the directory's members lists, sorted by name
            # within a network (issue 17: 10,000 organisations).
            models.Index(fields=["network", "name"], name="accounts_org_network_name"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if self.naf_code:
            self.naf_code = naf.normalise(self.naf_code)
            entry = naf.lookup(self.naf_code)
            self.naf_section = entry.section if entry else ""
        else:
            self.naf_section = ""
        if not self.slug:
            self.slug = self._unique_slug()
        super().save(*args, **kwargs)
        # The database computes size_band: forget the stale value so that the
        # next read loads it.
        self.__dict__.pop("size_band", None)

    def _unique_slug(self) -> str:
        base = slugify(self.name)[:70] or "organisation"
        slug, n = base, 2
        while taken(Organisation, slug=slug):
            slug, n = f"{base}-{n}", n + 1
        return slug

    def get_size_band_display(self) -> str:
        # GeneratedField does not add Django's get_FOO_display().
        return SizeBand(self.size_band).label if self.size_band else ""

    @property
    def naf_label(self) -> str:
        entry = naf.lookup(self.naf_code) if self.naf_code else None
        return entry.label if entry else ""

    @property
    def flags(self) -> frozenset[str]:
        names = {"ess": self.is_ess, "mission": self.is_mission, "bcorp": self.is_bcorp}
        return frozenset(name for name, on in names.items() if on)


class OrgRole(models.TextChoices):
    VIEWER = "viewer", _("Viewer")
    CONTRIBUTOR = "contributor", _("Contributor")
    ADMIN = "admin", _("Administrator")


ORG_ROLE_HELP = {
    OrgRole.VIEWER: _("reads assessments, results and plans"),
    OrgRole.CONTRIBUTOR: _("also answers assessments and updates actions"),
    OrgRole.ADMIN: _("also manages people, submits assessments and shares results"),
}


class MembershipQuerySet(models.QuerySet):
    def of(self, user):
        """A person's memberships, with their organisations, by name."""
        return self.filter(user=user).select_related("organisation").order_by("organisation__name")

    def in_network(self, network_id):
        return self.filter(organisation__network_id=network_id)


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=12, choices=OrgRole.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = tenant_manager("people", "organisation", queryset=MembershipQuerySet)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="one_membership")
        ]

    def __str__(self):
        return f"{self.user} · {self.organisation} · {self.get_role_display()}"


class NetworkRole(models.Model):
    class Role(models.TextChoices):
        ANIMATOR = "animator", _("Animator")
        NETWORK_ADMIN = "network_admin", _("Network administrator")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="network_roles"
    )
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = tenant_manager("network", "network")

    class Meta:
        verbose_name = _("network role")
        verbose_name_plural = _("network roles")
        constraints = [
            models.UniqueConstraint(fields=["user", "network"], name="one_network_role")
        ]

    def __str__(self):
        return f"{self.user} · {self.network} · {self.get_role_display()}"


def _new_token() -> str:
    return secrets.token_urlsafe(32)


def _default_expiry():
    return timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS)


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(accepted_at__isnull=True, expires_at__gt=timezone.now())


class Invitation(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("email address"))
    role = models.CharField(_("role"), max_length=12, choices=OrgRole.choices)
    token = models.CharField(max_length=64, unique=True, default=_new_token, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # Sent by the network's staff to an organisation with no administrator:
    # only someone outside the staff may accept it, and only while the
    # organisation still has no administrator.
    onboarding = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(default=_default_expiry)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = tenant_manager("people", "organisation", queryset=InvitationQuerySet)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} → {self.organisation}"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_used(self) -> bool:
        return self.accepted_at is not None
