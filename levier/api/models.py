"""Access to the API: tokens an organisation's or a network's admin creates,
the log of every call made with them, and webhook subscriptions with their
deliveries.

A token belongs to one organisation or one network and acts for it with the
areas and rights it was given (``levier.api.scopes``); its secret is shown
once and only its SHA-256 digest is kept (a random 256-bit secret needs no
slow hash: nothing can be guessed from the digest). The tenancy scope a token
opens is built in ``levier.tenancy.scope.Scope.of_token``: the same rules as
the web pages decide what it reaches.
"""

import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from levier.lib.text import SingleLineTextField
from levier.tenancy.managers import tenant_manager

TOKEN_PREFIX = "lev_"


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class Owned(models.Model):
    """Belongs to exactly one organisation or one network."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    network = models.ForeignKey(
        "accounts.Network", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if (self.organisation_id is None) == (self.network_id is None):
            raise ValidationError(_("Belongs to one organisation or one network."))


class ApiToken(Owned):
    name = SingleLineTextField(_("name"), max_length=80)
    # Areas and rights, e.g. ["assessments:read", "assessments:write", "events:read"].
    scopes = models.JSONField(_("access"), default=list, blank=True)
    prefix = models.CharField(max_length=12, editable=False)  # shown to recognise it
    secret_digest = models.CharField(max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = tenant_manager("administered")

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(organisation__isnull=True) ^ models.Q(network__isnull=True),
                name="api_token_one_owner",
            )
        ]

    def __str__(self):
        return self.name

    @classmethod
    def new_secret(cls) -> str:
        return TOKEN_PREFIX + secrets.token_urlsafe(32)

    def set_secret(self, secret: str) -> None:
        self.prefix = secret[: len(TOKEN_PREFIX) + 4]
        self.secret_digest = digest(secret)

    def is_active(self, now=None) -> bool:
        now = now or timezone.now()
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)

    def allows(self, area: str, write: bool = False) -> bool:
        return f"{area}:{'write' if write else 'read'}" in self.scopes


class ApiCall(models.Model):
    """One call made with a token: who, what, when, and how it ended."""

    token = models.ForeignKey(ApiToken, on_delete=models.CASCADE, related_name="calls")
    at = models.DateTimeField(default=timezone.now, db_index=True)
    method = models.CharField(max_length=8)
    path = models.CharField(max_length=300)
    status = models.PositiveSmallIntegerField()

    objects = tenant_manager("administered", "token")

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["token", "-at"])]

    def __str__(self):
        return f"{self.method} {self.path} {self.status}"


class WebhookEvent(models.TextChoices):
    ASSESSMENT_SUBMITTED = "assessment.submitted", _("Assessment submitted")
    ACTION_DONE = "action.done", _("Action done")
    REGISTRATION_CREATED = "registration.created", _("Registration created")
    PRACTICE_PUBLISHED = "practice.published", _("Practice published")


class WebhookSubscription(Owned):
    url = models.URLField(_("address"), max_length=500)
    events = models.JSONField(_("events"), default=list)
    # Signs every delivery (HMAC-SHA256); shown to the admin to check them.
    secret = models.CharField(max_length=64, default=secrets.token_hex, editable=False)
    is_active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = tenant_manager("administered")

    class Meta:
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(organisation__isnull=True) ^ models.Q(network__isnull=True),
                name="webhook_one_owner",
            )
        ]

    def __str__(self):
        return self.url


class WebhookDelivery(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed")

    subscription = models.ForeignKey(
        WebhookSubscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.CharField(max_length=40, choices=WebhookEvent.choices)
    payload = models.JSONField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)

    objects = tenant_manager("administered", "subscription")

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.event} → {self.subscription_id}"
