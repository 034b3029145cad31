import pytest
from django.urls import reverse

from levier.accounts.models import NetworkRole, OrgRole
from tests.factories import make_member, make_network_staff, make_user

pytestmark = pytest.mark.django_db


def test_visitors_are_welcomed_and_invited_to_sign_in(client):
    page = client.get(reverse("home")).content.decode()
    assert reverse("account_login") in page


def test_someone_without_any_role_is_told_how_to_join(client):
    user = make_user()
    client.force_login(user)

    page = client.get(reverse("home")).content.decode()

    assert "invitation" in page.lower()
    assert user.email in page


def test_a_lone_admin_is_told_to_invite_colleagues(org_admin_client, organisation):
    page = org_admin_client.get(reverse("home")).content.decode()

    assert reverse("invite", args=[organisation.slug]) in page


def test_a_contributor_sees_their_organisation(client, organisation):
    client.force_login(make_member(organisation, OrgRole.CONTRIBUTOR))

    page = client.get(reverse("home")).content.decode()

    assert reverse("organisation_detail", args=[organisation.slug]) in page
    assert reverse("invite", args=[organisation.slug]) not in page


def test_an_animator_of_an_empty_network_is_told_to_add_organisations(client, network):
    client.force_login(make_network_staff(network))

    page = client.get(reverse("home")).content.decode()

    assert reverse("organisation_create", args=[network.slug]) in page
    assert reverse("admin:index") not in page


def test_a_network_admin_gets_the_back_office(client, organisation):
    client.force_login(make_network_staff(organisation.network, NetworkRole.Role.NETWORK_ADMIN))

    page = client.get(reverse("home")).content.decode()

    assert reverse("admin:index") in page
    assert reverse("network_organisations", args=[organisation.network.slug]) in page


def test_home_queries_do_not_grow_with_the_network(client, network, django_assert_max_num_queries):
    from tests.factories import make_organisation

    user = make_network_staff(network)
    client.force_login(user)
    make_member(make_organisation(network), OrgRole.ADMIN)
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("home"))
    for _ in range(10):
        make_member(make_organisation(network), OrgRole.ADMIN)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("home"))


def test_members_see_what_is_coming_up_in_their_network_only(client, organisation, org_admin):
    from datetime import timedelta

    from django.utils import timezone

    from tests.events.factories import make_event
    from tests.factories import make_organisation

    soon = timezone.now() + timedelta(days=3)
    make_event(organisation.network, title="Atelier mobilité", start=soon, is_published=True)
    make_event(organisation.network, title="Brouillon", start=soon, is_published=False)
    make_event(
        organisation.network,
        title="Passé",
        start=timezone.now() - timedelta(days=3),
        is_published=True,
    )
    make_event(make_organisation(name="Ailleurs").network, title="Autre réseau", start=soon)
    client.force_login(org_admin)

    page = client.get("/").content.decode()

    assert "Prochainement dans votre réseau" in page and "Atelier mobilité" in page
    for hidden in ("Brouillon", "Passé", "Autre réseau"):
        assert hidden not in page
