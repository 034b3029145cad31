"""Scoring one assessment, as described in docs/frameworks.md ("How scores are computed")."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from levier.engine.answers import (
    Answer,
    InvalidAnswer,
    earned_points,
    is_answered,
    validate_answer,
)
from levier.engine.packs import TEXT, Condition, Pack, Theme, is_scoreable
from levier.engine.profile import Profile, rule_exclusion

__all__ = [
    "MOSTLY_NOT_APPLICABLE",
    "NOT_APPLICABLE",
    "SCORED",
    "THEME_STATUSES",
    "Answer",
    "InvalidAnswer",
    "QuestionScore",
    "Result",
    "ThemeScore",
    "score",
    "score_theme",
    "validate_answer",
]

SCORED = "scored"
NOT_APPLICABLE = "not_applicable"
MOSTLY_NOT_APPLICABLE = "mostly_not_applicable"
THEME_STATUSES = (SCORED, NOT_APPLICABLE, MOSTLY_NOT_APPLICABLE)


@dataclass(frozen=True)
class QuestionScore:
    """A counted question: earned and max are its points before weighting."""

    code: str
    earned: float
    max: float
    weight: float


@dataclass(frozen=True)
class ThemeScore:
    code: str
    pillar_code: str
    status: str
    # Weighted sums over the counted questions.
    earned: float
    max: float
    # `max` plus the questions answered N/A: what "mostly not applicable" compares to.
    max_before_na: float
    score: float | None
    questions: tuple[QuestionScore, ...]
    missing: tuple[str, ...]
    hidden: tuple[str, ...]
    excluded: tuple[str, ...]
    answered_na: tuple[str, ...]


@dataclass(frozen=True)
class Result:
    overall: float | None
    pillars: dict[str, float | None]
    themes: dict[str, ThemeScore]
    # Counted questions only, in pack order.
    questions: dict[str, QuestionScore]
    missing: tuple[str, ...]
    hidden: tuple[str, ...]
    excluded: tuple[str, ...]
    answered_na: tuple[str, ...]

    @property
    def counted(self) -> tuple[str, ...]:
        return tuple(self.questions)


def score(pack: Pack, profile: Profile, answers: Mapping[str, Answer]) -> Result:
    """Score an assessment; raises InvalidAnswer when an answer does not suit its question."""
    check_answers(pack, answers)
    return assemble(pack, [score_theme(theme, profile, answers) for theme in pack.themes])


def check_answers(pack: Pack, answers: Mapping[str, Answer]) -> None:
    for code, answer in answers.items():
        try:
            question = pack.question(code)
        except KeyError:
            continue  # not a question of this pack: it cannot count
        error = validate_answer(question, answer)
        if error is not None:
            raise InvalidAnswer(code, error)


def score_theme(theme: Theme, profile: Profile, answers: Mapping[str, Answer]) -> ThemeScore:
    shown: set[str] = set()
    counted: list[QuestionScore] = []
    missing: list[str] = []
    hidden: list[str] = []
    excluded: list[str] = []
    answered_na: list[str] = []
    earned_sum = max_sum = na_max_sum = 0.0
    for question in theme.questions:
        code = question.code
        if question.rule is not None and rule_exclusion(question.rule, profile) is not None:
            excluded.append(code)
            continue
        if question.condition is not None and not condition_holds(
            question.condition, shown, answers
        ):
            hidden.append(code)
            continue
        shown.add(code)
        answer = answers.get(code)
        scoreable = is_scoreable(question)
        if answer is not None and answer.na:
            answered_na.append(code)
            if scoreable:
                na_max_sum += question.max_points * question.weight
            continue
        if question.type == TEXT:
            continue
        answered = is_answered(question, answer)
        if not answered:
            missing.append(code)
        if not scoreable:
            continue
        earned = earned_points(question, answer) if answered else 0.0
        counted.append(QuestionScore(code, earned, question.max_points, question.weight))
        earned_sum += earned * question.weight
        max_sum += question.max_points * question.weight
    max_before_na = max_sum + na_max_sum
    status = theme_status(max_sum, max_before_na)
    return ThemeScore(
        code=theme.code,
        pillar_code=theme.pillar_code,
        status=status,
        earned=earned_sum,
        max=max_sum,
        max_before_na=max_before_na,
        score=100.0 * earned_sum / max_sum if status == SCORED else None,
        questions=tuple(counted),
        missing=tuple(missing),
        hidden=tuple(hidden),
        excluded=tuple(excluded),
        answered_na=tuple(answered_na),
    )


def theme_status(max_sum: float, max_before_na: float) -> str:
    if max_sum <= 0:
        return NOT_APPLICABLE
    # "Less than a third of its maximum remains once N/A answers are set aside."
    if 3 * max_sum < max_before_na:
        return MOSTLY_NOT_APPLICABLE
    return SCORED


def condition_holds(condition: Condition, shown: set[str], answers: Mapping[str, Answer]) -> bool:
    """Whether a follow-up is shown; `shown` holds the theme's questions shown so far."""
    if condition.question not in shown:
        return False
    answer = answers.get(condition.question)
    if answer is None or answer.na or answer.is_empty:
        return False
    if condition.any_of is not None and not (answer.levels & condition.any_of):
        return False
    if condition.at_least is not None or condition.below is not None:
        return answer.value is not None and condition.matches_value(answer.value)
    return True


def weighted_mean(pairs: Iterable[tuple[float, float | None]]) -> float | None:
    """Mean of the scores that exist, weighted; None when none exists."""
    total = weights = 0.0
    for weight, value in pairs:
        if value is not None:
            total += weight * value
            weights += weight
    return total / weights if weights > 0 else None


def pillar_scores(pack: Pack, theme_scores: Mapping[str, float | None]) -> dict[str, float | None]:
    return {
        pillar.code: weighted_mean(
            (theme.weight, theme_scores[theme.code]) for theme in pillar.themes
        )
        for pillar in pack.pillars
    }


def overall_score(pack: Pack, pillars: Mapping[str, float | None]) -> float | None:
    return weighted_mean((pillar.weight, pillars[pillar.code]) for pillar in pack.pillars)


def assemble(pack: Pack, themes: list[ThemeScore]) -> Result:
    """The result of an assessment from the scores of all its themes, in pack order."""
    pillars = pillar_scores(pack, {theme.code: theme.score for theme in themes})
    return Result(
        overall=overall_score(pack, pillars),
        pillars=pillars,
        themes={theme.code: theme for theme in themes},
        questions={question.code: question for theme in themes for question in theme.questions},
        missing=tuple(code for theme in themes for code in theme.missing),
        hidden=tuple(code for theme in themes for code in theme.hidden),
        excluded=tuple(code for theme in themes for code in theme.excluded),
        answered_na=tuple(code for theme in themes for code in theme.answered_na),
    )
