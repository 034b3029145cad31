"""The verifier's calendar (Code de commerce, art. R210-21 II), rule by rule."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from levier.engine.mission.calendar import (
    PastVerification,
    add_months,
    annual_report_due,
    financial_year_end,
    latest_closed_year,
    next_verification,
    reminder_due,
    status,
)

days = st.dates(min_value=date(2019, 5, 22), max_value=date(2060, 12, 31))


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2025, 3, 15), 18, date(2026, 9, 15)),
        (date(2024, 8, 31), 18, date(2026, 2, 28)),  # no 31 February: its last day
        (date(2026, 8, 31), 18, date(2028, 2, 29)),  # a leap year's last day
        (date(2024, 2, 29), 24, date(2026, 2, 28)),  # from a leap day
        (date(2024, 2, 29), 48, date(2028, 2, 29)),
        (date(2025, 12, 31), 1, date(2026, 1, 31)),  # across a year
        (date(2025, 1, 31), -1, date(2024, 12, 31)),
    ],
)
def test_months_end_on_the_same_day_or_the_last_of_a_shorter_month(start, months, expected):
    assert add_months(start, months) == expected


@given(days, st.integers(min_value=0, max_value=120))
@settings(max_examples=200)
def test_adding_months_never_moves_past_the_target_month(start, months):
    moved = add_months(start, months)
    assert (moved.year * 12 + moved.month) - (start.year * 12 + start.month) == months
    assert moved.day <= start.day
    assert moved.day == start.day or (moved + timedelta(days=1)).day == 1


def test_no_clock_before_the_publication():
    assert next_verification(None, has_referent=False) is None


def test_first_verification_within_eighteen_months_of_the_publication():
    deadline = next_verification(date(2025, 3, 15), has_referent=False)
    assert (deadline.due_on, deadline.rule) == (date(2026, 9, 15), "first")
    assert deadline.may_wait_until is None


def test_first_verification_within_twenty_four_months_with_a_referent():
    deadline = next_verification(date(2025, 3, 15), has_referent=True)
    assert (deadline.due_on, deadline.rule) == (date(2027, 3, 15), "first_referent")


def test_then_every_two_years_after_the_last_verification():
    deadline = next_verification(
        date(2022, 1, 10),
        has_referent=False,
        verifications=[
            PastVerification(date(2025, 6, 30), 120),
            PastVerification(date(2023, 6, 1), 110),
        ],
    )
    assert (deadline.due_on, deadline.rule) == (date(2027, 6, 30), "every_two_years")
    assert deadline.may_wait_until is None  # 120 permanent employees: no three-year option


def test_under_fifty_the_company_may_ask_for_three_years():
    past = [PastVerification(date(2025, 6, 30), 49)]
    offered = next_verification(date(2024, 1, 5), has_referent=True, verifications=past)
    assert (offered.due_on, offered.rule) == (date(2027, 6, 30), "every_two_years")
    assert offered.may_wait_until == date(2028, 6, 30)
    asked = next_verification(
        date(2024, 1, 5), has_referent=True, verifications=past, wait_three_years=True
    )
    assert (asked.due_on, asked.rule) == (date(2028, 6, 30), "every_three_years")


@pytest.mark.parametrize("employees", [50, 51, None])
def test_the_three_year_request_is_void_at_fifty_or_when_the_headcount_is_unknown(employees):
    deadline = next_verification(
        date(2024, 1, 5),
        has_referent=False,
        verifications=[PastVerification(date(2025, 6, 30), employees)],
        wait_three_years=True,
    )
    assert (deadline.due_on, deadline.rule) == (date(2027, 6, 30), "every_two_years")


def test_the_headcount_that_counts_is_the_last_verified_years_after_a_change_of_size():
    grown = [PastVerification(date(2024, 5, 2), 30), PastVerification(date(2026, 5, 4), 65)]
    deadline = next_verification(
        date(2023, 1, 2), has_referent=False, verifications=grown, wait_three_years=True
    )
    assert deadline.due_on == date(2028, 5, 4)
    shrunk = [PastVerification(date(2024, 5, 2), 65), PastVerification(date(2026, 5, 4), 45)]
    deadline = next_verification(
        date(2023, 1, 2), has_referent=False, verifications=shrunk, wait_three_years=True
    )
    assert deadline.due_on == date(2029, 5, 4)


@given(
    days,
    st.booleans(),
    st.lists(st.tuples(days, st.integers(0, 500)), max_size=5),
    st.booleans(),
)
@settings(max_examples=300)
def test_two_years_after_the_last_verification_or_three_when_small_and_asked(
    published, referent, done, wait
):
    past = [PastVerification(on, employees) for on, employees in done]
    deadline = next_verification(
        published, has_referent=referent, verifications=past, wait_three_years=wait
    )
    if not past:
        assert deadline.due_on == add_months(published, 24 if referent else 18)
        return
    last = sorted(past, key=lambda v: v.done_on)[-1]  # same day: the last given
    small = last.permanent_employees < 50
    expected = add_months(last.done_on, 36 if small and wait else 24)
    assert deadline.due_on == expected
    assert (deadline.may_wait_until is not None) == (small and not wait)


@pytest.mark.parametrize(
    ("due", "expected"),
    [
        (date(2026, 12, 3), "overdue"),
        (date(2026, 12, 4), "due_soon"),
        (date(2027, 6, 2), "due_soon"),  # 180 days ahead
        (date(2027, 6, 3), "on_track"),
    ],
)
def test_status_of_a_deadline(due, expected):
    assert status(due, date(2026, 12, 4)) == expected


def test_reminders_go_out_at_six_three_and_one_month_then_monthly_once_late():
    due = date(2027, 6, 30)
    assert not reminder_due(due, due - timedelta(days=181), None)
    assert reminder_due(due, due - timedelta(days=180), None)
    assert not reminder_due(due, due - timedelta(days=179), due - timedelta(days=180))
    assert reminder_due(due, due - timedelta(days=90), due - timedelta(days=180))
    assert reminder_due(due, due - timedelta(days=30), due - timedelta(days=90))
    assert not reminder_due(due, due - timedelta(days=1), due - timedelta(days=30))
    assert reminder_due(due, due + timedelta(days=1), due - timedelta(days=30))
    assert not reminder_due(due, due + timedelta(days=20), due + timedelta(days=1))
    assert reminder_due(due, add_months(due, 1), due + timedelta(days=1))


@given(days, st.lists(st.integers(-200, 400), min_size=1, max_size=60, unique=True))
@settings(max_examples=200)
def test_reminders_sent_when_due_are_never_repeated_the_same_day(due, offsets):
    last = None
    for offset in sorted(offsets):
        today = due + timedelta(days=offset)
        if reminder_due(due, today, last):
            last = today
            assert not reminder_due(due, today, last)


@pytest.mark.parametrize(
    ("today", "end_month", "year_end", "due"),
    [
        (date(2026, 12, 4), 12, date(2025, 12, 31), date(2026, 6, 30)),
        (date(2027, 1, 1), 12, date(2026, 12, 31), date(2027, 6, 30)),
        (date(2026, 12, 4), 6, date(2026, 6, 30), date(2026, 12, 30)),
        (date(2024, 3, 1), 2, date(2024, 2, 29), date(2024, 8, 29)),  # a leap year's end
        (date(2025, 3, 1), 2, date(2025, 2, 28), date(2025, 8, 28)),
    ],
)
def test_the_committee_report_is_due_by_the_meeting_within_six_months_of_the_year_end(
    today, end_month, year_end, due
):
    closed = latest_closed_year(today, end_month)
    assert closed == year_end
    assert annual_report_due(closed) == due
    assert financial_year_end(year_end.year, end_month) == year_end
