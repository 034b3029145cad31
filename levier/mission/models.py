"""A société à mission (loi PACTE): its raison d'être and statutory
objectives, their operational objectives and indicators, the committee (or
referent) that follows them, its annual reports, and the independent
verifier's opinions.

What the articles of association say (the raison d'être, the statutory
objectives) and the verifications' dates are public facts of the company:
its network's staff read them (rule ``people``) to follow their club of
companies with a mission. How the mission is run day to day (operational
objectives, measurements, committee minutes and reports) is the member's own
work (rule ``work``): only its members read it.

The rules (deadlines, compliance, trends) live in ``levier.engine.mission``.
"""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from levier.assessments.uploads import StoredFile
from levier.lib.limits import validate_measure
from levier.lib.text import MultiLineTextField, SingleLineTextField
from levier.tenancy.links import TenantLinks
from levier.tenancy.managers import tenant_manager


class Governance(models.TextChoices):
    COMMITTEE = "committee", _("Mission committee")
    REFERENT = "referent", _("Mission referent (fewer than 50 permanent employees)")


class ObjectiveKind(models.TextChoices):
    SOCIAL = "social", _("Social")
    ENVIRONMENTAL = "environmental", _("Environmental")
    BOTH = "both", _("Social and environmental")


class MissionTheme(models.TextChoices):
    """What statutory objectives are about, to compare them across a network
    and gather companies with a mission around one theme."""

    CLIMATE = "climate", _("Climate and energy")
    NATURE = "nature", _("Biodiversity and natural resources")
    CIRCULAR = "circular", _("Circular economy and waste")
    WORK = "work", _("Employees' well-being and skills")
    INCLUSION = "inclusion", _("Inclusion, diversity and equal opportunities")
    TERRITORY = "territory", _("Local development and territories")
    CUSTOMERS = "customers", _("Customers, products and services")
    SUPPLIERS = "suppliers", _("Suppliers and responsible purchasing")
    SHARING = "sharing", _("Governance and sharing of value")
    HEALTH = "health", _("Health and food")
    KNOWLEDGE = "knowledge", _("Education, culture and knowledge")
    OTHER = "other", _("Other")


