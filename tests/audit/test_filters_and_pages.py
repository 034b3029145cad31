"""A trail is filtered by kind of action and by month, 50 entries a page."""

from datetime import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from levier.audit.models import Action, AuditEntry
from levier.audit.services import record

pytestmark = pytest.mark.django_db


def _at(entry, year, month):
    when = timezone.make_aware(datetime(year, month, 15, 12, 0))
    AuditEntry.objects.filter(pk=entry.pk).update(when=when)


def test_filter_by_action_and_by_month(org_admin_client, organisation):
    _at(record(Action.RESULTS_SHARED, organisation=organisation, detail="march-share"), 2026, 3)
    _at(record(Action.SHARING_STOPPED, organisation=organisation, detail="march-stop"), 2026, 3)
    _at(record(Action.RESULTS_SHARED, organisation=organisation, detail="april-share"), 2026, 4)
    url = reverse("organisation_audit", args=[organisation.slug])

    by_action = org_admin_client.get(url, {"action": "results_shared"}).content.decode()
    by_month = org_admin_client.get(url, {"month": "2026-03"}).content.decode()
    both = org_admin_client.get(url, {"action": "results_shared", "month": "2026-04"})

    assert "march-share" in by_action and "april-share" in by_action
    assert "march-stop" not in by_action
    assert "march-share" in by_month and "march-stop" in by_month
    assert "april-share" not in by_month
    assert [e.detail for e in both.context["page"]] == ["april-share"]
    # The months offered are those of the trail.
    assert 'value="2026-03"' in by_month and 'value="2026-05"' not in by_month


def test_an_unknown_filter_shows_everything(org_admin_client, organisation):
    record(Action.RESULTS_SHARED, organisation=organisation, detail="kept")
    url = reverse("organisation_audit", args=[organisation.slug])

    response = org_admin_client.get(url, {"action": "nonsense", "month": "13-2026"})

    assert response.status_code == 200 and "kept" in response.content.decode()


def test_fifty_entries_a_page_newest_first(org_admin_client, organisation):
    for n in range(51):
        record(Action.RESULTS_SHARED, organisation=organisation, detail=f"entry-{n:02}")
    url = reverse("organisation_audit", args=[organisation.slug])

    first = org_admin_client.get(url)
    second = org_admin_client.get(url, {"page": 2, "action": "results_shared"})

    assert len(first.context["page"]) == 50
    assert first.context["page"][0].detail == "entry-50"
    assert [e.detail for e in second.context["page"]] == ["entry-00"]
    assert "action=results_shared&amp;page=1" in second.content.decode()
