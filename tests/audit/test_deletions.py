"""Deleting an evidence file and closing an account are recorded; the
evidence's file name is not (it may tell what the answer was)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from levier.accounts.models import OrgRole
from levier.assessments.models import Evidence
from levier.assessments.uploads import stored_fields
from levier.audit.models import Action, AuditEntry, KnownDevice
from tests.audit.conftest import only
from tests.factories import PASSWORD, make_member, make_network_staff, make_organisation

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_deleting_an_evidence_file_is_recorded_without_its_name(
    org_admin_client, org_admin, organisation, network, draft
):
    question = next(q for q in draft.pack.questions if q.levels)
    answer = draft.answers.create(question_code=question.code, answered_by=org_admin)
    evidence = Evidence.objects.create(
        answer=answer,
        **stored_fields(SimpleUploadedFile("accident-report-2025.pdf", PDF), org_admin),
    )

    org_admin_client.post(
        reverse("assessment_evidence_delete", args=[organisation.slug, draft.pk, evidence.pk])
    )

    assert not Evidence.objects.exists()
    entry = only(Action.EVIDENCE_DELETED)
    assert entry.actor == org_admin
    assert (entry.organisation, entry.network) == (organisation, network)
    assert question.code in entry.detail
    assert "accident" not in entry.detail


def test_closing_an_account_is_recorded_in_each_of_its_organisations_and_networks(
    org_admin, organisation, network
):
    colleague = make_member(organisation, OrgRole.ADMIN)
    elsewhere = make_organisation()
    from levier.accounts.models import Membership, NetworkRole

    Membership.objects.create(user=org_admin, organisation=elsewhere, role=OrgRole.VIEWER)
    NetworkRole.objects.create(user=org_admin, network=network, role="animator")
    KnownDevice.objects.create(
        person=org_admin, device_hash="x" * 64, last_seen=org_admin.date_joined
    )
    client = Client()
    client.force_login(org_admin)

    client.post(reverse("close_account"), {"password": PASSWORD})

    entries = AuditEntry.objects.filter(action=Action.ACCOUNT_CLOSED)
    assert {(e.organisation, e.network) for e in entries} == {
        (organisation, network),
        (elsewhere, elsewhere.network),
        (None, network),
    }
    assert all(e.actor == e.subject == org_admin for e in entries)
    org_admin.refresh_from_db()
    assert org_admin.closed_at is not None
    assert not KnownDevice.objects.filter(person=org_admin).exists()
    assert colleague.is_active


def test_closing_an_account_that_belongs_nowhere_is_recorded_once(client):
    person = make_network_staff(make_organisation().network)
    person.network_roles.all().delete()
    client.force_login(person)

    client.post(reverse("close_account"), {"password": PASSWORD})

    entry = only(Action.ACCOUNT_CLOSED)
    assert entry.subject == person and entry.organisation is None and entry.network is None
