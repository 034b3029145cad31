"""Ten people using one invitation link at the same moment: one account is
created, the nine others are told the link is used (410), none sees an error."""

import pytest
from django.test import Client
from django.urls import reverse

from levier.accounts.models import Membership, OrgRole, User
from levier.accounts.services import invite
from tests.concurrency import at_once, needs_postgresql
from tests.factories import PASSWORD


@pytest.mark.django_db(transaction=True)
@needs_postgresql
def test_one_link_used_ten_times_at_once_makes_one_member(organisation, org_admin):
    invitation = invite(organisation, "nora@example.org", OrgRole.CONTRIBUTOR, org_admin, "")
    url = reverse("accept_invitation", args=[invitation.token])
    form = {"full_name": "Nora", "password1": PASSWORD, "password2": PASSWORD}

    statuses = at_once([lambda: Client().post(url, form).status_code for _ in range(10)])

    assert sorted(statuses) == [302] + [410] * 9
    assert User.objects.filter(email="nora@example.org").count() == 1
    assert Membership.objects.filter(organisation=organisation).count() == 2
