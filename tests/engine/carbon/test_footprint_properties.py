"""Invariants of the footprint engine, whatever the inventory."""

import math
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from levier.engine.carbon import footprint, units
from levier.engine.carbon.footprint import Emission, Line, compute, line_emission, total
from levier.engine.carbon.posts import BEGES_CATEGORIES, POSTS, beges_category
from tests.engine.carbon.strategies import inventories, lines

PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
REL = 1e-9


def close(a: float, b: float, scale: float = 0.0) -> bool:
    """Equal up to rounding, relative to the magnitudes summed (``scale``)."""
    return math.isclose(a, b, rel_tol=REL, abs_tol=REL * scale + 1e-9)


def magnitude(result) -> float:
    return math.fsum(abs(e.kg) for e in result.lines.values())


@PROPERTY
@given(inventories())
def test_every_grouping_sums_to_the_total(lines_):
    result = compute(lines_)
    scale = magnitude(result)
    assert close(math.fsum(e.kg for e in result.lines.values()), result.total.kg, scale)
    for grouping in (result.by_scope, result.by_beges, result.by_beges_category, result.by_post):
        assert close(math.fsum(e.kg for e in grouping.values()), result.total.kg, scale)
    scope3 = math.fsum(e.kg for e in result.by_ghg_category.values())
    assert close(scope3, result.by_scope[3].kg, scale)


@PROPERTY
@given(inventories())
def test_every_group_is_the_sum_of_its_lines(lines_):
    result = compute(lines_)
    scale = magnitude(result)
    emissions = [(line, result.lines[line.key]) for line in lines_]

    def summed(keep) -> float:
        return math.fsum(e.kg for line, e in emissions if keep(POSTS[line.post]))

    for scope, emission in result.by_scope.items():
        assert close(emission.kg, summed(lambda p, s=scope: p.scope == s), scale)
    for code, emission in result.by_beges.items():
        assert close(emission.kg, summed(lambda p, c=code: p.beges == c), scale)
    for category, emission in result.by_beges_category.items():
        expected = summed(lambda p, c=category: beges_category(p.beges) == c)
        assert close(emission.kg, expected, scale)
    for category, emission in result.by_ghg_category.items():
        expected = summed(lambda p, c=category: p.scope == 3 and p.ghg_category == c)
        assert close(emission.kg, expected, scale)
    for post, emission in result.by_post.items():
        assert close(emission.kg, summed(lambda p, c=post: p.code == c), scale)


def test_groupings_list_every_code_even_when_empty():
    result = compute([])
    assert set(result.by_scope) == {1, 2, 3}
    assert set(result.by_ghg_category) == set(range(1, 16))
    assert set(result.by_beges_category) == set(BEGES_CATEGORIES)
    assert len(result.by_beges) == 22
    assert set(result.by_post) == set(POSTS)
    assert result.total == Emission(0.0, 0.0)
    assert result.top() == []


@PROPERTY
@given(inventories(), st.data())
def test_any_partition_of_the_lines_adds_up_to_the_whole(lines_, data):
    parts = data.draw(st.lists(st.integers(0, 3), min_size=len(lines_), max_size=len(lines_)))
    whole = compute(lines_)
    pieces = [
        compute([line for line, p in zip(lines_, parts, strict=True) if p == part])
        for part in range(4)
    ]
    assert close(math.fsum(p.total.kg for p in pieces), whole.total.kg, magnitude(whole))
    # Uncertainties of independent parts add in quadrature, like lines.
    combined = math.sqrt(math.fsum(p.total.uncertainty_kg**2 for p in pieces))
    assert close(combined, whole.total.uncertainty_kg, whole.total.uncertainty_kg)


@PROPERTY
@given(lines(), st.data())
def test_typing_the_quantity_in_another_compatible_unit_changes_nothing(line, data):
    other = data.draw(st.sampled_from(units.compatible_units(line.factor_unit)))
    converted = replace(line, quantity=units.convert(line.quantity, line.unit, other), unit=other)
    before, after = line_emission(line), line_emission(converted)
    assert close(after.kg, before.kg, before.kg)
    assert close(after.uncertainty_kg, before.uncertainty_kg, before.uncertainty_kg)


@pytest.mark.parametrize(
    ("quantity", "unit", "factor_unit", "in_factor_unit"),
    [
        (2.5, "m3", "L", 2500),  # fuel delivered in m³, factor per litre
        (12_000, "L", "m3", 12),
        (1, "tep_PCI", "kWh_PCI", 11_630),  # IEA / Eurostat convention
        (23_260, "kWh_PCI", "tep_PCI", 2),
        (36, "MJ_PCI", "kWh_PCI", 10),
        (2, "GJ_PCS", "kWh_PCS", 2000 / 3.6),
        (3, "MWh_PCS", "kWh_PCS", 3000),
        (18_500, "EUR", "kEUR", 18.5),  # purchases by spend
        (1.2, "MEUR", "kEUR", 1200),
        (0.8, "t", "kg", 800),
        (85, "MWh", "kWh", 85_000),
    ],
)
def test_conversions_to_the_factor_unit(quantity, unit, factor_unit, in_factor_unit):
    line = Line("l", "fuel_buildings", quantity, unit, 2.0, factor_unit)
    assert footprint.activity_in_factor_unit(line) == pytest.approx(in_factor_unit, rel=1e-12)
    same = replace(line, quantity=in_factor_unit, unit=factor_unit)
    assert line_emission(line).kg == pytest.approx(line_emission(same).kg, rel=1e-12)


