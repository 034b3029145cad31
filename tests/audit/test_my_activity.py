"""Each person reads what concerns them: their sign-ins from new browsers,
the roles they were given, the exports they made; not other people's."""

import pytest
from django.urls import reverse

from levier.audit.models import Action
from levier.audit.services import record

pytestmark = pytest.mark.django_db


def test_a_person_reads_their_own_entries_only(client, org_admin, member, organisation):
    record(Action.NEW_DEVICE_SIGN_IN, actor=member, subject=member, detail="mine-sign-in")
    record(
        Action.ROLE_CHANGED,
        actor=org_admin,
        subject=member,
        organisation=organisation,
        detail="mine-role",
    )
    record(Action.PLAN_EXPORTED, actor=member, subject=member, organisation=organisation)
    record(Action.NEW_DEVICE_SIGN_IN, actor=org_admin, subject=org_admin, detail="not-mine")
    record(Action.INVITATION_SENT, actor=member, organisation=organisation, detail="no-subject")
    client.force_login(member)

    page = client.get(reverse("my_activity")).content.decode()

    assert "mine-sign-in" in page and "mine-role" in page
    assert "Plan d’action exporté" in page or "Plan d'action exporté" in page
    assert "not-mine" not in page and "no-subject" not in page


def test_my_account_links_to_it(org_admin_client):
    page = org_admin_client.get(reverse("my_data")).content.decode()

    assert reverse("my_activity") in page


def test_it_needs_a_signed_in_person(client):
    response = client.get(reverse("my_activity"))

    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
