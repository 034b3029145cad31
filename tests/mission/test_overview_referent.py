"""With a mission referent instead of a committee, the overview speaks of
the referent: named or not, and the referent's annual report."""

import pytest

from levier.mission.models import CommitteeMember, Governance
from tests.mission import core_data as d

pytestmark = pytest.mark.django_db


def test_the_overview_speaks_of_the_referent(client):
    company = d.company()
    company.mission.governance = Governance.REFERENT
    company.mission.permanent_employees = 12
    company.mission.save()
    CommitteeMember.objects.create(mission=company.mission, name="Rémi Référent", is_employee=True)
    client.force_login(company.viewer)

    page = client.get(d.url("mission", company.organisation)).content.decode()

    assert "Le référent de mission est désigné." in page
    assert "Le rapport du référent de mission sur" in page
    assert "La composition est conforme." not in page
    assert "Le rapport du comité sur" not in page
    assert "Les rapports du référent de mission" in page
    assert "Les rapports du comité" not in page


def test_a_committee_keeps_its_own_words(client):
    company = d.company()
    CommitteeMember.objects.create(mission=company.mission, name="Sam Salarié", is_employee=True)
    client.force_login(company.viewer)

    page = client.get(d.url("mission", company.organisation)).content.decode()

    assert "La composition est conforme." in page
    assert "Le rapport du comité sur" in page
    assert "Les rapports du comité" in page
