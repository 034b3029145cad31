"""The framework pack model: pillars, themes, questions and their answer levels.

A pack is immutable once loaded: assessments keep the version they started with, so
nothing here may change after construction.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cached_property

from levier.engine.text import Text

YES_NO = "yes_no"
SINGLE_CHOICE = "single_choice"
MULTIPLE_CHOICE = "multiple_choice"
NUMBER = "number"
PERCENTAGE = "percentage"
TEXT = "text"

QUESTION_TYPES = (YES_NO, SINGLE_CHOICE, MULTIPLE_CHOICE, NUMBER, PERCENTAGE, TEXT)
CHOICE_TYPES = frozenset({YES_NO, SINGLE_CHOICE, MULTIPLE_CHOICE})
NUMERIC_TYPES = frozenset({NUMBER, PERCENTAGE})

# Upper bounds are excluded: `small` is 10 to 49 people.
SIZE_BANDS = ("micro", "small", "medium", "large")
_SIZE_BAND_FLOORS = ((250, "large"), (50, "medium"), (10, "small"), (0, "micro"))

NAF_SECTIONS = tuple("ABCDEFGHIJKLMNOPQRSTU")
FLAGS = ("ess", "mission", "bcorp")

# Selected levels travel as bits of a signed 64-bit integer in bulk scoring.
MAX_LEVELS = 63


def size_band_for(headcount: int | None) -> str | None:
    """The size band of an organisation of `headcount` people (None when unknown)."""
    if headcount is None:
        return None
    if headcount < 0:
        raise ValueError(f"headcount cannot be negative: {headcount}")
    return next(band for floor, band in _SIZE_BAND_FLOORS if headcount >= floor)


@dataclass(frozen=True)
class Level:
    """An answer level: an option of a choice question or a band of a numeric one."""

    code: str
    label: Text | None
    points: float
    exclusive: bool = False
    min: float | None = None
    max: float | None = None

    def contains(self, value: float) -> bool:
        """Whether a band holds `value` (`min` included, `max` excluded)."""
        return (self.min is None or value >= self.min) and (self.max is None or value < self.max)


@dataclass(frozen=True)
class Rule:
    """Applicability over the organisation profile; every clause given must hold."""

    size_bands: tuple[str, ...] | None = None
    min_headcount: int | None = None
    max_headcount: int | None = None
    naf_sections: tuple[str, ...] | None = None
    exclude_naf_sections: tuple[str, ...] | None = None
    # Pairs rather than a dict so that rules stay hashable (the bulk scorer groups them).
    flags: tuple[tuple[str, bool], ...] = ()


@dataclass(frozen=True)
class Condition:
    """`show_if`: the question is shown only when an earlier one got a given answer."""

    question: str
    any_of: frozenset[str] | None = None
    at_least: float | None = None
    below: float | None = None

    def matches_value(self, value: float) -> bool:
        return (self.at_least is None or value >= self.at_least) and (
            self.below is None or value < self.below
        )


@dataclass(frozen=True)
class Question:
    code: str
    type: str
    text: Text
    help: Text | None = None
    why: Text | None = None
    weight: float = 1.0
    allow_na: bool = False
    rule: Rule | None = None
    condition: Condition | None = None
    tags: tuple[str, ...] = ()
    levels: tuple[Level, ...] = ()
    # The `max_points` written in the pack (multiple_choice only); None when uncapped.
    points_cap: float | None = None
    unit: Text | None = None
    theme_code: str = ""
    pillar_code: str = ""
    # The effective maximum, derived from the levels so that it can never disagree with them.
    max_points: float = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "max_points", _effective_max(self))

    @property
    def is_choice(self) -> bool:
        return self.type in CHOICE_TYPES

    @property
    def is_numeric(self) -> bool:
        return self.type in NUMERIC_TYPES

    def level(self, code: str) -> Level | None:
        return next((level for level in self.levels if level.code == code), None)

    def band_for(self, value: float) -> Level | None:
        """The band holding `value`, None when it falls in no band."""
        return next((band for band in self.levels if band.contains(value)), None)

    @property
    def starting_points(self) -> float:
        """The points an organisation has on this question before acting on it,
        which a practice's level must beat: the lowest level's, or none when
        every level is an improvement (options one ticks, a single level one
        reaches by answering)."""
        if self.type == MULTIPLE_CHOICE or len(self.levels) < 2:
            return 0.0
        return min(level.points for level in self.levels)

    def selection_points(self, codes: frozenset[str]) -> float:
        """Points earned by selecting the options `codes` (capped for multiple_choice)."""
        total = sum(level.points for level in self.levels if level.code in codes)
        return total if self.points_cap is None else min(total, self.points_cap)


def _effective_max(question: Question) -> float:
    if question.type == TEXT or not question.levels:
        return 0.0
    if question.type != MULTIPLE_CHOICE:
        return max(level.points for level in question.levels)
    cap = math.inf if question.points_cap is None else question.points_cap
    return min(reachable_points(question.levels), cap)


def reachable_points(options: tuple[Level, ...]) -> float:
    """The most a multiple_choice selection of `options` can add up to, before any cap.

    An exclusive option cannot be combined, so the best selection is either all the
    other options together or the single best exclusive one.
    """
    combinable = sum(level.points for level in options if not level.exclusive)
    alone = max((level.points for level in options if level.exclusive), default=0.0)
    return max(combinable, alone)


def is_scoreable(question: Question) -> bool:
    """Whether the question can enter a score: not a text, and worth something."""
    return question.type != TEXT and question.max_points > 0


@dataclass(frozen=True)
class Theme:
    code: str
    title: Text
    questions: tuple[Question, ...]
    description: Text | None = None
    weight: float = 1.0
    pillar_code: str = ""


@dataclass(frozen=True)
class Pillar:
    code: str
    title: Text
    themes: tuple[Theme, ...]
    description: Text | None = None
    weight: float = 1.0


@dataclass(frozen=True)
class Pack:
    format: int
    id: str
    version: str
    title: Text
    description: Text
    source: Text | None = None
    pillars: tuple[Pillar, ...] = ()
    _by_code: dict[str, object] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_code: dict[str, object] = {}
        for pillar in self.pillars:
            by_code[pillar.code] = pillar
            for theme in pillar.themes:
                by_code[theme.code] = theme
                for question in theme.questions:
                    by_code[question.code] = question
        object.__setattr__(self, "_by_code", by_code)

    is_scoreable = staticmethod(is_scoreable)

    @cached_property
    def themes(self) -> tuple[Theme, ...]:
        return tuple(theme for pillar in self.pillars for theme in pillar.themes)

    @cached_property
    def questions(self) -> tuple[Question, ...]:
        """Every question, in pack order (pillar, then theme, then question order)."""
        return tuple(question for theme in self.themes for question in theme.questions)

    def _get(self, code: str, kind: type) -> object:
        found = self._by_code.get(code)
        if not isinstance(found, kind):
            raise KeyError(f"no {kind.__name__.lower()} {code!r} in pack {self.id}")
        return found

    def pillar(self, code: str) -> Pillar:
        return self._get(code, Pillar)  # type: ignore[return-value]

    def theme(self, code: str) -> Theme:
        return self._get(code, Theme)  # type: ignore[return-value]

    def question(self, code: str) -> Question:
        return self._get(code, Question)  # type: ignore[return-value]
