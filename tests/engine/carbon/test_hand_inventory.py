"""A small company's year, computed by hand line by line.

The factor values are written here, in the range of the Base Carbone /
Base Empreinte values Levier ships (kgCO2e per unit); the expected totals are
plain arithmetic on the numbers below, not read from the engine.
"""

import math

import pytest

from levier.engine.carbon.footprint import Line, compute

# key: post, quantity, unit typed, factor kgCO2e, factor unit, factor ±, data ±, years
ROWS = {
    "gas": ("fuel_buildings", 42_000, "kWh_PCS", 0.227, "kWh_PCS", 0.10, 0.05, 1),
    "heating_oil": ("fuel_buildings", 1_500, "L", 3.25, "L", 0.10, 0.05, 1),
    "diesel": ("fuel_vehicles", 8_200, "L", 3.17, "L", 0.10, 0.05, 1),
    "petrol": ("fuel_vehicles", 2.5, "m3", 2.80, "L", 0.10, 0.30, 1),
    "r410a": ("refrigerants", 1.2, "kg", 2_088, "kg", 0.30, 0.30, 1),
    "electricity": ("electricity", 85, "MWh", 0.052, "kWh", 0.10, 0.05, 1),
    "heat": ("heat_network", 12_000, "kWh", 0.117, "kWh", 0.20, 0.05, 1),
    "supplies": ("purchased_goods", 18_500, "EUR", 370, "kEUR", 0.50, 0.05, 1),
    "paper": ("purchased_goods", 0.8, "t", 0.919, "kg", 0.30, 0.05, 1),
    "services": ("purchased_services", 45, "kEUR", 110, "kEUR", 0.50, 0.05, 1),
    "laptops": ("fixed_assets", 12, "item", 156, "item", 0.50, 0.05, 4),
    "freight_in": ("freight_in", 34_000, "t_km", 0.112, "t_km", 0.20, 0.30, 1),
    "freight_out": ("freight_out", 21_000, "t_km", 0.0905, "t_km", 0.20, 0.30, 1),
    "train": ("business_travel", 6_400, "passenger_km", 0.0029, "passenger_km", 0.20, 0.05, 1),
    "flights": ("business_travel", 9_800, "passenger_km", 0.178, "passenger_km", 0.50, 0.05, 1),
    "commuting": ("commuting", 62_000, "km", 0.218, "km", 0.20, 0.50, 1),
    "waste": ("waste", 3.4, "t", 95, "t", 0.50, 0.30, 1),
}

# Each line by hand, in kgCO2e, its quantity converted to the factor's unit.
GAS = 42_000 * 0.227
HEATING_OIL = 1_500 * 3.25
DIESEL = 8_200 * 3.17
PETROL = 2_500 * 2.80  # 2.5 m³ = 2,500 L
R410A = 1.2 * 2_088
ELECTRICITY = 85_000 * 0.052  # 85 MWh = 85,000 kWh
HEAT = 12_000 * 0.117
SUPPLIES = 18.5 * 370  # 18,500 EUR = 18.5 k€
PAPER = 800 * 0.919  # 0.8 t = 800 kg
SERVICES = 45 * 110
LAPTOPS = 12 * 156 / 4  # spread over 4 years
FREIGHT_IN = 34_000 * 0.112
FREIGHT_OUT = 21_000 * 0.0905
TRAIN = 6_400 * 0.0029
FLIGHTS = 9_800 * 0.178
COMMUTING = 62_000 * 0.218
WASTE = 3.4 * 95

HAND = {
    "gas": GAS,
    "heating_oil": HEATING_OIL,
    "diesel": DIESEL,
    "petrol": PETROL,
    "r410a": R410A,
    "electricity": ELECTRICITY,
    "heat": HEAT,
    "supplies": SUPPLIES,
    "paper": PAPER,
    "services": SERVICES,
    "laptops": LAPTOPS,
    "freight_in": FREIGHT_IN,
    "freight_out": FREIGHT_OUT,
    "train": TRAIN,
    "flights": FLIGHTS,
    "commuting": COMMUTING,
    "waste": WASTE,
}

SCOPE_1 = GAS + HEATING_OIL + DIESEL + PETROL + R410A
SCOPE_2 = ELECTRICITY + HEAT
SCOPE_3 = (
    SUPPLIES + PAPER + SERVICES + LAPTOPS + FREIGHT_IN + FREIGHT_OUT
    + TRAIN + FLIGHTS + COMMUTING + WASTE
)  # fmt: skip
TOTAL = SCOPE_1 + SCOPE_2 + SCOPE_3


@pytest.fixture(scope="module")
def result():
    return compute(
        Line(key, post, quantity, unit, value, factor_unit, f_unc, d_unc, years)
        for key, (post, quantity, unit, value, factor_unit, f_unc, d_unc, years) in ROWS.items()
    )


