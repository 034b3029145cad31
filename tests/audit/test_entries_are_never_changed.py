"""An entry, once written, is never changed: not by code, not in the back
office, where network admins read their networks' entries only."""

import pytest
from django.urls import reverse

from levier.audit.models import Action, AuditEntry
from levier.audit.services import record
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_saving_an_entry_again_is_refused(organisation):
    entry = record(Action.RESULTS_SHARED, organisation=organisation)
    entry.detail = "rewritten"

    with pytest.raises(ValueError):
        entry.save()


def test_the_back_office_shows_a_network_admin_their_networks_entries_read_only(
    client, network_admin, organisation, other_organisation
):
    ours = record(Action.RESULTS_SHARED, organisation=organisation, detail="ours")
    theirs = record(Action.RESULTS_SHARED, organisation=other_organisation, detail="theirs")
    client.force_login(network_admin)

    listing = client.get(reverse("admin:audit_auditentry_changelist"))
    page = client.get(reverse("admin:audit_auditentry_change", args=[ours.pk]))

    assert [e.pk for e in listing.context["cl"].result_list] == [ours.pk]
    assert page.status_code == 200 and 'name="detail"' not in page.content.decode()
    assert client.get(reverse("admin:audit_auditentry_change", args=[theirs.pk])).status_code in (
        403,
        404,
    )
    assert client.get(reverse("admin:audit_auditentry_add")).status_code == 403
    assert client.get(reverse("admin:audit_auditentry_delete", args=[ours.pk])).status_code == 403


def test_not_even_a_superuser_edits_an_entry(client, organisation):
    entry = record(Action.RESULTS_SHARED, organisation=organisation)
    client.force_login(make_user(is_superuser=True))

    client.post(reverse("admin:audit_auditentry_change", args=[entry.pk]), {"detail": "x"})
    client.post(reverse("admin:audit_auditentry_delete", args=[entry.pk]), {"post": "yes"})

    entry.refresh_from_db()
    assert entry.detail == ""
    assert AuditEntry.objects.filter(pk=entry.pk).exists()
