"""How long the trail is kept (ADR 17): a year, the longest the CNIL
recommends for logs kept for security, then forgotten."""

from datetime import timedelta

from django.utils import timezone

from levier.audit.devices import COOKIE_AGE
from levier.audit.models import AuditEntry, KnownDevice

KEEP_DAYS = 365


def prune(days: int = KEEP_DAYS) -> tuple[int, int]:
    """Forget entries older than ``days``, and browsers not seen since their
    cookie expired (they would be new again anyway). Returns how many of
    each. Run by the system (prune_audit)."""
    now = timezone.now()
    entries, _ = AuditEntry.objects.filter(when__lt=now - timedelta(days=days)).delete()
    devices, _ = KnownDevice.objects.filter(last_seen__lt=now - COOKIE_AGE).delete()
    return entries, devices
