"""Clubs, cohorts and events in the figures: filters, comparisons, participation,
and a workshop drafted from the improvement report."""

from datetime import timedelta
from urllib.parse import urlparse

import pytest
from django.urls import reverse
from django.utils import timezone

from levier.accounts.models import OrgRole
from levier.events.models import Registration
from levier.programmes.models import Application, Programme
from tests.clubs.factories import join_club, make_club
from tests.events.factories import make_event

pytestmark = pytest.mark.django_db


def _admin(organisation):
    return organisation.memberships.get(role=OrgRole.ADMIN).user


@pytest.fixture
def members(member_factory):
    return [
        member_factory(f"Membre {n}", seed=n, region="84" if n % 2 else "32") for n in range(8)
    ]


def test_the_dashboard_filters_by_club_and_hides_small_ones(client, animator, network, members):
    big, small = make_club(network, name="Club mobilité"), make_club(network, name="Club climat")
    for organisation in members[:6]:
        join_club(big, _admin(organisation), organisation)
    for organisation in members[:3]:
        join_club(small, _admin(organisation), organisation)
    client.force_login(animator)
    url = reverse("network_dashboard", args=[network.slug])

    by_big = client.get(url, {"club": big.pk})
    by_small = client.get(url, {"club": small.pk})

    assert by_big.context["counts"]["total"] == 6 and by_big.context["show_scores"]
    assert by_small.context["counts"]["total"] == 3 and not by_small.context["show_scores"]


def test_the_dashboard_filters_by_cohort(client, animator, network, members):
    programme = Programme.objects.create(network=network, title="Cap RSE")
    for index, organisation in enumerate(members):
        Application.objects.create(
            programme=programme,
            organisation=organisation,
            answer="Nous voulons progresser",
            status="selected" if index < 5 else "declined",
        )
    client.force_login(animator)

    response = client.get(
        reverse("network_dashboard", args=[network.slug]), {"programme": programme.pk}
    )

    assert response.context["counts"]["total"] == 5
    assert {o.name for o in response.context["members"]} == {m.name for m in members[:5]}


def test_participation_counts_members_seats_and_attendance(client, animator, network, members):
    past = make_event(network, start=timezone.now() - timedelta(days=30))
    old = make_event(network, start=timezone.now() - timedelta(days=500))
    for organisation, attended in zip(members[:4], (True, True, False, None), strict=True):
        Registration.objects.create(
            event=past,
            user=_admin(organisation),
            organisation=organisation,
            status="confirmed",
            attended=attended,
        )
    Registration.objects.create(
        event=past, user=_admin(members[4]), organisation=members[4], status="cancelled"
    )
    Registration.objects.create(
        event=old, user=_admin(members[5]), organisation=members[5], status="confirmed"
    )
    client.force_login(animator)

    figures = client.get(reverse("network_dashboard", args=[network.slug])).context[
        "participation"
    ]

    assert (figures["events"], figures["seats"], figures["attended"]) == (1, 4, 2)
    assert figures["organisations"] == 4


def test_the_report_drafts_a_workshop_on_a_theme(client, animator, network, members):
    client.force_login(animator)
    report = client.get(reverse("improvement_report", args=[network.slug]))
    worst = report.context["themes"][0]
    title = worst["theme"].title.get("fr")

    link = urlparse(reverse("event_new", args=[network.slug]) + "?" + worst["workshop"])
    form = client.get(link.path + "?" + link.query).context["form"]

    assert form.initial["kind"] == "workshop"
    assert form.initial["title"] == f"Atelier\u00a0: {title}"
    assert form.initial["theme"] == title[:80]
    assert "Planifier un atelier" in report.content.decode()


def test_a_member_compares_with_its_club_when_it_is_large_enough(client, members):
    me = members[0]
    club = make_club(me.network, name="Club mobilité")
    for organisation in members[:7]:
        join_club(club, _admin(organisation), organisation)
    client.force_login(_admin(me))
    url = reverse("assessment_results", args=[me.slug, me.assessments.get().pk])

    response = client.get(
        url, {"compare_sent": "1", "compare": ["size"], "circle": f"club:{club.pk}"}
    )

    group = response.context["peers_panel"]["group"]
    assert group.choice.criteria == ("circle",) and group.choice.others == 6
    assert "Club mobilité\u00a0: 6 organisations" in response.content.decode()


def test_a_small_club_falls_back_to_the_criteria_and_says_so(client, members):
    me = members[0]
    club = make_club(me.network, name="Petit club")
    for organisation in members[:3]:
        join_club(club, _admin(organisation), organisation)
    client.force_login(_admin(me))
    url = reverse("assessment_results", args=[me.slug, me.assessments.get().pk])

    response = client.get(
        url, {"compare_sent": "1", "compare": ["size"], "circle": f"club:{club.pk}"}
    )

    panel = response.context["peers_panel"]
    assert panel["circle_too_small"] == "Petit club"
    assert panel["group"].choice.criteria == ("size",)
    assert "Moins de 5 organisations de «\u00a0Petit club\u00a0»" in response.content.decode()


def test_a_member_cannot_compare_with_a_club_it_is_not_in(client, members):
    me, outsider_club = members[0], make_club(members[0].network, name="Club fermé")
    for organisation in members[1:8]:
        join_club(outsider_club, _admin(organisation), organisation)
    client.force_login(_admin(me))
    url = reverse("assessment_results", args=[me.slug, me.assessments.get().pk])

    response = client.get(url, {"compare_sent": "1", "circle": f"club:{outsider_club.pk}"})

    assert response.context["peers_panel"]["circle"] == ""
    assert response.context["peers_panel"]["group"].choice.criteria != ("circle",)
