"""The mission's overview and its definition: the empty state explaining the
société à mission, defining the mission (headcount prefilled, bad input
kept), the overview's status block and objectives with their indicators'
standing, in French and in English, in a number of queries that does not
grow with the mission; and the button on the organisation's page."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from levier.mission.models import CommitteeMember, Governance, Mission
from levier.plans.models import Action
from tests.factories import make_network_staff
from tests.mission import core_data as d

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def test_without_a_mission_the_page_explains_it_and_contributors_may_define_it(client):
    world = d.company(with_mission=False)
    client.force_login(world.contributor)
    page = client.get(d.url("mission", world.organisation), **EN).content.decode()
    assert "loi PACTE" in page
    assert "L210-10" in page
    assert "independent third-party body (OTI)" in page
    assert "No mission defined yet" in page
    assert d.url("mission_edit", world.organisation) in page
    client.force_login(world.viewer)
    page = client.get(d.url("mission", world.organisation)).content.decode()
    assert d.url("mission_edit", world.organisation) not in page
    assert client.get(d.url("mission_edit", world.organisation)).status_code == 404


def test_defining_the_mission_prefills_the_headcount_and_leaves_the_profile_flag(client):
    world = d.company(with_mission=False, headcount=42)
    client.force_login(world.contributor)
    form = client.get(d.url("mission_edit", world.organisation)).context["form"]
    assert form["permanent_employees"].value() == 42
    response = client.post(
        d.url("mission_edit", world.organisation),
        {
            "purpose": "Nourrir la ville avec ce qui pousse autour",
            "published_on": "2024-06-15",
            "governance": Governance.REFERENT,
            "permanent_employees": "42",
            "year_end_month": "6",
            "verifier": "OTI Exemple",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == d.url("mission", world.organisation)
    mission = Mission.objects.get(organisation=world.organisation)
    assert mission.purpose == "Nourrir la ville avec ce qui pousse autour"
    assert mission.published_on == date(2024, 6, 15)
    assert (mission.governance, mission.year_end_month) == (Governance.REFERENT, 6)
    world.organisation.refresh_from_db()
    assert world.organisation.is_mission is False
    page = client.get(d.url("mission", world.organisation), **EN).content.decode()
    assert "Your profile does not say société à mission yet." in page
    assert "Nourrir la ville" in page


def test_a_mission_without_raison_detre_is_refused_and_what_was_typed_stays(client):
    world = d.company(with_mission=False)
    client.force_login(world.contributor)
    response = client.post(
        d.url("mission_edit", world.organisation),
        {
            "purpose": "  ",
            "published_on": "2024-06-15",
            "governance": "committee",
            "permanent_employees": "12",
            "year_end_month": "12",
            "verifier": "Bureau Vérif",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Écrivez la raison d’être telle que vos statuts la formulent." in page
    assert 'value="Bureau Vérif"' in page
    assert 'value="2024-06-15"' in page
    assert not Mission.objects.filter(organisation=world.organisation).exists()


def _full_mission(world, today):
    mission = world.mission
    mission.governance = Governance.COMMITTEE
    mission.save()
    CommitteeMember.objects.create(mission=mission, name="Jean Client", is_employee=False)
    objective = d.add_objective(mission, "Réduire les déchets du port")
    operational = d.add_operational(objective, "Consigner 60 % des bouteilles")
    indicator = d.add_indicator(
        operational,
        baseline_value=10,
        baseline_on=today - timedelta(days=400),
        target_value=60,
        target_on=today + timedelta(days=400),
        every_months=3,
    )
    d.measure(indicator, today - timedelta(days=200), 35)
    done = Action.objects.create(
        organisation=world.organisation, title="Acheter des casiers", status="done"
    )
    todo = Action.objects.create(organisation=world.organisation, title="Former l'équipe")
    operational.actions.add(done, todo)
    return indicator


def test_the_overview_shows_the_status_the_objectives_and_each_indicators_standing(client):
    world = d.company()
    indicator = _full_mission(world, date.today())
    client.force_login(world.viewer)
    page = client.get(d.url("mission", world.organisation), **EN).content.decode()
    assert "Brasser local pour faire vivre le port" in page
    assert "Réduire les déchets du port" in page
    assert "Consigner 60" in page
    assert d.url("mission_indicator", world.organisation, indicator.pk) in page
    # Latest 35 % on the way from 10 to 60: half way, on track (trend reaches 60 in time).
    assert "Latest: <strong>35 %</strong>" in page
    assert "target 60 % by" in page
    assert 'value="50" max="100"' in page
    assert "50% of the way" in page
    assert "On track" in page
    # Measured every quarter, last measured 200 days ago: overdue.
    assert "measurement overdue since" in page
    assert "1 of 2 linked actions done" in page
    # The status block: the first verification 18 months after 1 March 2025.
    assert "Next verification by <strong>1 September 2026</strong>" in page
    assert "at least one employee" in page  # the committee has no employee
    assert d.url("mission_committee", world.organisation) in page
    assert d.url("mission_verification", world.organisation) in page
    # The profile does not say société à mission: a notice says so.
    assert "Your profile does not say société à mission yet." in page


def test_the_overview_in_french_writes_dates_and_percentages_the_french_way(client):
    world = d.company()
    _full_mission(world, date.today())
    client.force_login(world.viewer)
    page = client.get(d.url("mission", world.organisation)).content.decode()
    assert '<html lang="fr"' in page
    assert "<strong>1 septembre 2026</strong>" in page
    assert "50\u00a0%" in page


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_overview_takes_as_many_queries_for_one_objective_as_for_many(
    client, django_assert_max_num_queries
):
    small, large = d.company(), d.company()
    for world, count in ((small, 1), (large, 6)):
        for i in range(count):
            objective = d.add_objective(world.mission, f"Objectif {i}", position=i)
            for j in range(2):
                operational = d.add_operational(objective, f"Opérationnel {i}.{j}")
                operational.actions.add(
                    Action.objects.create(organisation=world.organisation, title=f"A {i}.{j}")
                )
                for k in range(3):
                    indicator = d.add_indicator(operational, f"Indicateur {i}.{j}.{k}")
                    for month in range(1, 5):
                        d.measure(indicator, date(2025, month, 1), 10 + month)
    client.force_login(small.viewer)
    baseline = _queries(client, d.url("mission", small.organisation))
    client.force_login(large.viewer)
    with django_assert_max_num_queries(baseline):
        page = client.get(d.url("mission", large.organisation)).content.decode()
    assert page.count(">Indicateur 5.1.") == 3


def test_the_organisation_page_shows_the_mission_button_to_members_of_a_mission(client):
    world = d.company(with_mission=False)
    client.force_login(world.viewer)
    detail = d.url("organisation_detail", world.organisation)
    assert d.url("mission", world.organisation) not in client.get(detail).content.decode()
    world.organisation.is_mission = True
    world.organisation.save()
    assert d.url("mission", world.organisation) in client.get(detail).content.decode()
    other = d.company()  # a mission, the profile flag off
    client.force_login(other.viewer)
    page = client.get(d.url("organisation_detail", other.organisation)).content.decode()
    assert d.url("mission", other.organisation) in page


def test_the_networks_staff_do_not_reach_the_mission_pages(client):
    world = d.company()
    animator = make_network_staff(world.organisation.network)
    client.force_login(animator)
    assert client.get(d.url("mission", world.organisation)).status_code == 404
    client.force_login(world.viewer)
    assert client.get(d.url("mission", world.organisation)).status_code == 200