class Mission(models.Model):
    organisation = models.OneToOneField(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="mission"
    )
    purpose = MultiLineTextField(_("raison d'être"), max_length=2000)
    published_on = models.DateField(
        _("publication at the trade register"),
        null=True,
        blank=True,
        help_text=_(
            "Date the quality of société à mission was published at the trade and "
            "companies register (RCS). The verifier's calendar starts from it."
        ),
    )
    governance = models.CharField(
        _("who follows the mission"),
        max_length=10,
        choices=Governance.choices,
        default=Governance.COMMITTEE,
    )
    permanent_employees = models.PositiveIntegerField(
        _("permanent employees"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(10_000_000)],
        help_text=_("On an annual basis, over the last closed financial year."),
    )
    wait_three_years = models.BooleanField(
        _("three years between verifications"),
        default=False,
        help_text=_(
            "Under 50 permanent employees in the last verified year, the company may "
            "ask its verifier to wait three years before the next verification."
        ),
    )
    year_end_month = models.PositiveSmallIntegerField(
        _("month the financial year ends"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    verifier = SingleLineTextField(_("independent third-party body (OTI)"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The last day a reminder of each deadline went out (``reminders``).
    verification_reminded_on = models.DateField(null=True, blank=True, editable=False)
    report_reminded_on = models.DateField(null=True, blank=True, editable=False)

    objects = tenant_manager("people", "organisation")

    class Meta:
        verbose_name = _("mission")
        verbose_name_plural = _("missions")

    def __str__(self):
        return str(self.organisation)


class StatutoryObjective(TenantLinks, models.Model):
    """A social or environmental objective written in the articles."""

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="objectives")
    wording = MultiLineTextField(_("objective as written in the articles"), max_length=1000)
    kind = models.CharField(
        _("kind"), max_length=14, choices=ObjectiveKind.choices, default=ObjectiveKind.BOTH
    )
    theme = models.CharField(_("theme"), max_length=12, choices=MissionTheme.choices)
    position = models.PositiveSmallIntegerField(default=0)

    objects = tenant_manager("people", "mission__organisation")

    class Meta:
        verbose_name = _("statutory objective")
        verbose_name_plural = _("statutory objectives")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.wording


class OperationalObjective(TenantLinks, models.Model):
    """How a statutory objective is declined into the daily work: a concrete
    objective, its indicators, the plan's actions and the assessment's
    questions that serve it."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    statutory_objective = models.ForeignKey(
        StatutoryObjective, on_delete=models.CASCADE, related_name="operational"
    )
    title = SingleLineTextField(_("operational objective"))
    description = MultiLineTextField(_("description"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    due_on = models.DateField(_("deadline"), null=True, blank=True)
    actions = models.ManyToManyField(
        "plans.Action",
        verbose_name=_("actions of the plan"),
        blank=True,
        related_name="mission_objectives",
    )
    # Questions of the assessment that measure the objective, as
    # [framework code, question code] pairs.
    questions = models.JSONField(default=list, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    same_organisation = ("statutory_objective",)
    objects = tenant_manager("work", "organisation")

    class Meta:
        verbose_name = _("operational objective")
        verbose_name_plural = _("operational objectives")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title


class MeasureEvery(models.IntegerChoices):
    NEVER = 0, _("No schedule")
    MONTH = 1, _("Every month")
    QUARTER = 3, _("Every quarter")
    HALF_YEAR = 6, _("Every six months")
    YEAR = 12, _("Every year")


class Indicator(models.Model):
    objective = models.ForeignKey(
        OperationalObjective, on_delete=models.CASCADE, related_name="indicators"
    )
    name = SingleLineTextField(_("indicator"))
    unit = SingleLineTextField(_("unit"), max_length=40)
    baseline_value = models.FloatField(
        _("baseline"), null=True, blank=True, validators=[validate_measure]
    )
    baseline_on = models.DateField(_("baseline date"), null=True, blank=True)
    target_value = models.FloatField(
        _("target"), null=True, blank=True, validators=[validate_measure]
    )
    target_on = models.DateField(_("target date"), null=True, blank=True)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    every_months = models.PositiveSmallIntegerField(
        _("measured"), choices=MeasureEvery.choices, default=MeasureEvery.YEAR
    )
    position = models.PositiveSmallIntegerField(default=0)
    reminded_on = models.DateField(null=True, blank=True, editable=False)

    objects = tenant_manager("work", "objective__organisation")

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        errors = {}
        if (self.baseline_value is None) != (self.baseline_on is None):
            field = "baseline_on" if self.baseline_on is None else "baseline_value"
            errors[field] = _("Give the baseline's value and its date together.")
        if (self.target_value is None) != (self.target_on is None):
            field = "target_on" if self.target_on is None else "target_value"
            errors[field] = _("Give the target's value and its date together.")
        if self.baseline_on and self.target_on and self.target_on <= self.baseline_on:
            errors["target_on"] = _("The target date must come after the baseline date.")
        if errors:
            raise ValidationError(errors)


class IndicatorMeasurement(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="measurements")
    on = models.DateField(_("date"))
    value = models.FloatField(_("value"), validators=[validate_measure])
    source = SingleLineTextField(
        _("source"), blank=True, help_text=_("Where the figure comes from (payroll, invoices...).")
    )
    note = SingleLineTextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = tenant_manager("work", "indicator__objective__organisation")

    class Meta:
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        ordering = ["on", "pk"]

    def __str__(self):
        return f"{self.on}: {self.value}"


def evidence_path(instance, filename: str) -> str:
    suffix = PurePath(filename).suffix.lower()
    return f"mission/{uuid.uuid4().hex}{suffix}"


class MeasurementEvidence(StoredFile):
    measurement = models.ForeignKey(
        IndicatorMeasurement, on_delete=models.CASCADE, related_name="evidence"
    )
    file = models.FileField(upload_to=evidence_path, max_length=200)

    objects = tenant_manager("work", "measurement__indicator__objective__organisation")


class CommitteeMember(models.Model):
    """A seat of the mission committee, or the mission referent."""

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="committee")
    name = SingleLineTextField(_("name"), max_length=120)
    quality = SingleLineTextField(
        _("quality"), blank=True, help_text=_("e.g. employee, customer, expert, partner")
    )
    is_employee = models.BooleanField(_("employee of the company"), default=False)
    email = models.EmailField(_("email address"), blank=True)
    joined_on = models.DateField(_("member since"), null=True, blank=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)

    objects = tenant_manager("work", "mission__organisation")

    class Meta:
        verbose_name = _("committee member")
        verbose_name_plural = _("committee members")
        ordering = ["left_on", "name", "pk"]

    def __str__(self):
        return self.name

    def is_current(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.left_on is None or self.left_on > today

    def clean(self):
        super().clean()
        if self.joined_on and self.left_on and self.left_on < self.joined_on:
            raise ValidationError({"left_on": _("A member cannot leave before joining.")})


class CommitteeMeeting(models.Model):
    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField(_("date"))
    place = SingleLineTextField(_("place or link"), blank=True)
    agenda = MultiLineTextField(_("agenda"), blank=True)
    minutes = MultiLineTextField(_("minutes"), blank=True)
    attendees = models.ManyToManyField(
        CommitteeMember, verbose_name=_("present"), blank=True, related_name="meetings"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = tenant_manager("work", "mission__organisation")

    class Meta:
        verbose_name = _("committee meeting")
        verbose_name_plural = _("committee meetings")
        ordering = ["-held_on", "-pk"]

    def __str__(self):
        return str(self.held_on)


class CommitteeReport(models.Model):
    """The committee's annual report to the meeting approving the accounts
    (art. L210-10 3°), for one financial year. Figures come from the data;
    the committee writes its opinion."""

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="reports")
    year = models.PositiveSmallIntegerField(
        _("financial year"), validators=[MinValueValidator(2019), MaxValueValidator(2100)]
    )
    opinion = MultiLineTextField(_("the committee's opinion"), blank=True, max_length=20000)
    adopted_on = models.DateField(_("adopted by the committee on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = tenant_manager("work", "mission__organisation")

    class Meta:
        verbose_name = _("committee report")
        verbose_name_plural = _("committee reports")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["mission", "year"], name="one_committee_report_a_year")
        ]

    def __str__(self):
        return str(self.year)


class Conclusion(models.TextChoices):
    MET = "met", _("Objectives met")
    RESERVATIONS = "reservations", _("Met with reservations")
    NOT_MET = "not_met", _("Objectives not met")


class Verification(models.Model):
    """An opinion of the independent third-party body (art. L210-10 4°),
    public by law, with the headcount that decides the next deadline."""

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="verifications")
    done_on = models.DateField(_("date of the opinion"))
    verifier = SingleLineTextField(_("independent third-party body (OTI)"))
    conclusion = models.CharField(_("conclusion"), max_length=12, choices=Conclusion.choices)
    opinion = MultiLineTextField(_("the verifier's opinion"), blank=True, max_length=20000)
    permanent_employees = models.PositiveIntegerField(
        _("permanent employees in the last verified year"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(10_000_000)],
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = tenant_manager("people", "mission__organisation")

    class Meta:
        verbose_name = _("verification")
        verbose_name_plural = _("verifications")
        ordering = ["-done_on", "-pk"]

    def __str__(self):
        return str(self.done_on)


def verification_path(instance, filename: str) -> str:
    suffix = PurePath(filename).suffix.lower()
    return f"mission/opinions/{uuid.uuid4().hex}{suffix}"


class VerificationDocument(StoredFile):
    """The verifier's signed opinion (PDF)."""

    verification = models.ForeignKey(
        Verification, on_delete=models.CASCADE, related_name="documents"
    )
    file = models.FileField(upload_to=verification_path, max_length=200)

    objects = tenant_manager("work", "verification__mission__organisation")
