"""The demo's carbon inventories: a few members over two years, the showcase
with a locked and a draft inventory, a survey counted, reductions in plans,
nothing for Atelier Boisvert; the same on every run."""

import re
from pathlib import Path

import pytest

from levier.accounts import demo as people
from levier.assessments.demo import demo_year
from levier.carbon import demo, levers
from levier.carbon.commuting import FACTOR_KEYS
from levier.carbon.models import (
    CarbonReduction,
    CommutingSurvey,
    EmissionFactor,
    Inventory,
    InventoryLine,
)
from levier.engine.carbon.footprint import Line, line_emission

pytestmark = pytest.mark.django_db

# Every key the demo uses, with a unit and a value written here: the test does
# not depend on the shipped values.
KEYS = sorted(
    set(re.findall(r'"([a-z0-9]+(?:-[a-z0-9]+)+)"', Path(demo.__file__).read_text()))
    - {lever for *_, lever, share, status in demo.REDUCTIONS}
    | set(FACTOR_KEYS.values())
)
UNITS = {
    "kwh-pcs": "kWh_PCS",
    "litre": "L",
    "kg": "kg",
    "kwh": "kWh",
    "keur": "kEUR",
    "tonne": "t",
    "item": "item",
    "passenger-km": "passenger_km",
    "t-km": "t_km",
    "tkm": "t_km",
    "km": "km",
    "r404a": "kg",
    "r410a": "kg",
    "r32": "kg",
    "r134a": "kg",
    "france": "kWh",
    "goods": "kEUR",
    "services": "kEUR",
    "night": "item",
}


def unit_of(key):
    for suffix, unit in UNITS.items():
        if key.endswith(suffix):
            return unit
    raise AssertionError(key)


@pytest.fixture
def network(db):
    EmissionFactor.objects.filter(network__isnull=True, key__in=KEYS).delete()
    for index, key in enumerate(KEYS):
        EmissionFactor.objects.create(
            key=key, name_fr=key, unit=unit_of(key), value=0.1 + index, source="other"
        )
    return people.build()


def snapshot():
    return (
        sorted(
            Inventory.objects.values_list(
                "organisation__name", "year", "status", "headcount", "locked_at"
            )
        ),
        sorted(
            InventoryLine.objects.values_list(
                "inventory__organisation__name",
                "inventory__year",
                "label",
                "quantity",
                "unit",
                "factor__key",
                "data_quality",
                "from_survey",
            )
        ),
        sorted(CarbonReduction.objects.values_list("action__title", "projected_kg", "share")),
    )


def test_the_demo_builds_two_years_for_a_few_members(network):
    demo.build(network)

    year = demo_year()
    inventories = Inventory.objects.select_related("organisation")
    members = {i.organisation.name for i in inventories}
    assert len(members) >= 5  # enough for the network's anonymous figures
    assert set(inventories.values_list("year", flat=True)) == {year - 2, year - 1}
    assert not inventories.filter(organisation__name="Atelier Boisvert").exists()
    showcase = {i.year: i for i in inventories if i.organisation.name == demo.SHOWCASE}
    assert showcase[year - 2].is_locked and not showcase[year - 1].is_locked
    assert all(i.is_locked for i in inventories if i.organisation.name != demo.SHOWCASE)
    for inventory in inventories:
        assert inventory.headcount == inventory.organisation.headcount
        assert inventory.lines.count() >= 5

    survey = CommutingSurvey.objects.get(inventory=showcase[year - 1])
    assert 10 <= survey.answers.count() <= 14
    counted = InventoryLine.objects.filter(inventory=showcase[year - 1], from_survey=True)
    assert counted.exists()
    assert set(counted.values_list("data_quality", flat=True)) == {"extrapolated"}
    assert not showcase[year - 1].lines.filter(post="commuting", from_survey=False).exists()


def test_reductions_are_computed_from_the_inventorys_own_lines(network):
    demo.build(network)

    reductions = CarbonReduction.objects.select_related("action", "inventory")
    assert reductions.count() >= 2
    for reduction in reductions:
        assert reduction.action.organisation_id == reduction.inventory.organisation_id
        assert reduction.action.owner_id
        assert levers.get(reduction.lever).post == reduction.post
        expected = sum(
            line_emission(
                Line(
                    key=line.pk,
                    post=line.post,
                    quantity=line.quantity,
                    unit=line.unit,
                    factor_value=line.factor.value,
                    factor_unit=line.factor.unit,
                )
            ).kg
            for line in reduction.inventory.lines.filter(post=reduction.post)
        )
        assert reduction.projected_kg == pytest.approx(expected * reduction.share, abs=0.1)
        assert reduction.projected_kg > 0


def test_the_demo_is_the_same_on_every_run(network):
    demo.build(network)
    first = snapshot()
    Inventory.objects.all().delete()
    CarbonReduction.objects.all().delete()
    from levier.plans.models import Action

    Action.objects.all().delete()

    demo.build(network)

    assert snapshot() == first
