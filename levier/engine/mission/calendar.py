"""When a société à mission must have its objectives verified, and when its
committee's annual report is due.

The texts (Code de commerce, as in force on 2026-12-04):

- Art. L210-10 4°: the execution of the statutory objectives is verified by
  an independent third-party body (OTI), whose opinion is attached to the
  committee's report.
- Art. L210-12: in a company employing fewer than fifty permanent employees
  on an annual basis, the articles may replace the mission committee by a
  single mission referent.
- Art. R210-21 II (décret n° 2020-1 du 2 janvier 2020): the OTI verifies
  the objectives at least every two years; the first verification takes
  place within eighteen months of the publication of the declaration of
  the quality of société à mission at the trade register (RCS); within
  twenty-four months when the company meets the conditions of L210-12;
  when the company employed, on an annual basis, fewer than fifty
  permanent employees in the last financial year covered by the last
  verification, it may ask the OTI to carry out the next one only after
  three years.
- Art. L210-10 3° and L210-11: the committee presents a report every year
  to the meeting that approves the accounts, attached to the management
  report; that meeting is held within six months of the end of the
  financial year (art. L223-26 for SARL, L225-100 for SA, applied to SAS by
  L227-1), so the report is due by then at the latest.

Reading of R210-21 taken here: "meets the conditions of L210-12" is read as
"has a mission referent" (which L210-12 allows only under fifty permanent
employees); a company under fifty that keeps a committee gets the
eighteen-month deadline, the earlier of the two readings, so that Levier
never announces a deadline later than the law's.

Periods in months end on the same day of the last month, or on its last day
when it has no such day (Code de procédure civile, art. 641, the usual
reading of délais in months): 31 August + 18 months is the last day of
February.
"""

from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta

FIRST_VERIFICATION_MONTHS = 18
FIRST_VERIFICATION_MONTHS_WITH_REFERENT = 24
VERIFICATION_INTERVAL_MONTHS = 24
SMALL_COMPANY_INTERVAL_MONTHS = 36
SMALL_COMPANY_LIMIT = 50  # permanent employees, on an annual basis
ANNUAL_MEETING_MONTHS = 6  # after the end of the financial year
# Reminders go out this many days before a deadline, and once it is past.
REMINDER_DAYS = (180, 90, 30)
DUE_SOON_DAYS = 180


def add_months(day: date, months: int) -> date:
    """``day`` moved by ``months``, on the last day of the month when the
    target month is shorter (31 January + 1 month is 28 or 29 February)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))


@dataclass(frozen=True)
class PastVerification:
    done_on: date
    # Permanent employees, on an annual basis, in the last financial year the
    # verification covered (decides whether the next one may wait three years).
    permanent_employees: int | None = None


@dataclass(frozen=True)
class Deadline:
    due_on: date
    rule: (
        str  # which rule set it: "first", "first_referent", "every_two_years", "every_three_years"
    )
    # A later date the company may choose (three years instead of two), or None.
    may_wait_until: date | None = None


def next_verification(
    published_on: date | None,
    *,
    has_referent: bool,
    verifications: list[PastVerification] | tuple = (),
    wait_three_years: bool = False,
) -> Deadline | None:
    """The deadline of the next OTI verification; None before the quality of
    société à mission is published (no clock runs yet).

    ``wait_three_years`` records that the company asked its OTI for the
    three-year interval; it applies only when the last verified year counted
    fewer than fifty permanent employees, otherwise two years stand.
    """
    done = sorted(verifications, key=lambda v: v.done_on)
    if not done:
        if published_on is None:
            return None
        if has_referent:
            return Deadline(
                add_months(published_on, FIRST_VERIFICATION_MONTHS_WITH_REFERENT), "first_referent"
            )
        return Deadline(add_months(published_on, FIRST_VERIFICATION_MONTHS), "first")
    last = done[-1]
    two_years = add_months(last.done_on, VERIFICATION_INTERVAL_MONTHS)
    small = last.permanent_employees is not None and last.permanent_employees < SMALL_COMPANY_LIMIT
    if not small:
        return Deadline(two_years, "every_two_years")
    three_years = add_months(last.done_on, SMALL_COMPANY_INTERVAL_MONTHS)
    if wait_three_years:
        return Deadline(three_years, "every_three_years")
    return Deadline(two_years, "every_two_years", may_wait_until=three_years)


def status(due_on: date, today: date) -> str:
    """ "overdue", "due_soon" (within six months) or "on_track"."""
    if due_on < today:
        return "overdue"
    if due_on <= today + timedelta(days=DUE_SOON_DAYS):
        return "due_soon"
    return "on_track"


def reminder_due(due_on: date, today: date, last_sent: date | None) -> bool:
    """Whether a reminder of ``due_on`` should go out today: once when each
    of REMINDER_DAYS is reached, and once a month while it is overdue.
    ``last_sent`` is the day of the previous reminder of the same deadline."""
    marks = [due_on - timedelta(days=days) for days in REMINDER_DAYS]
    if today > due_on:
        marks += [add_months(due_on, n) for n in range(0, (today - due_on).days // 28 + 2)]
    reached = [mark for mark in marks if mark <= today]
    if not reached:
        return False
    return last_sent is None or last_sent < max(reached)


def financial_year_end(year: int, end_month: int) -> date:
    """The last day of the financial year ``year`` closing in ``end_month``."""
    return date(year, end_month, monthrange(year, end_month)[1])


def annual_report_due(year_end: date) -> date:
    """The latest date of the meeting approving the accounts of the year
    ending ``year_end``, to which the committee presents its report."""
    return add_months(year_end, ANNUAL_MEETING_MONTHS)


def latest_closed_year(today: date, end_month: int) -> date:
    """The end of the last financial year closed on ``today``."""
    end = financial_year_end(today.year, end_month)
    return end if end < today else financial_year_end(today.year - 1, end_month)
