"""Declined requests to join are forgotten after six months; the others stay."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from levier.membership.models import JoinRequest
from levier.membership.retention import KEEP_DECLINED_DAYS
from tests.membership.test_review import make_request

pytestmark = pytest.mark.django_db


def test_only_requests_declined_long_ago_are_deleted(network):
    long_ago = timezone.now() - timedelta(days=KEEP_DECLINED_DAYS + 1)
    recently = timezone.now() - timedelta(days=KEEP_DECLINED_DAYS - 1)
    old_decline = make_request(network, status="declined", decided_at=long_ago)
    recent_decline = make_request(network, status="declined", decided_at=recently)
    old_accept = make_request(network, status="accepted", decided_at=long_ago)
    pending = make_request(network)
    JoinRequest.objects.filter(pk=pending.pk).update(created_at=long_ago)

    call_command("forget_declined_join_requests")

    kept = set(JoinRequest.objects.values_list("pk", flat=True))
    assert kept == {recent_decline.pk, old_accept.pk, pending.pk}
    assert old_decline.pk not in kept
