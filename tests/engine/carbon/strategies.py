"""Hypothesis strategies for the carbon engine: inventory lines whose
quantity is typed in any unit compatible with their factor's."""

from hypothesis import strategies as st

from levier.engine.carbon import units
from levier.engine.carbon.footprint import Line
from levier.engine.carbon.posts import POSTS

# Bounded like the forms bound them (QUANTITY_MAX = 1e9), factors like the
# bases' (the heaviest are refrigerants' warming potentials, in the tens of
# thousands of kg per kg).
quantities = st.floats(min_value=0, max_value=1e9, allow_nan=False, allow_infinity=False)
factor_values = st.floats(min_value=0, max_value=5e4, allow_nan=False, allow_infinity=False)
uncertainties = st.floats(min_value=0, max_value=1)


@st.composite
def lines(draw, key=None):
    post = draw(st.sampled_from(sorted(POSTS)))
    factor_unit = draw(st.sampled_from(POSTS[post].units))
    unit = draw(st.sampled_from(units.compatible_units(factor_unit)))
    return Line(
        key=draw(st.uuids()) if key is None else key,
        post=post,
        quantity=draw(quantities),
        unit=unit,
        factor_value=draw(factor_values),
        factor_unit=factor_unit,
        factor_uncertainty=draw(uncertainties),
        data_uncertainty=draw(st.sampled_from((0.05, 0.30, 0.50))),
        amortisation_years=draw(st.integers(1, 10)) if post == "fixed_assets" else 1,
    )


@st.composite
def inventories(draw, max_size=40):
    count = draw(st.integers(0, max_size))
    return [draw(lines(key=index)) for index in range(count)]
