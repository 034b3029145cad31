"""A person's data export holds the entries they made or that concern them,
and the browsers they signed in from; not other people's."""

import json

import pytest
from django.urls import reverse

from levier.audit.models import Action, KnownDevice
from levier.audit.services import record
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_the_export_holds_the_person_s_entries_and_browsers(
    org_admin_client, org_admin, organisation
):
    someone = make_user()
    record(Action.ROLE_CHANGED, actor=someone, subject=org_admin, organisation=organisation)
    record(Action.INVITATION_SENT, actor=org_admin, organisation=organisation, detail="a@b.org")
    record(Action.NEW_DEVICE_SIGN_IN, actor=someone, subject=someone, detail="not-theirs")
    KnownDevice.objects.create(
        person=org_admin,
        device_hash="a" * 64,
        last_seen=org_admin.date_joined,
        user_agent="Firefox",
    )

    data = json.loads(org_admin_client.get(reverse("my_data_download")).content)

    actions = [e["action"] for e in data["audit"]]
    assert actions == ["role_changed", "invitation_sent"]
    assert data["audit"][0]["about_you"] and not data["audit"][0]["by_you"]
    assert data["audit"][1]["by_you"] and data["audit"][1]["organisation"] == organisation.name
    assert [d["browser"] for d in data["known_devices"]] == ["Firefox"]
