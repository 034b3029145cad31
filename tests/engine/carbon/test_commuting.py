"""The commuting survey's arithmetic: km by mode, shares, scaling, potentials."""

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from levier.engine.carbon import commuting
from levier.engine.carbon.commuting import Answer, summarise

PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

WEEKS = 45
ANSWERS = [
    Answer(distance_km=18, mode="car", days_on_site=5),
    Answer(distance_km=25, mode="car", days_on_site=3, remote_days=2),
    Answer(distance_km=30, mode="carpool", days_on_site=4, remote_days=1),
    Answer(distance_km=12, mode="train", days_on_site=2, remote_days=3),
    Answer(distance_km=4, mode="bike", days_on_site=5),
    Answer(distance_km=6, mode="bus", days_on_site=1, remote_days=4),
    Answer(distance_km=1.5, mode="walk", days_on_site=5),
]
# One person's year, there and back on each day on site.
CAR_1 = 2 * 18 * 5 * WEEKS
CAR_2 = 2 * 25 * 3 * WEEKS
CARPOOL = 2 * 30 * 4 * WEEKS
TRAIN = 2 * 12 * 2 * WEEKS
BIKE = 2 * 4 * 5 * WEEKS
BUS = 2 * 6 * 1 * WEEKS
WALK = 2 * 1.5 * 5 * WEEKS
TRAVELLED = CAR_1 + CAR_2 + CARPOOL + TRAIN + BIKE + BUS + WALK
# A car-pooler counts half the shared car's km (two people per car).
COUNTED = CAR_1 + CAR_2 + CARPOOL / 2 + TRAIN + BIKE + BUS + WALK


def test_km_and_shares_by_mode_when_everyone_answered():
    result = summarise(ANSWERS, WEEKS, headcount=7)
    assert result.scale == 1 and not result.extrapolated
    by_mode = {f.mode: f for f in result.modes}
    assert [f.mode for f in result.modes] == ["car", "carpool", "bus", "train", "bike", "walk"]
    assert by_mode["car"].people == 2
    assert by_mode["car"].people_share == pytest.approx(2 / 7)
    assert by_mode["car"].travelled_km == pytest.approx(CAR_1 + CAR_2)
    assert by_mode["car"].km == pytest.approx(CAR_1 + CAR_2)
    assert by_mode["carpool"].travelled_km == pytest.approx(CARPOOL)
    assert by_mode["carpool"].km == pytest.approx(CARPOOL / 2)
    assert by_mode["train"].km_share == pytest.approx(TRAIN / TRAVELLED)
    assert by_mode["walk"].km == pytest.approx(WALK)
    assert result.travelled_km == pytest.approx(TRAVELLED)
    assert result.km == pytest.approx(COUNTED)
    assert result.km_by_mode == pytest.approx(
        {"car": CAR_1 + CAR_2, "carpool": CARPOOL / 2, "bus": BUS, "train": TRAIN,
         "bike": BIKE, "walk": WALK}
    )  # fmt: skip


def test_fewer_answers_than_people_are_scaled_to_the_headcount():
    result = summarise(ANSWERS, WEEKS, headcount=21)
    assert result.scale == pytest.approx(3) and result.extrapolated
    assert result.travelled_km == pytest.approx(3 * TRAVELLED)
    assert result.km == pytest.approx(3 * COUNTED)
    car = next(f for f in result.modes if f.mode == "car")
    assert car.people == 2  # answers, never scaled
    assert car.km_share == pytest.approx((CAR_1 + CAR_2) / TRAVELLED)


@pytest.mark.parametrize("headcount", [None, 0, 5, 7])
def test_nobody_is_scaled_down(headcount):
    assert summarise(ANSWERS, WEEKS, headcount=headcount).scale == 1


def test_remote_potential_one_more_day_for_those_coming_twice_or_more_by_motor():
    result = summarise(ANSWERS, WEEKS, headcount=14)
    # Concerned: the two drivers, the car-pooler and the train user (2 days);
    # not the bus user (1 day), nor the cyclist and the walker.
    one_day = {
        "car": 2 * 18 * WEEKS + 2 * 25 * WEEKS,
        "carpool": 2 * 30 * WEEKS / 2,
        "train": 2 * 12 * WEEKS,
    }
    assert result.remote.people == 4
    assert dict(result.remote.km_by_mode) == pytest.approx(
        {m: 2 * km for m, km in one_day.items()}
    )
    assert result.remote.km == pytest.approx(2 * sum(one_day.values()))
    assert result.remote.share == pytest.approx(sum(one_day.values()) / COUNTED)
    factors = {"car": 0.218, "carpool": 0.218, "train": 0.0277, "bus": 0.113}
    assert result.remote.kg(factors) == pytest.approx(
        2 * (one_day["car"] * 0.218 + one_day["carpool"] * 0.218 + one_day["train"] * 0.0277)
    )


