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
