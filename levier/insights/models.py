from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from levier.tenancy.managers import tenant_manager


class Sharing(models.Model):
    """An organisation's consent to show its own results to its network's
    animators; revoking it deletes the row, the log keeps the history."""

    organisation = models.OneToOneField(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="sharing"
    )
    shared_at = models.DateTimeField(auto_now_add=True)
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    # Staff of the network see who shares; the results themselves stay behind
    # the "work" rule.
    objects = tenant_manager("people", "organisation")

    class Meta:
        verbose_name = _("results shared with the network")
        verbose_name_plural = _("results shared with the network")

    def __str__(self):
        return str(self.organisation)


class SharingLog(models.Model):
    """Who shared, revoked or saw an organisation's results, and when."""

    class Kind(models.TextChoices):
        SHARED = "shared", _("shared the results with the network")
        REVOKED = "revoked", _("stopped sharing the results")
        VIEWED = "viewed", _("viewed the results")

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="sharing_log"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=8, choices=Kind.choices)
    what = models.CharField(max_length=200, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    objects = tenant_manager("work", "organisation")

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["organisation", "-at"])]

    def __str__(self):
        return f"{self.organisation_id} {self.kind} {self.at:%Y-%m-%d}"


# Maintained figures (docs/adr/0021-maintained-network-figures.md) ---------------
# Kept up to date by `levier.insights.figures` when an assessment, an
# organisation or a consent changes, rebuilt exactly by
# `manage.py rebuild_network_figures`; pages read them instead of score lines.


class MemberState(models.Model):
    """Where one organisation stands: its latest assessment's status, period and
    last submission, and whether it shares its results."""

    organisation = models.OneToOneField(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="insights_state",
    )
    network = models.ForeignKey("accounts.Network", on_delete=models.CASCADE, related_name="+")
    latest_status = models.CharField(max_length=10, blank=True)
    latest_period = models.CharField(max_length=200, blank=True)
    latest_submitted_at = models.DateTimeField(null=True)
    shares = models.BooleanField(default=False)

    objects = tenant_manager("people", "organisation")

    class Meta:
        indexes = [models.Index(fields=["network", "latest_status"])]

    def __str__(self):
        return f"{self.organisation_id}: {self.latest_status or '-'}"


class MemberScores(models.Model):
    """One current (or latest) snapshot's overall and pillar scores, with its
    organisation's size, sector and region as they are now; for the latest,
    its theme scores and the points lost per question too."""

    snapshot = models.OneToOneField(
        "assessments.ScoreSnapshot", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    network = models.ForeignKey("accounts.Network", on_delete=models.CASCADE, related_name="+")
    framework_version = models.ForeignKey(
        "frameworks.FrameworkVersion", on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField(null=True)
    created_at = models.DateTimeField()
    is_current = models.BooleanField()
    is_latest = models.BooleanField()
    size_band = models.CharField(max_length=8, blank=True)
    naf_section = models.CharField(max_length=1, blank=True)
    region = models.CharField(max_length=8, blank=True)
    overall = models.FloatField(null=True)
    pillars = models.JSONField(default=dict)
    themes = models.JSONField(default=dict)
    lost = models.JSONField(default=dict)

    objects = tenant_manager("work", "organisation")

    class Meta:
        indexes = [
            models.Index(fields=["network", "framework_version", "is_latest", "created_at"]),
            models.Index(fields=["network", "framework_version", "year"]),
            # Peer groups: the members of a size, sector and region.
            models.Index(
                fields=["network", "framework_version", "size_band", "naf_section", "region"],
                condition=models.Q(is_latest=True),
                name="insights_latest_by_profile",
            ),
        ]

    def __str__(self):
        return f"{self.snapshot_id} · {self.overall}"


class NetworkFigures(models.Model):
    """A network's figures of one kind, for one framework version or none."""

    class Kind(models.TextChoices):
        YEARS = "years", "years"  # overall and pillar scores per year of submission
        LATEST = "latest", "latest"  # members' latest scores: spread, themes, questions
        MEMBERS = "members", "members"  # how many have not started, are in progress...
        PRACTICES = "practices", "practices"  # adopters per practice
        PLANS = "plans", "plans"  # actions open, done, due, per theme

    network = models.ForeignKey("accounts.Network", on_delete=models.CASCADE, related_name="+")
    framework_version = models.ForeignKey(
        "frameworks.FrameworkVersion", null=True, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    data = models.JSONField(default=dict)
    # Latest scores leave the figures 24 months after their submission.
    fresh_until = models.DateTimeField(null=True)

    objects = tenant_manager("network", "network")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["network", "framework_version", "kind"],
                condition=models.Q(framework_version__isnull=False),
                name="one_figures_per_version",
            ),
            models.UniqueConstraint(
                fields=["network", "kind"],
                condition=models.Q(framework_version__isnull=True),
                name="one_network_figures",
            ),
        ]

    def __str__(self):
        return f"{self.network_id} {self.framework_version_id} {self.kind}"
