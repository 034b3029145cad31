"""Answers to questions, and which answers a question accepts."""

from __future__ import annotations

import math
from dataclasses import dataclass

from levier.engine.packs import MULTIPLE_CHOICE, PERCENTAGE, TEXT, Question

# Error codes of `validate_answer`, stable for translation.
NA_NOT_ALLOWED = "na_not_allowed"
NA_WITH_ANSWER = "na_with_answer"
ANSWER_ON_TEXT = "answer_on_text"
VALUE_ON_CHOICE = "value_on_choice"
UNKNOWN_LEVEL = "unknown_level"
SEVERAL_LEVELS = "several_levels"
EXCLUSIVE_COMBINED = "exclusive_combined"
LEVELS_ON_NUMERIC = "levels_on_numeric"
VALUE_NOT_FINITE = "value_not_finite"
VALUE_OUT_OF_RANGE = "value_out_of_range"


@dataclass(frozen=True)
class Answer:
    """One answer: chosen level codes, a value (number, percentage) or "not applicable".

    An empty answer (nothing chosen, no value, not N/A) is the same as no answer.
    """

    levels: frozenset[str] = frozenset()
    value: float | None = None
    na: bool = False

    def __post_init__(self) -> None:
        if not isinstance(self.levels, frozenset):
            object.__setattr__(self, "levels", frozenset(self.levels))

    @classmethod
    def of(cls, *codes: str) -> Answer:
        return cls(levels=frozenset(codes))

    @classmethod
    def of_value(cls, value: float) -> Answer:
        return cls(value=value)

    @classmethod
    def not_applicable(cls) -> Answer:
        return cls(na=True)

    @property
    def is_empty(self) -> bool:
        return not self.levels and self.value is None and not self.na


class InvalidAnswer(ValueError):
    def __init__(self, question_code: str, error: str) -> None:
        self.question_code = question_code
        self.error = error
        super().__init__(f"invalid answer to {question_code}: {error}")


def validate_answer(question: Question, answer: Answer) -> str | None:
    """None when `answer` suits `question`, else an error code (constants above)."""
    if answer.na:
        if answer.levels or answer.value is not None:
            return NA_WITH_ANSWER
        return None if question.allow_na else NA_NOT_ALLOWED
    if question.type == TEXT:
        # Text answers live outside the engine; here a text question takes only N/A.
        return ANSWER_ON_TEXT if answer.levels or answer.value is not None else None
    if question.is_choice:
        return _choice_error(question, answer)
    if answer.levels:
        return LEVELS_ON_NUMERIC
    if answer.value is None:
        return None
    if not math.isfinite(answer.value):
        return VALUE_NOT_FINITE
    if question.type == PERCENTAGE and not 0 <= answer.value <= 100:
        return VALUE_OUT_OF_RANGE
    return None


def _choice_error(question: Question, answer: Answer) -> str | None:
    if answer.value is not None:
        return VALUE_ON_CHOICE
    by_code = {level.code: level for level in question.levels}
    if any(code not in by_code for code in answer.levels):
        return UNKNOWN_LEVEL
    if len(answer.levels) > 1:
        if question.type != MULTIPLE_CHOICE:
            return SEVERAL_LEVELS
        if any(by_code[code].exclusive for code in answer.levels):
            return EXCLUSIVE_COMBINED
    return None


def is_answered(question: Question, answer: Answer | None) -> bool:
    """Whether `answer` gives the question a level (N/A is not a level)."""
    if answer is None or answer.na:
        return False
    return answer.value is not None if question.is_numeric else bool(answer.levels)


def earned_points(question: Question, answer: Answer) -> float:
    """Points of an answered question's chosen level(s)."""
    if question.is_numeric:
        band = question.band_for(answer.value)
        return band.points if band is not None else 0.0
    return question.selection_points(answer.levels)
