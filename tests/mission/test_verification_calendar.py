"""The verification page shows the next deadline of R210-21 II with the rule
that set it, each rule in turn, and an overdue deadline stands out."""

from datetime import date

import pytest
from django.urls import reverse

from levier.mission.models import Governance
from tests.factories import make_member, make_network_staff
from tests.mission.verification_data import fix_today, mission, verification

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    fix_today(monkeypatch)


def _page(client, organisation, **headers):
    response = client.get(reverse("mission_verification", args=[organisation.slug]), **headers)
    assert response.status_code == 200
    return response.content.decode()


def test_first_verification_within_18_months_of_the_publication(org_admin_client, organisation):
    mission(organisation, published_on=date(2025, 3, 1))

    page = _page(org_admin_client, organisation, HTTP_ACCEPT_LANGUAGE="en")

    assert "1 September 2026" in page
    assert "within 18 months of the publication" in page
    assert "Due within six months" in page
    assert "in 78 days" in page


def test_first_verification_within_24_months_with_a_referent(org_admin_client, organisation):
    mission(organisation, published_on=date(2024, 8, 31), governance=Governance.REFERENT)

    page = _page(org_admin_client, organisation, HTTP_ACCEPT_LANGUAGE="en")

    assert "31 August 2026" in page
    assert "within 24 months of the publication" in page


def test_then_every_two_years_after_the_last_verification(org_admin_client, organisation):
    m = mission(organisation, published_on=date(2023, 1, 10))
    verification(m, date(2024, 2, 29), employees=120)

    page = _page(org_admin_client, organisation, HTTP_ACCEPT_LANGUAGE="en")

    assert "28 February 2026" in page  # two years after a leap day
    assert "at least every two years" in page
    assert "may ask its verifier" not in page


def test_under_50_the_company_may_wait_three_years(org_admin_client, organisation):
    m = mission(organisation, published_on=date(2023, 1, 10), permanent_employees=30)
    verification(m, date(2025, 4, 1), employees=30)

    page = _page(org_admin_client, organisation, HTTP_ACCEPT_LANGUAGE="en")

    assert "1 April 2027" in page
    assert "only after three years, by 1 April 2028" in page
    assert reverse("mission_edit", args=[organisation.slug]) in page


def test_three_years_once_the_company_asked(org_admin_client, organisation):
    m = mission(organisation, published_on=date(2023, 1, 10), wait_three_years=True)
    verification(m, date(2025, 4, 1), employees=30)

    page = _page(org_admin_client, organisation, HTTP_ACCEPT_LANGUAGE="en")

    assert "1 April 2028" in page
    assert "Every three years, as the company asked its verifier" in page
    assert "On track" in page


def test_an_overdue_verification_stands_out(org_admin_client, organisation):
    mission(organisation, published_on=date(2024, 11, 15))  # due 15 May 2026

    page = _page(org_admin_client, organisation, HTTP_ACCEPT_LANGUAGE="en")

    assert '<span class="badge badge-danger">Overdue</span>' in page
    assert "31 days late" in page
    assert 'class="overdue"' in page


def test_in_french_by_default(org_admin_client, organisation):
    mission(organisation, published_on=date(2024, 11, 15))

    page = _page(org_admin_client, organisation)

    assert "15 mai 2026" in page


def test_past_verifications_are_listed_with_their_documents(
    org_admin_client, organisation, org_admin
):
    m = mission(organisation, published_on=date(2023, 1, 10))
    past = verification(m, date(2024, 6, 3), employees=75, verifier="Certif Nord")
    document = past.documents.create(
        original_name="avis 2024.pdf", size=10, uploaded_by=org_admin, file="mission/x.pdf"
    )

    page = _page(org_admin_client, organisation, HTTP_ACCEPT_LANGUAGE="en")

    assert "3 June 2024" in page and "Certif Nord" in page and ">75<" in page
    assert reverse("mission_verification_document", args=[organisation.slug, document.pk]) in page
    assert "3 June 2026" in page  # the next one, two years later


def test_without_publication_date_the_page_says_where_the_clock_starts(
    org_admin_client, organisation
):
    mission(organisation, published_on=None)

    page = _page(org_admin_client, organisation, HTTP_ACCEPT_LANGUAGE="en")

    assert "The calendar starts at the publication" in page
    assert reverse("mission_edit", args=[organisation.slug]) in page


def test_without_mission_the_page_leads_to_it(org_admin_client, organisation):
    page = _page(org_admin_client, organisation, HTTP_ACCEPT_LANGUAGE="en")

    assert "No mission described yet" in page
    assert f'href="{reverse("mission", args=[organisation.slug])}"' in page


def test_viewers_read_without_the_buttons_to_write(client, organisation):
    mission(organisation, published_on=date(2025, 3, 1))
    client.force_login(make_member(organisation, "viewer"))

    page = _page(client, organisation, HTTP_ACCEPT_LANGUAGE="en")

    assert "1 September 2026" in page
    assert reverse("mission_verification_new", args=[organisation.slug]) not in page
    assert reverse("mission_verification_file", args=[organisation.slug]) in page


def test_the_networks_staff_never_reach_the_page(client, network, organisation):
    mission(organisation)
    client.force_login(make_network_staff(network))

    response = client.get(reverse("mission_verification", args=[organisation.slug]))

    assert response.status_code == 404
