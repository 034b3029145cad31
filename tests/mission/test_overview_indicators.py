"""The overview tells at a glance where the indicators stand: how many there
are, how many in each state, how many measurements are late and when the
next one is due."""

import re

import pytest
from django.utils import timezone

from levier.engine.mission.calendar import add_months
from levier.mission.models import IndicatorMeasurement
from tests.mission import core_data as d

pytestmark = pytest.mark.django_db


def _card(page: str) -> str:
    """The text of the overview's card about indicators."""
    match = re.search(r"<h3>(Indicateurs|Indicators)</h3>(.*?)</article>", page, re.S)
    assert match, "no card about indicators"
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", match.group(2)))


def test_the_overview_counts_indicators_by_state_and_late_measurements(client):
    company = d.company()
    today = timezone.localdate()
    operational = d.add_operational(d.add_objective(company.mission))
    reached = d.add_indicator(
        operational,
        name="Bouteilles consignées",
        baseline_on=add_months(today, -6),
        target_on=add_months(today, 12),
    )
    IndicatorMeasurement.objects.create(indicator=reached, on=add_months(today, -1), value=70)
    # Never measured, its first measurement was due a year ago.
    d.add_indicator(
        operational,
        name="Fûts réparés",
        baseline_on=add_months(today, -24),
        target_on=add_months(today, 12),
    )
    client.force_login(company.viewer)

    card = _card(client.get(d.url("mission", company.organisation)).content.decode())

    assert "2 indicateurs" in card
    assert "Atteint 1" in card
    assert "Pas encore de données 1" in card
    assert "1 mesure en retard" in card
    # The reached one, measured a month ago every year, is next due in 11 months.
    assert "Prochaine mesure attendue le" in card


def test_without_indicators_the_card_says_what_to_do(client):
    company = d.company()
    d.add_operational(d.add_objective(company.mission))
    client.force_login(company.viewer)

    page = client.get(d.url("mission", company.organisation), HTTP_ACCEPT_LANGUAGE="en")

    card = _card(page.content.decode())
    assert "No indicator yet: give each operational objective an indicator" in card
    assert "overdue" not in card
