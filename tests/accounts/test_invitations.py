from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from levier.accounts.models import Invitation, Membership, OrgRole, User
from tests.factories import PASSWORD, make_member, make_user
from tests.mailing.helpers import committed

pytestmark = pytest.mark.django_db


def _invite(client, organisation, email="new.colleague@example.org", role=OrgRole.CONTRIBUTOR):
    with committed():
        return client.post(
            reverse("invite", args=[organisation.slug]), {"email": email, "role": role}
        )


def _link_from_last_email() -> str:
    body = mail.outbox[-1].body
    return next(line for line in body.splitlines() if "/invitations/" in line).strip()


def test_an_admin_invites_and_the_colleague_joins_with_a_password(
    org_admin_client, client, organisation
):
    response = _invite(org_admin_client, organisation)
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["new.colleague@example.org"]
    assert organisation.name in mail.outbox[-1].subject
    link = _link_from_last_email()

    client.logout()
    page = client.get(link)
    assert page.status_code == 200
    response = client.post(
        link, {"full_name": "Nora Nouvelle", "password1": PASSWORD, "password2": PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("organisation_detail", args=[organisation.slug])
    user = User.objects.get(email="new.colleague@example.org")
    assert user.full_name == "Nora Nouvelle"
    assert Membership.objects.get(user=user, organisation=organisation).role == "contributor"
    assert client.get(response["Location"]).context["user"] == user


def test_a_used_link_says_so(org_admin_client, client, organisation):
    _invite(org_admin_client, organisation)
    link = _link_from_last_email()
    client.post(link, {"full_name": "Nora", "password1": PASSWORD, "password2": PASSWORD})
    client.logout()

    response = client.get(link)

    assert response.status_code == 410
    assert "déjà été utilisée" in response.content.decode()


def test_an_expired_link_says_so(org_admin_client, client, organisation):
    _invite(org_admin_client, organisation)
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))

    response = client.get(_link_from_last_email())

    assert response.status_code == 410
    assert "a expiré" in response.content.decode()
    assert not User.objects.filter(email="new.colleague@example.org").exists()


def test_an_unknown_link_is_not_found(client, db):
    assert client.get("/invitations/not-a-token/").status_code == 404


def test_mismatched_passwords_keep_what_was_typed(org_admin_client, client, organisation):
    _invite(org_admin_client, organisation)
    link = _link_from_last_email()
    client.logout()

    response = client.post(
        link, {"full_name": "Nora Nouvelle", "password1": PASSWORD, "password2": "other"}
    )

    assert response.status_code == 200
    assert 'value="Nora Nouvelle"' in response.content.decode()
    assert not User.objects.filter(email="new.colleague@example.org").exists()


def test_an_existing_user_signs_in_then_joins(org_admin_client, client, organisation):
    existing = make_user("known@example.org")
    _invite(org_admin_client, organisation, email="KNOWN@example.org", role=OrgRole.VIEWER)
    link = _link_from_last_email()
    client.logout()

    assert client.get(link)["Location"].startswith(reverse("account_login"))
    client.force_login(existing)
    client.post(link)

    assert Membership.objects.get(user=existing, organisation=organisation).role == "viewer"


def test_someone_else_signed_in_cannot_take_the_invitation(org_admin_client, client, organisation):
    make_user("known@example.org")
    _invite(org_admin_client, organisation, email="known@example.org")
    link = _link_from_last_email()
    intruder = make_user("intruder@example.org")
    client.force_login(intruder)

    response = client.post(link)

    assert response.status_code == 403
    assert not Membership.objects.filter(user=intruder).exists()


def test_inviting_a_member_again_is_refused_with_the_form_kept(org_admin_client, organisation):
    member = make_member(organisation, OrgRole.VIEWER, email="member@example.org")

    response = _invite(org_admin_client, organisation, email=member.email)

    assert response.status_code == 200
    assert 'value="member@example.org"' in response.content.decode()
    assert not Invitation.objects.exists()


def test_a_new_invitation_replaces_the_pending_one(org_admin_client, organisation):
    _invite(org_admin_client, organisation, role=OrgRole.VIEWER)
    _invite(org_admin_client, organisation, role=OrgRole.ADMIN)

    assert list(Invitation.objects.values_list("role", flat=True)) == ["admin"]


def test_a_withdrawn_invitation_no_longer_works(org_admin_client, client, organisation):
    _invite(org_admin_client, organisation)
    link = _link_from_last_email()
    invitation = Invitation.objects.get()

    org_admin_client.post(reverse("invitation_revoke", args=[organisation.slug, invitation.pk]))

    assert client.get(link).status_code == 404
