"""Training paperwork in plain Python: the parts of a session, the hours a
participant attended, the pages of a sign-in sheet and the satisfaction
questionnaire's summary (with the anonymity rule of the benchmarks)."""

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time

from levier.engine.benchmarks import MIN_OTHERS

WHOLE, MORNING, AFTERNOON = "whole", "am", "pm"
PARTS = (WHOLE, MORNING, AFTERNOON)

# A questionnaire's results show from this many answers (the benchmarks'
# threshold): below it, a rating or a comment could point at one person.
MIN_ANSWERS = MIN_OTHERS
RATINGS = (1, 2, 3, 4, 5)

# Rows on one page of a sign-in sheet: each row is tall enough to sign in.
SHEET_ROWS_PER_PAGE = 15
# Rows the last page gives up for the trainer's and animator's signatures.
SHEET_SIGNATURE_ROWS = 3


@dataclass(frozen=True)
class Part:
    """A stretch of a session people sign for: the whole session, or its
    morning or afternoon when a break splits it."""

    key: str
    start: time
    end: time

    @property
    def minutes(self) -> int:
        return _minutes(self.start, self.end)


def _minutes(start: time, end: time) -> int:
    day = date(2000, 1, 1)
    return max(0, int((datetime.combine(day, end) - datetime.combine(day, start)).seconds // 60))


def parts(
    start: time, end: time, break_start: time | None = None, break_end: time | None = None
) -> list[Part]:
    """One part, or two when a break (lunch) splits the session in halves."""
    if (
        break_start is not None
        and break_end is not None
        and start < break_start <= break_end < end
    ):
        return [Part(MORNING, start, break_start), Part(AFTERNOON, break_end, end)]
    return [Part(WHOLE, start, end)]


def attended_minutes(session_parts: Sequence[Part], present: Iterable[str]) -> int:
    """Minutes of the parts a participant was marked present at (parts the
    session no longer has count for nothing)."""
    present = set(present)
    return sum(part.minutes for part in session_parts if part.key in present)


def hours(minutes: int) -> float:
    """Hours, to the quarter of an hour below (a certificate never rounds up)."""
    return math.floor(minutes / 15) / 4


def sheet_pages(
    count: int, per_page: int = SHEET_ROWS_PER_PAGE, reserve: int = SHEET_SIGNATURE_ROWS
) -> list[int]:
    """Rows on each page of a sign-in sheet: as few pages as the rows and the
    last page's signatures need, the rows spread evenly, so that no page is a
    lone line and the signatures never spill onto a page of their own."""
    if count <= 0:
        return []
    pages = math.ceil((count + reserve) / per_page)
    last = min(count // pages, per_page - reserve)
    if pages == 1:
        return [count]
    base, extra = divmod(count - last, pages - 1)
    return [base + 1 if index < extra else base for index in range(pages - 1)] + [last]


@dataclass(frozen=True)
class Answer:
    overall: int
    usefulness: int
    recommend: bool
    comment: str = ""


@dataclass(frozen=True)
class Summary:
    count: int
    shown: bool  # False below MIN_ANSWERS: only the count is given
    overall: float | None = None
    usefulness: float | None = None
    recommend_share: float | None = None  # 0..1
    overall_counts: tuple[int, ...] = ()  # per rating 1..5
    usefulness_counts: tuple[int, ...] = ()
    comments: tuple[str, ...] = ()


def summarise(answers: Sequence[Answer], minimum: int = MIN_ANSWERS) -> Summary:
    """Averages, distributions and comments, or only the count below ``minimum``."""
    count = len(answers)
    if count < minimum or count == 0:
        return Summary(count=count, shown=False)
    return Summary(
        count=count,
        shown=True,
        overall=sum(a.overall for a in answers) / count,
        usefulness=sum(a.usefulness for a in answers) / count,
        recommend_share=sum(1 for a in answers if a.recommend) / count,
        overall_counts=tuple(sum(1 for a in answers if a.overall == r) for r in RATINGS),
        usefulness_counts=tuple(sum(1 for a in answers if a.usefulness == r) for r in RATINGS),
        # Sorted, not in the order they came: the order would tell who wrote what.
        comments=tuple(sorted(a.comment.strip() for a in answers if a.comment.strip())),
    )
