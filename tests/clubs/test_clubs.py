"""Clubs: eligibility to join, their page, animators looking after them."""

import pytest
from django.urls import reverse

from levier.clubs.models import Club, ClubMember
from tests.clubs.factories import join_club, make_club
from tests.events.factories import make_event
from tests.factories import make_member, make_organisation

pytestmark = pytest.mark.django_db


def test_an_eligible_member_joins_a_club(client, network, organisation, member):
    club = make_club(network)
    client.force_login(member)

    client.post(reverse("club_join", args=[club.pk]), {"organisation": organisation.pk})

    assert ClubMember.objects.get().user == member


def test_a_too_small_organisation_is_told_why_it_cannot_join(client, network, member):
    small = make_organisation(network, headcount=30)
    person = make_member(small)
    club = make_club(network, min_headcount=100)
    client.force_login(person)

    page = client.get(reverse("club_detail", args=[club.pk])).content.decode()
    client.post(reverse("club_join", args=[club.pk]), {"organisation": small.pk})

    assert "Réservé aux organisations de 100 salariés ou plus." in page
    assert not ClubMember.objects.exists()


def test_the_club_page_shows_members_meetings_and_resources(client, network, organisation, member):
    club = make_club(network, resources="[Guide du plan de mobilité](https://example.org/guide)")
    join_club(club, member, organisation, role=ClubMember.Role.ANIMATOR)
    make_event(network, title="Réunion du club", club=club)
    client.force_login(member)

    page = client.get(reverse("club_detail", args=[club.pk])).content.decode()

    assert "Marie Membre" in page and organisation.name in page
    assert "Réunion du club" in page
    assert 'href="https://example.org/guide"' in page


def test_a_member_leaves_a_club(client, network, organisation, member):
    club = make_club(network)
    join_club(club, member, organisation)
    client.force_login(member)

    client.post(reverse("club_leave", args=[club.pk]))

    assert not ClubMember.objects.exists()


def test_clubs_of_another_network_are_404(client, network, other_organisation):
    club = make_club(network)
    client.force_login(make_member(other_organisation))

    assert client.get(reverse("club_detail", args=[club.pk])).status_code == 404
    response = client.post(
        reverse("club_join", args=[club.pk]), {"organisation": other_organisation.pk}
    )
    assert response.status_code == 404
    meeting = make_event(network, club=club, audience="club")
    for url in (
        reverse("club_meeting_new", args=[club.pk]),
        reverse("club_meeting_edit", args=[club.pk, meeting.pk]),
    ):
        assert client.get(url).status_code == 404


def test_an_animator_creates_a_club(client, network, animator):
    client.force_login(animator)

    client.post(
        reverse("club_new", args=[network.slug]), {"name": "Club mobilité", "min_headcount": "50"}
    )

    club = Club.objects.get()
    assert (club.network, club.min_headcount) == (network, 50)


def test_an_animator_makes_a_member_club_animator(client, network, organisation, member, animator):
    club = make_club(network)
    membership = join_club(club, member, organisation)
    client.force_login(animator)

    client.post(
        reverse("club_member_update", args=[network.slug, club.pk, membership.pk]),
        {"action": "animator"},
    )

    membership.refresh_from_db()
    assert membership.role == ClubMember.Role.ANIMATOR


MEETING = {
    "kind": "club_meeting",
    "title": "Réunion du club mobilité",
    "start": "2031-03-10T09:00",
    "end": "2031-03-10T11:00",
    "place": "Lille",
    "capacity": "12",
    "is_published": "on",
}


def test_a_club_animator_publishes_a_meeting_reserved_to_the_club(
    client, network, organisation, member
):
    club = make_club(network, name="Club mobilité")
    join_club(club, member, organisation, role=ClubMember.Role.ANIMATOR)
    client.force_login(member)
    assert (
        "Publier une réunion du club"
        in client.get(reverse("club_detail", args=[club.pk])).content.decode()
    )

    response = client.post(reverse("club_meeting_new", args=[club.pk]), MEETING)

    assert response.status_code == 302
    (event,) = club.events.all()
    assert (event.network, event.audience, event.capacity) == (network, "club", 12)
    assert event.created_by == member


def test_a_bad_meeting_keeps_what_was_typed(client, network, organisation, member):
    club = make_club(network)
    join_club(club, member, organisation, role=ClubMember.Role.ANIMATOR)
    client.force_login(member)

    response = client.post(
        reverse("club_meeting_new", args=[club.pk]), {**MEETING, "end": "2031-03-10T08:00"}
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "Réunion du club mobilité" in page and "La fin vient après le début" in page
    assert not club.events.exists()


def test_a_club_animator_edits_the_club_s_meeting(client, network, organisation, member):
    club = make_club(network)
    join_club(club, member, organisation, role=ClubMember.Role.ANIMATOR)
    meeting = make_event(network, club=club, audience="club", capacity=10)
    client.force_login(member)

    client.post(
        reverse("club_meeting_edit", args=[club.pk, meeting.pk]),
        {**MEETING, "title": "Réunion déplacée"},
    )

    meeting.refresh_from_db()
    assert meeting.title == "Réunion déplacée" and meeting.sequence == 1


def test_plain_members_and_other_clubs_animators_cannot_publish(
    client, network, organisation, member, colleague
):
    club, other = make_club(network), make_club(network)
    join_club(club, colleague, organisation)
    join_club(other, member, organisation, role=ClubMember.Role.ANIMATOR)
    meeting = make_event(network, club=club, audience="club")

    for person in (colleague, member):
        client.force_login(person)
        assert client.get(reverse("club_meeting_new", args=[club.pk])).status_code == 404
        assert client.post(reverse("club_meeting_new", args=[club.pk]), MEETING).status_code == 404
        edit = reverse("club_meeting_edit", args=[club.pk, meeting.pk])
        assert client.get(edit).status_code == 404
    assert club.events.count() == 1