def test_a_tonne_km_is_a_thousand_kg_km():
    """Freight: t.km are tonnes times km (pint's own dimensions), not a code of their own."""
    ureg = units.registry()
    one = ureg.Quantity(1, units.UNITS["t_km"])
    assert one.to("kilogram * kilometer").magnitude == pytest.approx(1000)
    assert one.to("tonne * meter").magnitude == pytest.approx(1000)


@PROPERTY
@given(st.lists(st.builds(Emission, st.floats(0, 1e12), st.floats(0, 1e12)), max_size=50))
def test_the_uncertainty_of_a_sum_is_never_above_the_sum_of_uncertainties(emissions):
    summed = total(emissions)
    plain = math.fsum(e.uncertainty_kg for e in emissions)
    assert summed.uncertainty_kg <= plain * (1 + REL)
    assert summed.uncertainty_kg >= max((e.uncertainty_kg for e in emissions), default=0.0)


@PROPERTY
@given(inventories())
def test_an_inventorys_uncertainty_is_never_above_the_sum_of_its_lines(lines_):
    result = compute(lines_)
    plain = math.fsum(e.uncertainty_kg for e in result.lines.values())
    assert result.total.uncertainty_kg <= plain * (1 + REL)
    for grouping in (result.by_scope, result.by_beges_category, result.by_post):
        assert math.fsum(e.uncertainty_kg for e in grouping.values()) <= plain * (1 + REL)
        assert result.total.uncertainty_kg <= math.fsum(
            e.uncertainty_kg for e in grouping.values()
        ) * (1 + REL)


@PROPERTY
@given(inventories(), lines())
def test_a_zero_quantity_line_adds_nothing(lines_, extra):
    before = compute(lines_)
    after = compute([*lines_, replace(extra, key="zero", quantity=0.0)])
    assert after.lines["zero"] == Emission(0.0, 0.0)
    assert after.total == before.total
    assert after.by_scope == before.by_scope
    assert after.by_ghg_category == before.by_ghg_category
    assert after.by_beges == before.by_beges
    assert after.by_beges_category == before.by_beges_category
    assert after.by_post == before.by_post


@PROPERTY
@given(lines(), st.integers(1, 50))
def test_amortisation_divides_by_the_years(line, years):
    once = line_emission(replace(line, amortisation_years=1))
    spread = line_emission(replace(line, amortisation_years=years))
    assert close(spread.kg, once.kg / years, once.kg)
    assert close(spread.uncertainty_kg, once.uncertainty_kg / years, once.uncertainty_kg)


def test_amortisation_below_one_year_counts_one_year():
    line = Line("laptops", "fixed_assets", 12, "item", 156.0, "item", amortisation_years=0)
    assert line_emission(line).kg == 12 * 156.0


@PROPERTY
@given(lines())
def test_a_line_is_its_quantity_times_its_factor_with_combined_uncertainty(line):
    emission = line_emission(line)
    activity = units.convert(line.quantity, line.unit, line.factor_unit)
    expected = activity / line.amortisation_years * line.factor_value
    assert close(emission.kg, expected, expected)
    relative = math.sqrt(line.factor_uncertainty**2 + line.data_uncertainty**2)
    assert close(emission.uncertainty_kg, expected * relative, expected)
    assert emission.low <= emission.kg <= emission.high


@pytest.mark.parametrize(
    ("unit", "factor_unit"),
    [
        ("L", "kWh_PCI"),
        ("kWh_PCS", "kWh_PCI"),
        ("kWh", "kWh_PCS"),
        ("EUR", "kg"),
        ("km", "t_km"),
        ("passenger_km", "km"),
        ("item", "kEUR"),
    ],
)
def test_a_unit_that_does_not_match_the_factors_is_refused_naming_both(unit, factor_unit):
    line = Line("l", "fuel_buildings", 10, unit, 1.0, factor_unit)
    for attempt in (lambda: line_emission(line), lambda: compute([line])):
        with pytest.raises(units.UnitMismatch) as refused:
            attempt()
        assert refused.value.from_unit == unit
        assert refused.value.to_unit == factor_unit
        assert unit in str(refused.value) and factor_unit in str(refused.value)


def test_an_unknown_unit_is_refused():
    with pytest.raises(units.UnknownUnit, match="gallon"):
        line_emission(Line("l", "fuel_vehicles", 10, "gallon", 3.17, "L"))


@PROPERTY
@given(inventories(max_size=15))
def test_top_lines_are_the_heaviest_in_order(lines_):
    result = compute(lines_)
    top = result.top()
    assert len(top) <= 5
    kgs = [e.kg for _key, e in top]
    assert kgs == sorted(kgs, reverse=True)
    assert all(kg > 0 for kg in kgs)
    left_out = [e.kg for key, e in result.lines.items() if key not in dict(top)]
    if len(top) == 5:
        assert all(kg <= kgs[-1] for kg in left_out)
    else:
        assert all(kg <= 0 for kg in left_out)
