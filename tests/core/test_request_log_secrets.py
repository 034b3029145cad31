"""The request log never holds a link's secret: an invitation's token is
replaced in the logged path, so whoever reads the logs cannot join with it."""

import logging

import pytest
from django.urls import reverse

from levier.accounts.models import OrgRole
from levier.accounts.services import invite
from levier.lib.logging import REDACTED

pytestmark = pytest.mark.django_db


def test_an_invitation_token_is_replaced_in_the_logged_path(
    client, organisation, org_admin, caplog
):
    caplog.set_level(logging.INFO, logger="levier.requests")
    invitation = invite(organisation, "nora@example.org", OrgRole.CONTRIBUTOR, org_admin, "")

    response = client.get(reverse("accept_invitation", args=[invitation.token]))

    assert response.status_code == 200  # the link works; only its log line hides it
    [line] = [r for r in caplog.records if r.name == "levier.requests"]
    assert line.path == f"/invitations/{REDACTED}/"
    assert invitation.token not in line.getMessage()
