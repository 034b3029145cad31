"""A link between objects of two networks is refused by the model itself,
whatever form or back-office page tried it."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from levier.accounts.models import NetworkRole, OrgRole
from levier.assessments.models import Assessment
from levier.clubs.models import ClubMember
from levier.events.models import Event, Registration
from levier.frameworks.services import latest_version, sync_shipped_packs
from levier.plans.models import Action
from levier.practices.models import Adoption
from levier.programmes.models import Programme
from tests.clubs.factories import make_club
from tests.events.factories import make_event
from tests.factories import make_member, make_network, make_network_staff, make_organisation
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db


@pytest.fixture
def theirs():
    network = make_network(name="Autre réseau")
    return {
        "network": network,
        "club": make_club(network, name="Leur club"),
        "programme": Programme.objects.create(network=network, title="Leur programme"),
        "organisation": make_organisation(network, name="Leur membre"),
        "practice": make_practice(network, title="Leur pratique", code="leur-pratique"),
    }


@pytest.mark.parametrize("link", ["club", "programme"])
def test_an_event_never_points_into_another_network(network, theirs, link):
    event = make_event(network)
    setattr(event, link, theirs[link])

    with pytest.raises(ValidationError) as refused:
        event.save()

    assert link in refused.value.message_dict
    assert Event.objects.get(pk=event.pk).club_id is None


def test_people_of_another_network_never_join_a_club_or_an_event(network, theirs):
    club, event = make_club(network), make_event(network)
    outsider = make_member(theirs["organisation"])

    with pytest.raises(ValidationError):
        ClubMember.objects.create(club=club, user=outsider, organisation=theirs["organisation"])
    with pytest.raises(ValidationError):
        Registration.objects.create(
            event=event, user=outsider, organisation=theirs["organisation"], status="confirmed"
        )


def test_a_plan_and_an_adoption_never_take_another_networks_practice(organisation, theirs):
    with pytest.raises(ValidationError):
        Action.objects.create(organisation=organisation, title="x", practice=theirs["practice"])
    with pytest.raises(ValidationError):
        Adoption.objects.create(practice=theirs["practice"], organisation=organisation)
    shipped = make_practice(None, title="Pratique partagée", code="partagee")
    # The shipped library belongs to every network.
    Adoption.objects.create(practice=shipped, organisation=organisation)


def test_an_action_never_takes_another_organisations_assessment(organisation, theirs, network):
    sync_shipped_packs()
    version = latest_version("levier-360")
    sibling = make_organisation(network)
    assessment = Assessment.objects.create(
        organisation=sibling, framework_version=version, period="2026", headcount=20
    )

    with pytest.raises(ValidationError) as refused:
        Action.objects.create(organisation=organisation, title="x", assessment=assessment)

    assert "assessment" in refused.value.message_dict


def test_the_back_office_event_form_refuses_another_networks_club(client, network, theirs):
    """The reported case: network A's event linked to network B's club, which
    B's club animators could then edit."""
    client.force_login(make_network_staff(network, NetworkRole.Role.NETWORK_ADMIN))
    event = make_event(network, title="Notre atelier")
    url = reverse("admin:events_event_change", args=[event.pk])

    page = client.get(url)
    response = client.post(
        url,
        {
            "network": network.pk,
            "club": theirs["club"].pk,
            "programme": theirs["programme"].pk,
            "kind": event.kind,
            "title": event.title,
            "start_0": event.start.strftime("%Y-%m-%d"),
            "start_1": event.start.strftime("%H:%M:%S"),
            "end_0": event.end.strftime("%Y-%m-%d"),
            "end_1": event.end.strftime("%H:%M:%S"),
            "audience": event.audience,
            "roles": "[]",
            "is_published": "on",
        },
    )

    assert theirs["club"].name not in page.content.decode()
    assert response.status_code == 200  # the form again, with its errors
    assert {"club", "programme"} <= set(response.context["adminform"].form.errors)
    event.refresh_from_db()
    assert event.club_id is None and event.programme_id is None


def test_a_member_of_both_networks_still_registers_in_each(network, theirs):
    person = make_member(make_organisation(network))
    theirs["organisation"].memberships.create(user=person, role=OrgRole.VIEWER)

    Registration.objects.create(
        event=make_event(theirs["network"]),
        user=person,
        organisation=theirs["organisation"],
        status="confirmed",
    )
