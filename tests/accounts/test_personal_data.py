import json

import pytest
from django.urls import reverse

from levier.accounts.models import Membership, OrgRole, User
from tests.factories import PASSWORD, make_member

pytestmark = pytest.mark.django_db


def test_a_person_sees_what_levier_holds(org_admin_client, org_admin, organisation):
    page = org_admin_client.get(reverse("my_data")).content.decode()

    assert org_admin.email in page
    assert organisation.name in page


def test_a_person_downloads_their_data(org_admin_client, org_admin, organisation):
    response = org_admin_client.get(reverse("my_data_download"))

    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["account"]["email"] == org_admin.email
    assert data["organisations"] == [
        {
            "organisation": organisation.name,
            "role": "admin",
            "since": data["organisations"][0]["since"],
        }
    ]


def test_closing_an_account_erases_the_person_and_keeps_the_organisation(
    org_admin_client, client, org_admin, organisation
):
    colleague = make_member(organisation, OrgRole.ADMIN)
    email = org_admin.email

    response = org_admin_client.post(reverse("close_account"), {"password": PASSWORD})

    assert response.status_code == 302
    org_admin.refresh_from_db()
    assert org_admin.email != email and org_admin.full_name == ""
    assert org_admin.closed_at is not None and not org_admin.is_active
    assert str(org_admin) in ("Ancien membre", "Former member")
    assert not Membership.objects.filter(user=org_admin).exists()
    assert Membership.objects.filter(user=colleague, organisation=organisation).exists()
    assert not client.login(email=email, password=PASSWORD)
    assert not User.objects.filter(email=email).exists()


def test_closing_needs_the_password(org_admin_client, org_admin):
    response = org_admin_client.post(reverse("close_account"), {"password": "wrong"})

    assert response.status_code == 200
    org_admin.refresh_from_db()
    assert org_admin.closed_at is None


def test_the_only_admin_is_warned_before_closing(org_admin_client, organisation):
    page = org_admin_client.get(reverse("close_account")).content.decode()

    assert organisation.name in page
