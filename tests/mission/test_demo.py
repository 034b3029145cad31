"""The demo's sociétés à mission: Numeris Conseil with two years of data
(indicators behind, on track and reached, a complying committee, meetings,
reports, a verification six months ago), Agence Kiosque with its first
verification overdue, which the animator's page shows first."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from levier.accounts.demo import NETWORK_SLUG
from levier.accounts.models import Network, User
from levier.mission import demo, services
from levier.mission.models import IndicatorMeasurement, Mission

pytestmark = pytest.mark.django_db


def test_the_demo_mission_has_two_years_of_data(client):
    call_command("demo")
    today = timezone.localdate()

    mission = Mission.objects.get(organisation__name="Numeris Conseil")
    assert mission.organisation.is_mission
    assert mission.objectives.count() == 3
    measured = IndicatorMeasurement.objects.filter(
        indicator__objective__organisation=mission.organisation
    )
    dates = sorted(measured.values_list("on", flat=True))
    assert dates[-1] <= today and (today - dates[-1]).days < 40
    assert (dates[-1] - dates[0]).days >= 600  # two years of quarters
    assert all(m.source for m in measured)
    indicators = [
        indicator
        for objective in mission.objectives.all()
        for operational in objective.operational.all()
        for indicator in operational.indicators.all()
    ]
    assert all(i.unit and i.baseline_on < i.target_on and i.target_on > today for i in indicators)
    states = {services.standing(i).state for i in indicators}
    assert {"behind", "on_track", "reached"} <= states
    operational = [
        o for objective in mission.objectives.all() for o in objective.operational.all()
    ]
    assert any(o.actions.exists() for o in operational)
    assert all(
        a.organisation == mission.organisation for o in operational for a in o.actions.all()
    )
    # The committee complies and met at least five times over two years.
    assert services.committee_problems(mission) == []
    meetings = list(mission.meetings.all())
    assert len(meetings) >= 5 and all(m.agenda and m.minutes for m in meetings)
    assert all(m.attendees.exists() for m in meetings)
    # The report of the last closed year has its opinion.
    due = services.report_due(mission)
    assert due.report is not None and due.report.opinion
    # One verification about six months ago: the next deadline is ahead.
    verification = mission.verifications.get()
    assert timedelta(days=150) <= today - verification.done_on <= timedelta(days=230)
    assert verification.conclusion == "met" and verification.permanent_employees
    calendar = services.verification_calendar(mission)
    assert calendar.status == "on_track" and calendar.deadline.due_on > today

    # The animator sees Agence Kiosque first, overdue; the flagged members
    # that have no mission in Levier are listed to be helped.
    client.force_login(User.objects.get(email="animation@levier.example"))
    response = client.get(reverse("mission_network", args=[NETWORK_SLUG]))
    found = response.context["missions"]
    assert found.overdue == 1
    assert found.rows[0].organisation.name == "Agence Kiosque"
    assert found.rows[0].mission.governance == "referent"
    assert {o.name for o in found.without_mission} == {
        "Codéo Solutions",
        "Énergies Citoyennes Vals",
    }
    assert found.themes[0].code == "climate" and found.themes[0].count == 2
    assert "Agence Kiosque" in response.content.decode()


def test_building_twice_adds_nothing():
    call_command("demo")
    before = IndicatorMeasurement.objects.count()
    demo.build(Network.objects.get(slug=NETWORK_SLUG))
    assert IndicatorMeasurement.objects.count() == before
    assert Mission.objects.count() == 2
