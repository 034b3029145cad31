"""``manage.py prune_audit`` forgets entries older than the retention, and
browsers unseen since their cookie expired; it keeps the rest."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from levier.audit.models import Action, AuditEntry, KnownDevice
from levier.audit.services import record
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_old_entries_and_devices_are_forgotten():
    person = make_user()
    old = record(Action.NEW_DEVICE_SIGN_IN, actor=person, subject=person)
    AuditEntry.objects.filter(pk=old.pk).update(when=timezone.now() - timedelta(days=100))
    recent = record(Action.PERSONAL_DATA_EXPORTED, actor=person, subject=person)
    now = timezone.now()
    KnownDevice.objects.create(person=person, device_hash="a" * 64, last_seen=now)
    KnownDevice.objects.create(
        person=person, device_hash="b" * 64, last_seen=now - timedelta(days=400)
    )

    call_command("prune_audit", "--older-than-days", "90")

    assert list(AuditEntry.objects.all()) == [recent]
    assert list(KnownDevice.objects.values_list("device_hash", flat=True)) == ["a" * 64]


def test_by_default_a_year_is_kept():
    person = make_user()
    entry = record(Action.PERSONAL_DATA_EXPORTED, actor=person, subject=person)
    AuditEntry.objects.filter(pk=entry.pk).update(when=timezone.now() - timedelta(days=300))

    call_command("prune_audit")

    assert AuditEntry.objects.filter(pk=entry.pk).exists()