def approx(value):
    return pytest.approx(value, rel=1e-12, abs=1e-12)


def test_each_line(result):
    assert {key: e.kg for key, e in result.lines.items()} == approx(HAND)


def test_totals_by_scope(result):
    assert result.by_scope[1].kg == approx(SCOPE_1)
    assert result.by_scope[2].kg == approx(SCOPE_2)
    assert result.by_scope[3].kg == approx(SCOPE_3)
    assert result.total.kg == approx(TOTAL)
    assert result.total.tonnes == approx(TOTAL / 1000)


def test_totals_by_beges_post(result):
    expected = {
        "1.1": GAS + HEATING_OIL,
        "1.2": DIESEL + PETROL,
        "1.4": R410A,
        "2.1": ELECTRICITY,
        "2.2": HEAT,
        "3.1": FREIGHT_IN,
        "3.2": FREIGHT_OUT,
        "3.3": COMMUTING,
        "3.5": TRAIN + FLIGHTS,
        "4.1": SUPPLIES + PAPER,
        "4.2": LAPTOPS,
        "4.3": WASTE,
        "4.5": SERVICES,
    }
    assert {code: e.kg for code, e in result.by_beges.items() if e.kg} == approx(expected)
    assert len(result.by_beges) == 22
    assert all(e.kg == 0 for code, e in result.by_beges.items() if code not in expected)


def test_totals_by_beges_category(result):
    assert {c: e.kg for c, e in result.by_beges_category.items()} == approx(
        {
            1: GAS + HEATING_OIL + DIESEL + PETROL + R410A,
            2: ELECTRICITY + HEAT,
            3: FREIGHT_IN + FREIGHT_OUT + COMMUTING + TRAIN + FLIGHTS,
            4: SUPPLIES + PAPER + LAPTOPS + WASTE + SERVICES,
            5: 0,
            6: 0,
        }
    )


def test_totals_by_ghg_protocol_category(result):
    expected = {
        1: SUPPLIES + PAPER + SERVICES,  # purchased goods and services
        2: LAPTOPS,  # capital goods
        4: FREIGHT_IN,  # upstream transportation
        5: WASTE,
        6: TRAIN + FLIGHTS,  # business travel
        7: COMMUTING,
        9: FREIGHT_OUT,  # downstream transportation
    }
    by_category = {c: e.kg for c, e in result.by_ghg_category.items()}
    assert by_category == approx({c: expected.get(c, 0) for c in range(1, 16)})


def test_totals_by_post(result):
    assert {post: e.kg for post, e in result.by_post.items()} == approx(
        {
            "fuel_buildings": GAS + HEATING_OIL,
            "fuel_vehicles": DIESEL + PETROL,
            "refrigerants": R410A,
            "electricity": ELECTRICITY,
            "heat_network": HEAT,
            "purchased_goods": SUPPLIES + PAPER,
            "purchased_services": SERVICES,
            "fixed_assets": LAPTOPS,
            "freight_in": FREIGHT_IN,
            "freight_out": FREIGHT_OUT,
            "business_travel": TRAIN + FLIGHTS,
            "commuting": COMMUTING,
            "waste": WASTE,
        }
    )


def test_uncertainties_by_hand(result):
    # A line: the factor's and the data's relative uncertainties in quadrature.
    assert result.lines["petrol"].uncertainty_kg == approx(PETROL * math.sqrt(0.10**2 + 0.30**2))
    # Scope 2: its two lines' absolute uncertainties in quadrature.
    electricity = ELECTRICITY * math.sqrt(0.10**2 + 0.05**2)
    heat = HEAT * math.sqrt(0.20**2 + 0.05**2)
    assert result.by_scope[2].uncertainty_kg == approx(math.sqrt(electricity**2 + heat**2))
    assert result.by_scope[2].low == approx(SCOPE_2 - math.sqrt(electricity**2 + heat**2))
    # The whole inventory.
    absolute = [HAND[key] * math.hypot(row[5], row[6]) for key, row in ROWS.items()]
    assert result.total.uncertainty_kg == approx(math.sqrt(sum(a * a for a in absolute)))
    assert result.total.uncertainty_kg < sum(absolute)


def test_top_five_and_intensities(result):
    heaviest = sorted(HAND, key=HAND.get, reverse=True)[:5]
    assert [key for key, _e in result.top()] == heaviest
    assert result.share(result.by_scope[1]) == approx(SCOPE_1 / TOTAL)
    assert result.intensity(14).kg == approx(TOTAL / 14)  # per employee
    assert result.intensity(1_850).kg == approx(TOTAL / 1_850)  # per k€ of revenue
    assert result.intensity(0) is None
    assert result.intensity(None) is None
