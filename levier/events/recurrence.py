"""Dates of a recurring event (a weekly virtual coffee, a monthly club).

Plain Python: occurrences keep the first one's wall-clock time in its zone,
so a 9:00 coffee stays at 9:00 when daylight saving time changes.
"""

import calendar
from datetime import datetime, timedelta

WEEKLY = "weekly"
MONTHLY = "monthly"
MAX_OCCURRENCES = 52


def _add_months(moment: datetime, months: int) -> datetime:
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    # The 31st of a 30-day month falls on its last day.
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def occurrences(start: datetime, rule: str, count: int) -> list[datetime]:
    """``count`` aware datetimes from ``start`` (included), same local time."""
    if rule not in (WEEKLY, MONTHLY):
        raise ValueError(f"unknown rule {rule!r}")
    if not 1 <= count <= MAX_OCCURRENCES:
        raise ValueError(f"between 1 and {MAX_OCCURRENCES} occurrences")
    zone = start.tzinfo
    local = start.replace(tzinfo=None)
    dates = []
    for n in range(count):
        moved = local + timedelta(weeks=n) if rule == WEEKLY else _add_months(local, n)
        dates.append(moved.replace(tzinfo=zone))
    return dates
