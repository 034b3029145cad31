"""The audit trail: who did what, when, to whom, in which organisation or
network; never what an organisation answered, scored or planned (ADR 17).

Entries are written once by ``services.record`` and never changed. Their
people and tenants are nullable: an entry outlives the account it names
(closing erases the person, not the row) and the organisation it was about.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from levier.tenancy.managers import tenant_manager

DETAIL_MAX_LENGTH = 200


class Action(models.TextChoices):
    # People and roles in an organisation.
    ROLE_GRANTED = "role_granted", _("Role granted")
    ROLE_CHANGED = "role_changed", _("Role changed")
    MEMBER_REMOVED = "member_removed", _("Member removed")
    INVITATION_SENT = "invitation_sent", _("Invitation sent")
    INVITATION_WITHDRAWN = "invitation_withdrawn", _("Invitation withdrawn")
    # Roles in a network (given in the back office).
    NETWORK_ROLE_GRANTED = "network_role_granted", _("Network role granted")
    NETWORK_ROLE_CHANGED = "network_role_changed", _("Network role changed")
    NETWORK_ROLE_REMOVED = "network_role_removed", _("Network role removed")
    # Consent to show the organisation's results to its network.
    RESULTS_SHARED = "results_shared", _("Results shared with the network")
    SHARING_STOPPED = "sharing_stopped", _("Sharing stopped")
    SHARED_RESULTS_VIEWED = "shared_results_viewed", _("Shared results viewed")
    # Data leaving Levier.
    PERSONAL_DATA_EXPORTED = "personal_data_exported", _("Personal data exported")
    NETWORK_FIGURES_EXPORTED = "network_figures_exported", _("Network figures exported")
    PLAN_EXPORTED = "plan_exported", _("Action plan exported")
    RESULTS_EXPORTED = "results_exported", _("Results exported")
    MISSION_FILE_EXPORTED = "mission_file_exported", _("Mission verification file exported")
    # Deletions.
    EVIDENCE_DELETED = "evidence_deleted", _("Evidence file deleted")
    ORGANISATION_DELETED = "organisation_deleted", _("Organisation deleted")
    ACCOUNT_CLOSED = "account_closed", _("Account closed")
    # Security of the account.
    NEW_DEVICE_SIGN_IN = "new_device_sign_in", _("Sign-in from a new device")
    # Access given to other software (the API).
    API_TOKEN_CREATED = "api_token_created", _("API token created")
    API_TOKEN_REVOKED = "api_token_revoked", _("API token revoked")
    WEBHOOK_SUBSCRIBED = "webhook_subscribed", _("Webhook subscribed")
    WEBHOOK_DELETED = "webhook_deleted", _("Webhook deleted")


class AuditEntry(models.Model):
    when = models.DateTimeField(_("when"), default=timezone.now, editable=False)
    action = models.CharField(_("action"), max_length=32, choices=Action.choices)
    # SET_NULL everywhere: deleting a person, an organisation or a network
    # must not delete the record of what happened to it.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("concerning"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    network = models.ForeignKey(
        "accounts.Network",
        verbose_name=_("network"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Never an answer, a score or a plan's content: a file name we generate,
    # two roles, an email address invited.
    detail = models.CharField(_("detail"), max_length=DETAIL_MAX_LENGTH, blank=True)
    # Sign-ins only: the client's network, not its address (services.ip_prefix).
    ip_prefix = models.CharField(_("network of the address"), max_length=49, blank=True)
    user_agent = models.CharField(_("browser"), max_length=80, blank=True)

    # Organisation admins read their organisation's entries, network admins
    # their network's (its organisations' included), everyone their own.
    objects = tenant_manager("audit")

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")
        ordering = ["-when", "-pk"]
        indexes = [
            models.Index(fields=["organisation", "-when"], name="audit_by_organisation"),
            models.Index(fields=["network", "-when"], name="audit_by_network"),
            models.Index(fields=["subject", "-when"], name="audit_by_subject"),
            models.Index(fields=["actor", "-when"], name="audit_by_actor"),
            # prune_audit deletes by age.
            models.Index(fields=["when"], name="audit_by_date"),
        ]

    def __str__(self):
        return f"{self.when:%Y-%m-%d %H:%M} {self.action}"

    def save(self, *args, **kwargs):
        # The trail is written once: a change would make it say something
        # that did not happen.
        if not self._state.adding:
            raise ValueError("Audit entries are never changed.")
        super().save(*args, **kwargs)


class KnownDevice(models.Model):
    """A browser a person has signed in from: the hash of the random id its
    long-lived signed cookie carries (devices.py). The cookie, not the
    address, identifies it: addresses change on every network."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="known_devices"
    )
    device_hash = models.CharField(max_length=64)
    first_seen = models.DateTimeField(auto_now_add=True)
    last_seen = models.DateTimeField()
    user_agent = models.CharField(_("browser"), max_length=80, blank=True)

    # A person's own rows: nobody else reads which browsers they use.
    objects = tenant_manager("own", "person")

    class Meta:
        verbose_name = _("known device")
        verbose_name_plural = _("known devices")
        constraints = [
            models.UniqueConstraint(fields=["person", "device_hash"], name="one_known_device")
        ]
        indexes = [models.Index(fields=["last_seen"], name="known_device_by_last_seen")]

    def __str__(self):
        return f"{self.person_id} · {self.user_agent}"
