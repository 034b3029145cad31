"""The committee's annual report: one per financial year (the last closed
one offered first; an existing year is refused with a way to it), its page
where the committee writes its opinion and the date it adopted the report,
with a preview of what the PDF contains."""

from datetime import date

import pytest
from django.urls import reverse

from levier.accounts.models import OrgRole
from levier.mission import annual_report
from levier.mission.models import CommitteeReport
from tests.factories import make_member, make_organisation
from tests.mission import committee_data as d

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def contributor(client, organisation):
    client.force_login(make_member(organisation, OrgRole.CONTRIBUTOR))
    return client


def _url(name, organisation, *args):
    return reverse(name, args=[organisation.slug, *args])


def test_the_last_closed_year_is_offered_first(contributor, organisation):
    mission = d.mission(organisation, year_end_month=6)
    page = contributor.get(_url("mission_report_new", organisation))
    expected = annual_report.default_year(mission)
    assert page.context["form"].initial["year"] == expected
    # A year closing in June: the last closed one ended on 30 June.
    assert annual_report.year_bounds(mission, expected)[1] == date(expected, 6, 30)
    assert annual_report.year_bounds(mission, expected)[0] == date(expected - 1, 7, 1)
    assert annual_report.default_year(mission, date(2026, 6, 30)) == 2025
    assert annual_report.default_year(mission, date(2026, 7, 1)) == 2026


def test_a_report_is_started_for_a_year(contributor, organisation):
    mission = d.mission(organisation)
    response = contributor.post(_url("mission_report_new", organisation), {"year": "2024"})
    report = CommitteeReport.objects.get(mission=mission)
    assert report.year == 2024
    assert response["Location"] == _url("mission_report", organisation, report.pk)


def test_a_year_with_a_report_is_refused_with_a_way_to_it(contributor, organisation):
    mission = d.mission(organisation)
    existing = d.report(mission, 2024)
    response = contributor.post(_url("mission_report_new", organisation), {"year": "2024"}, **EN)
    assert response.status_code == 400
    text = response.content.decode()
    assert "The report of the financial year 2024 already exists: open it to go on." in text
    assert f'href="{_url("mission_report", organisation, existing.pk)}"' in text
    assert CommitteeReport.objects.filter(mission=mission).count() == 1


def test_a_year_outside_the_choices_is_refused(contributor, organisation):
    mission = d.mission(organisation)
    response = contributor.post(_url("mission_report_new", organisation), {"year": "1990"}, **EN)
    assert response.status_code == 400
    assert "Select a valid choice." in response.content.decode()
    assert not CommitteeReport.objects.filter(mission=mission).exists()


def test_the_committee_writes_its_opinion_and_adopts_the_report(contributor, organisation):
    mission = d.one_objective(organisation)
    report = d.report(mission)
    url = _url("mission_report", organisation, report.pk)
    page = contributor.get(url, **EN)
    text = page.content.decode()
    # The preview shows the year's data the PDF holds.
    assert "Émissions du chauffage" in text
    assert "12.5" in text  # the value measured in 2025, not the one of 2026
    assert ">99<" not in text
    assert "Isoler les combles" in text and "Action de 2024" not in text
    opinion = "Le comité salue les progrès.\nIl demande un suivi trimestriel."
    response = contributor.post(url, {"opinion": opinion, "adopted_on": "2026-04-02"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.opinion == opinion
    assert report.adopted_on == date(2026, 4, 2)
    committee = contributor.get(_url("mission_committee", organisation), **EN)
    assert "Adopted on 02/04/2026" in committee.content.decode()


def test_a_report_cannot_be_adopted_before_its_year_begins(contributor, organisation):
    report = d.report(d.mission(organisation), 2025)
    url = _url("mission_report", organisation, report.pk)
    response = contributor.post(url, {"opinion": "Texte gardé", "adopted_on": "2024-06-01"}, **EN)
    assert response.status_code == 400
    text = response.content.decode()
    assert "cannot be adopted before that year begins" in text
    assert "Texte gardé" in text
    report.refresh_from_db()
    assert report.opinion == "" and report.adopted_on is None


def test_viewers_read_the_report_but_change_nothing(client, organisation):
    report = d.report(d.mission(organisation), 2025, opinion="Avis lisible")
    client.force_login(make_member(organisation, OrgRole.VIEWER))
    url = _url("mission_report", organisation, report.pk)
    page = client.get(url)
    assert page.context["form"] is None
    assert "Avis lisible" in page.content.decode()
    assert client.post(url, {"opinion": "Changé"}).status_code == 404
    assert client.get(_url("mission_report_new", organisation)).status_code == 404
    report.refresh_from_db()
    assert report.opinion == "Avis lisible"


def test_another_company_s_report_is_not_found(contributor, organisation):
    other = make_organisation(organisation.network, name="Voisine")
    theirs = d.report(d.mission(other), 2025)
    ours = d.report(d.mission(organisation), 2025)
    assert contributor.get(_url("mission_report", organisation, theirs.pk)).status_code == 404
    assert contributor.get(_url("mission_report_pdf", organisation, theirs.pk)).status_code == 404
    assert contributor.get(_url("mission_report", organisation, ours.pk)).status_code == 200
