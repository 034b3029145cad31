"""Who may register, and, when not, a reason in words."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from levier.accounts.models import OrgRole
from levier.events import services
from levier.events.models import Audience, Registration
from tests.clubs.factories import join_club, make_club
from tests.events.factories import make_event
from tests.factories import make_member, make_organisation

pytestmark = pytest.mark.django_db


def reason(event, user, organisation) -> str:
    with translation.override("en"):
        return services.eligibility(event, user, organisation).reason


def test_a_member_of_the_network_is_eligible(network, organisation, member):
    assert services.eligibility(make_event(network), member, organisation)


def test_a_small_organisation_is_told_the_headcount_it_needs(network, member):
    small = make_organisation(network, headcount=40)
    event = make_event(network, min_headcount=100)

    assert reason(event, member, small) == "Reserved to organisations of 100 employees or more."


def test_a_large_enough_organisation_passes_the_headcount_rule(network):
    large = make_organisation(network, headcount=100)
    person = make_member(large)

    assert services.eligibility(make_event(network, min_headcount=100), person, large)


def test_a_club_event_is_reserved_to_the_club_members(network, organisation, member, colleague):
    club = make_club(network, name="Club mobilité")
    join_club(club, member, organisation)
    event = make_event(network, audience=Audience.CLUB, club=club)

    assert services.eligibility(event, member, organisation)
    assert reason(event, colleague, organisation) == (
        "Reserved to the members of the club “Club mobilité”."
    )


def test_roles_restrict_who_registers(network, organisation, member):
    event = make_event(network, roles=[OrgRole.ADMIN])

    assert reason(event, member, organisation) == (
        "Reserved to these roles in their organisation: Administrator."
    )


def test_an_organisation_of_another_network_is_refused(network, other_organisation):
    person = make_member(other_organisation)

    assert reason(make_event(network), person, other_organisation) == (
        f"Reserved to the members of {network.name}."
    )


def test_registration_closes_at_the_deadline(network, organisation, member):
    deadline = timezone.now() - timedelta(hours=1)
    event = make_event(network, registration_deadline=deadline)

    assert reason(event, member, organisation).startswith("Registration closed on ")


def test_registration_closes_when_the_event_starts(network, organisation, member):
    event = make_event(network, start=timezone.now() - timedelta(minutes=5))

    assert reason(event, member, organisation) == (
        "Registration is closed: the event has started."
    )


def test_registering_an_ineligible_person_raises_the_reason(network, member):
    small = make_organisation(network, headcount=5)

    with pytest.raises(services.RegistrationRefused, match="100"):
        services.register(make_event(network, min_headcount=100), member, small)
    assert not Registration.objects.exists()


def test_the_event_page_says_why_instead_of_offering_to_register(client, network, member):
    small = make_organisation(network, headcount=12)
    person = make_member(small)
    event = make_event(network, min_headcount=100)
    client.force_login(person)

    page = client.get(reverse("event_detail", args=[event.pk])).content.decode()

    assert "Réservé aux organisations de 100 salariés ou plus." in page
    assert 'role="status"' in page
    assert reverse("event_register", args=[event.pk]) not in page


def test_a_refused_registration_shows_the_reason(client, network, member):
    small = make_organisation(network, headcount=12)
    person = make_member(small)
    event = make_event(network, min_headcount=100)
    client.force_login(person)

    response = client.post(
        reverse("event_register", args=[event.pk]), {"who": f"{small.pk}:{person.pk}"}, follow=True
    )

    assert "Réservé aux organisations de 100 salariés ou plus." in response.content.decode()
    assert not Registration.objects.exists()
