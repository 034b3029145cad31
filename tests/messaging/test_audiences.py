"""Each audience reaches the right people: all people of the targeted
organisations, their administrators only, or the people a club or an event
gathers; one message per person; never anyone of another network."""

import pytest

from levier.accounts.models import Membership, OrgRole
from levier.events.models import Registration
from levier.messaging import audiences
from levier.programmes.models import Application, Programme
from tests.clubs.factories import join_club, make_club
from tests.events.factories import make_event
from tests.factories import make_member, make_network, make_organisation
from tests.messaging.helpers import compose

pytestmark = pytest.mark.django_db


@pytest.fixture
def members(network):
    """Three organisations of different sizes and regions, each with an
    administrator and a contributor; and one of another network."""
    small = make_organisation(network, name="Petite", headcount=5, region="32")
    medium = make_organisation(network, name="Moyenne", headcount=80, region="84")
    large = make_organisation(
        network, name="Grande", headcount=400, region="84", naf_code="10.51C"
    )
    people = {}
    for organisation in (small, medium, large):
        people[organisation.name] = (
            make_member(organisation, OrgRole.ADMIN, full_name=f"Admin {organisation.name}"),
            make_member(
                organisation, OrgRole.CONTRIBUTOR, full_name=f"Contrib {organisation.name}"
            ),
        )
    stranger = make_organisation(make_network(), name="Ailleurs")
    make_member(stranger, OrgRole.ADMIN)
    return {"small": small, "medium": medium, "large": large, "people": people}


def _emails(campaign) -> set[str]:
    return {r.email for r in audiences.resolve(campaign).recipients}


def test_all_members_and_admins_only(animator_client, network, members):
    people = members["people"]
    everyone = compose(animator_client, network)
    admins = compose(animator_client, network, recipients="admins")

    assert _emails(everyone) == {u.email for pair in people.values() for u in pair}
    assert _emails(admins) == {pair[0].email for pair in people.values()}


def test_organisations_of_a_size_sector_or_region(animator_client, network, members):
    people = members["people"]
    by_region = compose(animator_client, network, audience="profile", region="84")
    by_size = compose(animator_client, network, audience="profile", size_band="micro")
    by_sector = compose(animator_client, network, audience="profile", naf_section="C")

    assert {o.name for o in audiences.resolve(by_region).organisations} == {"Moyenne", "Grande"}
    assert _emails(by_size) == {u.email for u in people["Petite"]}
    assert {o.name for o in audiences.resolve(by_sector).organisations} == {"Grande"}


def test_a_club_its_members_or_their_organisations(animator_client, network, members):
    people = members["people"]
    club = make_club(network, name="Club mobilité")
    join_club(club, people["Petite"][1], members["small"])
    join_club(club, people["Grande"][0], members["large"])

    direct = compose(animator_client, network, audience="club", club=club.pk, recipients="direct")
    whole = compose(animator_client, network, audience="club", club=club.pk)

    assert _emails(direct) == {people["Petite"][1].email, people["Grande"][0].email}
    assert _emails(whole) == {u.email for u in people["Petite"] + people["Grande"]}


def test_a_cohort(animator_client, network, members):
    programme = Programme.objects.create(network=network, title="Cohorte RSE")
    for organisation, status in ((members["small"], "selected"), (members["medium"], "submitted")):
        Application.objects.create(
            programme=programme,
            organisation=organisation,
            answer="Oui",
            status=status,
        )
    campaign = compose(animator_client, network, audience="cohort", programme=programme.pk)
    assert {o.name for o in audiences.resolve(campaign).organisations} == {"Petite"}


def test_an_events_registrants_or_its_waitlist(animator_client, network, members):
    people = members["people"]
    event = make_event(network, capacity=1)
    Registration.objects.create(
        event=event, user=people["Petite"][0], organisation=members["small"], status="confirmed"
    )
    Registration.objects.create(
        event=event, user=people["Grande"][1], organisation=members["large"], status="waitlisted"
    )
    Registration.objects.create(
        event=event, user=people["Moyenne"][0], organisation=members["medium"], status="cancelled"
    )
    registrants = compose(
        animator_client, network, audience="registrants", event=event.pk, recipients="direct"
    )
    waitlist = compose(
        animator_client, network, audience="waitlist", event=event.pk, recipients="direct"
    )

    assert _emails(registrants) == {people["Petite"][0].email}
    assert _emails(waitlist) == {people["Grande"][1].email}


def test_one_message_per_person_in_two_organisations(animator_client, network, members):
    admin = members["people"]["Petite"][0]
    Membership.objects.create(user=admin, organisation=members["large"], role=OrgRole.VIEWER)
    campaign = compose(animator_client, network)
    emails = [r.email for r in audiences.resolve(campaign).recipients]
    assert emails.count(admin.email) == 1


def test_a_closed_account_is_not_reached(animator_client, network, members):
    contributor = members["people"]["Petite"][1]
    contributor.is_active = False
    contributor.save()
    assert contributor.email not in _emails(compose(animator_client, network))


def test_a_club_of_another_network_is_refused(animator_client, network, members):
    theirs = make_club(make_network(), name="Leur club")
    response = animator_client.post(
        f"/n/{network.slug}/messages/new/",
        {
            "subject": "x",
            "body": "y",
            "audience": "club",
            "club": theirs.pk,
            "recipients": "people",
            "theme_limit": 10,
        },
    )
    assert response.status_code == 400
    assert "club" in response.context["form"].errors


def test_only_a_club_or_an_event_may_reach_its_people_directly(animator_client, network):
    response = animator_client.post(
        f"/n/{network.slug}/messages/new/",
        {
            "subject": "x",
            "body": "y",
            "audience": "all",
            "recipients": "direct",
            "theme_limit": 10,
        },
    )
    assert response.status_code == 400
    assert "recipients" in response.context["form"].errors
