"""Whether the body following the mission complies (art. L210-10 3°, L210-12)."""

import pytest

from levier.engine.mission.committee import Seat, problems

EMPLOYEE = Seat("Awa", is_employee=True)
OUTSIDER = Seat("Bruno", is_employee=False)


@pytest.mark.parametrize(
    ("seats", "expected"),
    [
        ([EMPLOYEE, OUTSIDER], []),
        ([EMPLOYEE], []),
        ([OUTSIDER, OUTSIDER], ["no_employee"]),
        ([], ["no_member"]),
    ],
)
def test_a_committee_needs_at_least_one_employee(seats, expected):
    assert problems("committee", seats, 120) == expected


@pytest.mark.parametrize(
    ("seats", "employees", "expected"),
    [
        ([OUTSIDER], 12, []),  # the referent may come from outside
        ([EMPLOYEE], 49, []),
        ([EMPLOYEE], None, []),  # headcount unknown: nothing to hold against it
        ([EMPLOYEE], 50, ["referent_too_large"]),
        ([], 12, ["no_referent"]),
        ([EMPLOYEE, OUTSIDER], 12, ["several_referents"]),
        ([EMPLOYEE, OUTSIDER], 80, ["referent_too_large", "several_referents"]),
    ],
)
def test_a_referent_is_one_person_in_a_company_under_fifty(seats, employees, expected):
    assert problems("referent", seats, employees) == expected