def test_carpool_potential_pairs_the_solo_drivers():
    result = summarise(ANSWERS, WEEKS)
    assert result.carpool.people == 2
    assert result.carpool.km == pytest.approx((CAR_1 + CAR_2) / 2)
    assert result.carpool.share == pytest.approx((CAR_1 + CAR_2) / 2 / COUNTED)
    assert result.carpool.kg({"car": 0.218}) == pytest.approx((CAR_1 + CAR_2) / 2 * 0.218)
    nearer = summarise(ANSWERS, WEEKS, carpool_min_km=20)
    assert nearer.carpool.people == 1
    assert nearer.carpool.km == pytest.approx(CAR_2 / 2)


def test_the_years_emissions_from_the_modes_factors():
    factors = {"car": 0.218, "carpool": 0.218, "bus": 0.113, "train": 0.0277}
    result = summarise(ANSWERS, WEEKS)
    assert result.kg(factors) == pytest.approx(
        (CAR_1 + CAR_2) * 0.218 + CARPOOL / 2 * 0.218 + BUS * 0.113 + TRAIN * 0.0277
    )


def test_no_answer_no_figure():
    result = summarise([], WEEKS, headcount=12)
    assert result.modes == () and result.km == 0 and result.travelled_km == 0
    assert result.remote.km == 0 and result.remote.share == 0 and result.remote.people == 0
    assert result.carpool.km == 0 and result.carpool.kg({"car": 0.2}) == 0


@pytest.mark.parametrize(
    "answer",
    [
        {"distance_km": 10, "mode": "rocket", "days_on_site": 3},
        {"distance_km": -1, "mode": "car", "days_on_site": 3},
        {"distance_km": math.inf, "mode": "car", "days_on_site": 3},
        {"distance_km": 10, "mode": "car", "days_on_site": 8},
        {"distance_km": 10, "mode": "car", "days_on_site": 3, "remote_days": -1},
    ],
)
def test_impossible_answers_are_refused(answer):
    with pytest.raises(ValueError):
        Answer(**answer)


@pytest.mark.parametrize("weeks", [-1, 54])
def test_impossible_weeks_are_refused(weeks):
    with pytest.raises(ValueError):
        summarise(ANSWERS, weeks)


answers = st.builds(
    Answer,
    distance_km=st.floats(0, 300),
    mode=st.sampled_from(commuting.MODES),
    days_on_site=st.integers(0, 7),
    remote_days=st.integers(0, 7),
)


def close(a, b, scale):
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9 * scale + 1e-9)


@PROPERTY
@given(st.lists(answers, max_size=40), st.integers(0, 52), st.none() | st.integers(0, 200))
def test_invariants(answers_, weeks, headcount):
    result = summarise(answers_, weeks, headcount)
    scale = result.travelled_km
    assert result.scale >= 1
    assert close(math.fsum(f.travelled_km for f in result.modes), result.travelled_km, scale)
    assert close(math.fsum(result.km_by_mode.values()), result.km, scale)
    assert result.km <= result.travelled_km * (1 + 1e-9)
    assert sum(f.people for f in result.modes) == len(answers_)
    if answers_:
        assert close(math.fsum(f.people_share for f in result.modes), 1, 1)
    if result.travelled_km > 0:
        assert close(math.fsum(f.km_share for f in result.modes), 1, 1)
    for potential in (result.remote, result.carpool):
        assert 0 <= potential.km <= result.km * (1 + 1e-9) + 1e-9
        assert 0 <= potential.share <= 1 + 1e-9
        for mode, km in potential.km_by_mode.items():
            assert km <= result.km_by_mode[mode] * (1 + 1e-9) + 1e-9
    assert result.carpool.km <= result.km_by_mode.get("car", 0) / 2 * (1 + 1e-9) + 1e-9
    assert set(result.remote.km_by_mode) <= commuting.MOTORISED
    # The scale multiplies every km: the same answers unscaled, times the scale.
    unscaled = summarise(answers_, weeks)
    assert close(result.km, unscaled.km * result.scale, result.km)
    assert close(result.remote.km, unscaled.remote.km * result.scale, result.km)


@PROPERTY
@given(st.lists(answers, min_size=1, max_size=20), st.randoms(), st.integers(1, 52))
def test_the_order_of_answers_changes_nothing(answers_, rng, weeks):
    shuffled = list(answers_)
    rng.shuffle(shuffled)
    a, b = summarise(answers_, weeks, 50), summarise(shuffled, weeks, 50)
    assert [f.mode for f in a.modes] == [f.mode for f in b.modes]
    assert close(a.km, b.km, a.km)
    assert close(a.remote.km, b.remote.km, a.km)
    assert a.remote.people == b.remote.people


@PROPERTY
@given(answers, st.integers(1, 52))
def test_staying_home_travels_nothing(answer, weeks):
    home = Answer(answer.distance_km, answer.mode, 0, answer.remote_days)
    result = summarise([home], weeks)
    assert result.km == 0 and result.remote.km == 0 and result.carpool.km == 0
