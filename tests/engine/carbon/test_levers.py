"""Reduction levers, computed from the inventory's own lines."""

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from levier.engine.carbon import units
from levier.engine.carbon.footprint import Emission, Line, line_emission
from levier.engine.carbon.levers import Cut, Switch, reduction
from tests.engine.carbon.strategies import inventories

PROPERTY = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

CAR_KG_PER_KM = 0.218  # average car, per vehicle.km
TRAIN_KG_PER_PKM = 0.0029  # high-speed train, per passenger.km
FLIGHT_KG_PER_PKM = 0.178

CAR_TRIPS = Line("car", "business_travel", 10_000, "km", CAR_KG_PER_KM, "km", 0.2, 0.05)
FLIGHTS = Line(
    "flights", "business_travel", 9_800, "passenger_km", FLIGHT_KG_PER_PKM, "passenger_km"
)
GAS = Line("gas", "fuel_buildings", 42_000, "kWh_PCS", 0.227, "kWh_PCS", 0.1, 0.05)
OIL = Line("oil", "fuel_buildings", 1.5, "m3", 3.25, "L", 0.1, 0.05)
INVENTORY = [CAR_TRIPS, FLIGHTS, GAS, OIL]


def test_cut_takes_the_share_of_the_posts_lines():
    saved = reduction(INVENTORY, Cut("fuel_buildings", 0.15))
    assert saved.kg == pytest.approx(0.15 * (42_000 * 0.227 + 1_500 * 3.25))


def test_cut_of_only_some_lines():
    saved = reduction(INVENTORY, Cut("fuel_buildings", 0.5, applies_to=lambda ln: ln.key == "gas"))
    assert saved.kg == pytest.approx(0.5 * 42_000 * 0.227)
    assert saved.uncertainty_kg == pytest.approx(0.5 * line_emission(GAS).uncertainty_kg)


def test_switch_car_km_to_train_passenger_km():
    """30 % of car travel by train: the car's km for that share, one traveller
    per car, counted as the train's passenger.km."""
    lever = Switch(
        "business_travel", 0.3, TRAIN_KG_PER_PKM, "passenger_km",
        applies_to=lambda ln: ln.key == "car",
    )  # fmt: skip
    saved = reduction(INVENTORY, lever)
    assert saved.kg == pytest.approx(
        0.3 * 10_000 * CAR_KG_PER_KM - 0.3 * 10_000 * TRAIN_KG_PER_PKM
    )


def test_switch_flights_to_train_in_the_same_unit():
    lever = Switch(
        "business_travel", 0.5, TRAIN_KG_PER_PKM, "passenger_km",
        applies_to=lambda ln: ln.key == "flights",
    )  # fmt: skip
    saved = reduction(INVENTORY, lever)
    assert saved.kg == pytest.approx(0.5 * 9_800 * (FLIGHT_KG_PER_PKM - TRAIN_KG_PER_PKM))


def test_switch_converts_to_the_alternatives_unit():
    """Heating oil (factor per litre) to a fuel whose factor is per m³."""
    saved = reduction([OIL], Switch("fuel_buildings", 1.0, 1_000.0, "m3"))
    assert saved.kg == pytest.approx(1_500 * 3.25 - 1.5 * 1_000.0)


def test_a_switch_to_something_that_emits_more_saves_nothing():
    lever = Switch("business_travel", 0.4, 1.0, "passenger_km")
    assert reduction(INVENTORY, lever) == Emission(0.0, 0.0)


def test_a_switch_across_incompatible_units_is_refused():
    with pytest.raises(units.UnitMismatch) as refused:
        reduction([GAS], Switch("fuel_buildings", 0.5, 0.05, "kWh"))
    assert (refused.value.from_unit, refused.value.to_unit) == ("kWh_PCS", "kWh")


@pytest.mark.parametrize("share", [-0.1, 1.01, 5, math.nan])
def test_a_share_outside_zero_to_one_is_refused(share):
    with pytest.raises(ValueError, match="between 0 and 1"):
        reduction(INVENTORY, Cut("fuel_buildings", share))
    with pytest.raises(ValueError, match="between 0 and 1"):
        reduction(INVENTORY, Switch("business_travel", share, TRAIN_KG_PER_PKM, "passenger_km"))


def test_nothing_matching_saves_nothing():
    assert reduction(INVENTORY, Cut("waste", 0.5)) == Emission(0.0, 0.0)
    assert reduction([], Switch("commuting", 0.5, 0.0, "passenger_km")) == Emission(0.0, 0.0)


@PROPERTY
@given(inventories(max_size=15), st.floats(0, 1), st.data())
def test_a_cut_is_its_share_of_the_post_never_more(lines, share, data):
    post = data.draw(st.sampled_from(sorted({ln.post for ln in lines}) or ["waste"]))
    saved = reduction(lines, Cut(post, share))
    whole = math.fsum(line_emission(ln).kg for ln in lines if ln.post == post)
    assert saved.kg == pytest.approx(share * whole, rel=1e-9, abs=1e-9)
    assert 0 <= saved.kg <= whole * (1 + 1e-9) + 1e-9


@PROPERTY
@given(
    st.floats(0, 1e6), st.floats(0, 2), st.floats(0, 1), st.floats(0, 2), st.floats(0, 1)
)  # fmt: skip
def test_a_switch_never_saves_more_than_the_share_nor_less_than_nothing(
    km, car_factor, share, to_factor, uncertainty
):
    line = Line("car", "commuting", km, "km", car_factor, "km", uncertainty)
    saved = reduction([line], Switch("commuting", share, to_factor, "passenger_km", uncertainty))
    assert saved.kg >= 0
    assert saved.kg <= share * line_emission(line).kg * (1 + 1e-9) + 1e-9
    if to_factor >= car_factor:
        assert saved == Emission(0.0, 0.0)
