"""Typed values of the VSME datapoints from what a person types: numbers the
French way or not, percentages, choices, dates, texts; and back to text."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from levier.engine.vsme import values


@pytest.mark.parametrize(
    ("kind", "text", "expected"),
    [
        ("number", "1 234,5", 1234.5),
        ("number", "1\u202f234,5", 1234.5),
        ("money", "2500000", 2500000.0),
        ("integer", "42", 42),
        ("percent", "12,5", 12.5),
        ("boolean", "oui", True),
        ("boolean", "false", False),
        ("date", "2025-12-31", "2025-12-31"),
        ("year", "2030", 2030),
        ("text", "  Politique\x07 achats  ", "Politique achats"),
        ("number", "", None),
        ("text", "   ", None),
    ],
)
def test_what_a_person_types_becomes_its_value(kind, text, expected):
    assert values.parse(kind, text) == expected


@pytest.mark.parametrize(
    ("kind", "text", "code"),
    [
        ("number", "douze", "number"),
        ("number", "-3", "negative"),
        ("number", "1e16", "too_large"),
        ("number", "nan", "number"),
        ("integer", "2,5", "integer"),
        ("percent", "120", "percent"),
        ("boolean", "peut-être", "boolean"),
        ("date", "31/12/2025", "date"),
        ("year", "1850", "year"),
        ("text", "x" * (values.TEXT_MAX + 1), "too_long"),
    ],
)
def test_bad_input_says_why(kind, text, code):
    with pytest.raises(values.Invalid) as refused:
        values.parse(kind, text)
    assert refused.value.code == code


def test_choices_must_be_offered():
    options = ("vsme:A", "vsme:B")
    assert values.parse("choice", "vsme:A", options) == "vsme:A"
    assert values.parse("choices", ["vsme:B", "", "vsme:A"], options) == ["vsme:B", "vsme:A"]
    assert values.parse("choices", [], options) is None
    with pytest.raises(values.Invalid):
        values.parse("choice", "vsme:C", options)
    with pytest.raises(values.Invalid):
        values.parse("choices", ["vsme:A", "vsme:C"], options)


@given(st.floats(min_value=0, max_value=1e12, allow_nan=False, allow_infinity=False))
def test_a_number_shown_back_reads_the_same(number):
    assert values.parse("number", values.as_text("number", number)) == pytest.approx(number)


@given(st.integers(min_value=0, max_value=10**9))
def test_an_integer_shown_back_reads_the_same(number):
    assert values.parse("integer", values.as_text("integer", number)) == number
