"""A form sent with a required field left empty says, in the user's words,
what is missing (not a generic "this field is required"), and keeps what
was typed: a measurement without its value, a member without a name, a
meeting without a date, a verifier's opinion without its date or
conclusion."""

import pytest

from levier.mission.models import (
    CommitteeMeeting,
    CommitteeMember,
    IndicatorMeasurement,
    Verification,
)
from tests.mission import core_data as d

pytestmark = pytest.mark.django_db

GENERIC = "Ce champ est obligatoire."


@pytest.fixture
def company():
    return d.company()


def _post(client, company, url, data):
    client.force_login(company.contributor)
    response = client.post(url, data)
    assert response.status_code in (200, 400)  # the form again, not a redirect
    return response.content.decode()


def test_a_measurement_without_its_value(client, company):
    indicator = d.add_indicator(d.add_operational(d.add_objective(company.mission)))
    page = _post(
        client,
        company,
        d.url("mission_indicator", company.organisation, indicator.pk),
        {"on": "2026-01-15", "value": "", "source": "Registre des ventes"},
    )
    assert "Indiquez la valeur mesurée." in page
    assert GENERIC not in page
    assert 'value="Registre des ventes"' in page
    assert not IndicatorMeasurement.objects.exists()


def test_a_member_without_a_name(client, company):
    page = _post(
        client,
        company,
        d.url("mission_member_new", company.organisation),
        {"name": "", "quality": "cliente", "is_employee": "on"},
    )
    assert "Indiquez le nom du membre." in page
    assert GENERIC not in page
    assert 'value="cliente"' in page
    assert not CommitteeMember.objects.exists()


def test_a_meeting_without_a_date(client, company):
    page = _post(
        client,
        company,
        d.url("mission_meeting_new", company.organisation),
        {"held_on": "", "place": "Salle du port", "agenda": "Point annuel"},
    )
    assert "Indiquez la date de la réunion." in page
    assert GENERIC not in page
    assert "Point annuel" in page and 'value="Salle du port"' in page
    assert not CommitteeMeeting.objects.exists()


def test_an_opinion_without_its_date_or_conclusion(client, company):
    page = _post(
        client,
        company,
        d.url("mission_verification_new", company.organisation),
        {"done_on": "", "verifier": "Certa Mission", "conclusion": "", "opinion": "Sincère."},
    )
    assert "Indiquez la date de l’avis de l’OTI." in page
    assert "Choisissez la conclusion de l’OTI." in page
    assert GENERIC not in page
    assert 'value="Certa Mission"' in page and "Sincère." in page
    assert not Verification.objects.exists()
