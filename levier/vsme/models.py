"""A member's VSME report: one per reporting period, its datapoints stored
typed (as JSON values the catalogue's kinds define), where each came from,
and who changed what.

The datapoints' meaning lives in the catalogue (``levier.engine.vsme``,
built from EFRAG's template and taxonomy); these models hold what people
entered or confirmed.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from levier.lib.text import SingleLineTextField
from levier.tenancy.managers import tenant_manager

# The standard reports on a financial year: at most twelve months (a first
# year may be shorter, never longer; 366 days allows a leap year).
PERIOD_MAX_DAYS = 366


class Module(models.TextChoices):
    BASIC = "basic", _("Basic Module")
    COMPREHENSIVE = "comprehensive", _("Basic and Comprehensive Modules")


class IdentifierScheme(models.TextChoices):
    """The template's identifier schemes (the XBRL report's entity identifier)."""

    LEI = "LEI", _("LEI (Legal Entity Identifier)")
    EUID = "EU ID", _("EUID (European Unique Identifier of the business register)")
    DUNS = "DUNS", _("DUNS number")
    PERMID = "PermID", _("PermID")


class VsmeReport(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("In progress")
        COMPLETE = "complete", _("Complete")

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="vsme_reports"
    )
    period_start = models.DateField(_("start of the reporting period"))
    period_end = models.DateField(_("end of the reporting period"))
    module = models.CharField(
        _("modules reported"), max_length=16, choices=Module.choices, default=Module.BASIC
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    # The XBRL report names the company by an identifier of a known scheme.
    identifier_scheme = models.CharField(
        _("identifier scheme"), max_length=8, choices=IdentifierScheme.choices, blank=True
    )
    identifier = SingleLineTextField(_("identifier"), max_length=60, blank=True)
    # Disclosures left out as classified or sensitive (B1 24(b)), by code.
    omitted = models.JSONField(default=list, blank=True)
    started_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    objects = tenant_manager("work", "organisation")

    class Meta:
        verbose_name = _("VSME report")
        verbose_name_plural = _("VSME reports")
        ordering = ["-period_end", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "period_start"], name="one_vsme_report_per_period"
            )
        ]

    def __str__(self):
        return (
            f"{self.organisation} · VSME {self.period_start:%Y-%m-%d}–{self.period_end:%Y-%m-%d}"
        )

    def clean(self):
        if self.period_start and self.period_end:
            if self.period_end <= self.period_start:
                raise ValidationError(
                    {"period_end": _("The period ends after it starts.")}, code="period_order"
                )
            if (self.period_end - self.period_start).days >= PERIOD_MAX_DAYS:
                raise ValidationError(
                    {"period_end": _("A reporting period lasts twelve months at most.")},
                    code="period_length",
                )

    @property
    def comprehensive(self) -> bool:
        return self.module == Module.COMPREHENSIVE

    @property
    def is_complete(self) -> bool:
        return self.status == self.Status.COMPLETE


class Source(models.TextChoices):
    ENTERED = "entered", _("Entered")
    PROFILE = "profile", _("Organisation's profile")
    CARBON = "carbon", _("Carbon footprint")
    ASSESSMENT = "assessment", _("Assessment")
    PLAN = "plan", _("Action plan")
    PREVIOUS = "previous", _("Previous report")


class Datapoint(models.Model):
    """One datapoint (or one table) of a report: its value as the catalogue's
    kind stores it, and whether a person stands behind it."""

    class State(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        TO_CONFIRM = "to_confirm", _("To confirm")
        TO_REVIEW = "to_review", _("To review: its source changed")

    report = models.ForeignKey(VsmeReport, on_delete=models.CASCADE, related_name="datapoints")
    code = models.CharField(max_length=200)
    value = models.JSONField(null=True, blank=True)
    # "Not applicable" said on purpose, distinct from a value not given yet.
    not_applicable = models.BooleanField(default=False)
    state = models.CharField(max_length=10, choices=State.choices, default=State.CONFIRMED)
    source = models.CharField(max_length=12, choices=Source.choices, default=Source.ENTERED)
    source_detail = models.CharField(max_length=300, blank=True)
    # What the source said when it was read: a different reading later marks
    # the datapoint to review instead of changing it behind the person's back.
    source_value = models.JSONField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = tenant_manager("work", "report__organisation")

    class Meta:
        verbose_name = _("VSME datapoint")
        verbose_name_plural = _("VSME datapoints")
        ordering = ["report", "code"]
        constraints = [
            models.UniqueConstraint(fields=["report", "code"], name="one_value_per_datapoint")
        ]

    def __str__(self):
        return f"{self.report_id} · {self.code}"

    @property
    def source_text(self) -> str:
        """Where the value comes from, in the reader's language:
        ``source_detail`` holds only language-free particulars (a year and
        the inventory's state, a NAF code, a period)."""
        detail = self.source_detail
        if self.source == Source.CARBON and ":" in detail:
            year, state = detail.split(":", 1)
            state = _("locked") if state == "locked" else _("in progress")
            return _("Carbon footprint %(year)s (%(state)s)") % {"year": year, "state": state}
        if self.source == Source.PROFILE and detail.startswith("naf:"):
            return _(
                "NAF code %(code)s of the profile (NACE Rev. 2.1 renumbered some classes: "
                "check it)"
            ) % {"code": detail.removeprefix("naf:")}
        if self.source == Source.PROFILE:
            return _("Organisation's profile in Levier")
        if self.source == Source.PLAN:
            return _("Action plan in Levier: actions done or in progress")
        if self.source == Source.PREVIOUS and "/" in detail:
            start, end = detail.split("/", 1)
            return _("Report %(start)s – %(end)s") % {"start": start, "end": end}
        return str(self.get_source_display())


class DatapointChange(models.Model):
    """The audit trail of a datapoint: every value it had, from where, by whom."""

    datapoint = models.ForeignKey(Datapoint, on_delete=models.CASCADE, related_name="changes")
    value = models.JSONField(null=True, blank=True)
    not_applicable = models.BooleanField(default=False)
    state = models.CharField(max_length=10, choices=Datapoint.State.choices)
    source = models.CharField(max_length=12, choices=Source.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    objects = tenant_manager("work", "datapoint__report__organisation")

    class Meta:
        ordering = ["datapoint", "-at", "-pk"]

    def __str__(self):
        return f"{self.datapoint_id} · {self.at:%Y-%m-%d %H:%M}"
