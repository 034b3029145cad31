"""The committee's page: the governance, current and former members, the
meetings, the annual reports by year with their status, and when the next
one is due; without a mission, a way to the mission's tab."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from levier.accounts.models import OrgRole
from levier.mission import services
from levier.mission.models import CommitteeMeeting, Governance
from tests.factories import make_member
from tests.mission import committee_data as d

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def viewer(client, organisation):
    client.force_login(make_member(organisation, OrgRole.VIEWER))
    return client


def _page(client, organisation, **headers):
    return client.get(reverse("mission_committee", args=[organisation.slug]), **headers)


def test_without_a_mission_the_page_leads_to_the_mission(viewer, organisation):
    page = _page(viewer, organisation, **EN)
    text = page.content.decode()
    assert page.status_code == 200
    assert "No mission described yet" in text
    assert f'href="{reverse("mission", args=[organisation.slug])}"' in text


def test_members_meetings_and_reports(viewer, organisation):
    mission = d.mission(organisation, year_end_month=12)
    d.member(mission, "Claire Martin", employee=True, quality="Salariée")
    d.member(mission, "Ancien Membre", left_on=services.today() - timedelta(days=3))
    CommitteeMeeting.objects.create(
        mission=mission, held_on=date(2025, 11, 15), agenda="Préparer le rapport annuel"
    )
    d.report(mission, 2024, adopted_on=date(2025, 5, 20))
    d.report(mission, 2025)
    page = _page(viewer, organisation, **EN)
    assert [m.name for m in page.context["current"]] == ["Claire Martin"]
    assert [m.name for m in page.context["former"]] == ["Ancien Membre"]
    text = page.content.decode()
    assert "1 former member" in text
    assert "Préparer le rapport annuel" in text
    assert "Adopted on 20/05/2025" in text
    assert "Draft" in text
    due = services.report_due(mission)
    assert page.context["due"] == due
    assert f"The report of the financial year {due.year} is due" in text


def test_the_next_report_s_deadline_is_shown(viewer, organisation):
    mission = d.mission(organisation, published_on=date(2020, 1, 1))
    due = services.report_due(mission)
    text = _page(viewer, organisation, **EN).content.decode()
    deadline = f"{due.due_on.day} {due.due_on:%B %Y}"
    assert f"The report of the financial year {due.year} is due" in text
    assert deadline in text


def test_a_referent_s_page_speaks_of_the_referent(viewer, organisation):
    d.mission(organisation, governance=Governance.REFERENT, permanent_employees=12)
    page = _page(viewer, organisation, **EN)
    text = page.content.decode()
    assert "<h1>Mission referent</h1>" in text
    assert "L210-12" in text
    assert "No mission referent is named yet." in text


def test_the_page_in_french(viewer, organisation):
    d.mission(organisation)
    text = _page(viewer, organisation).content.decode()
    assert '<html lang="fr"' in text
    assert "L210-10" in text
