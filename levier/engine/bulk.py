"""Scoring many assessments of one pack at once with numpy.

Gives the numbers of `scoring.score` for every assessment, but works on whole columns
so that per-assessment Python overhead does not dominate. Answers are trusted: they
are expected to have passed `validate_answer` when they were saved.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from levier.engine.answers import Answer
from levier.engine.bulk_compile import CompiledPack, compile_pack
from levier.engine.packs import FLAGS, NAF_SECTIONS, SIZE_BANDS, Rule
from levier.engine.profile import Profile
from levier.engine.scoring import THEME_STATUSES

__all__ = [
    "AnswerColumns",
    "BulkScores",
    "CompiledPack",
    "applicability_matrix",
    "columns_from_answers",
    "columns_from_rows",
    "compile_pack",
    "score_many",
]

# theme_status values index THEME_STATUSES: 0 scored, 1 not applicable, 2 mostly N/A.
SCORED_CODE, NOT_APPLICABLE_CODE, MOSTLY_NOT_APPLICABLE_CODE = range(len(THEME_STATUSES))


@dataclass(frozen=True, eq=False)
class AnswerColumns:
    """One row per answered question (at most one per assessment and question)."""

    assessment: np.ndarray  # int64 [N]: assessment number, 0 to A-1
    question: np.ndarray  # int64 [N]: question number in the compiled pack
    levels: np.ndarray  # int64 [N]: bitmask of the chosen levels
    value: np.ndarray  # float64 [N]: NaN when there is no value
    na: np.ndarray  # bool [N]: answered "not applicable"


@dataclass(frozen=True, eq=False)
class BulkScores:
    """Scores of A assessments; NaN where `score()` gives None."""

    overall: np.ndarray  # [A]
    pillars: np.ndarray  # [A, P]
    themes: np.ndarray  # [A, T]
    theme_status: np.ndarray  # uint8 [A, T], an index into THEME_STATUSES
    theme_earned: np.ndarray  # [A, T] weighted
    theme_max: np.ndarray  # [A, T] weighted
    counted: np.ndarray  # bool [A, Q]
    missing: np.ndarray  # bool [A, Q]


def columns_from_rows(
    compiled: CompiledPack,
    assessment: Sequence[int],
    question_codes: Sequence[str],
    level_codes: Sequence[Iterable[str]],
    values: Sequence[float | None],
    na: Sequence[bool],
) -> AnswerColumns:
    """Columns from rows as a database query returns them.

    Level codes are tuples (lists are accepted, at some cost). Only the distinct
    (question, selection) pairs are encoded in Python; the rows are mapped in C.
    """
    keys = list(zip(question_codes, level_codes, strict=True))
    try:
        distinct = dict.fromkeys(keys)
    except TypeError:  # unhashable selections, such as lists
        keys = [(code, tuple(levels)) for code, levels in keys]
        distinct = dict.fromkeys(keys)
    numbers = np.zeros(len(distinct), dtype=np.int64)
    masks = np.zeros(len(distinct), dtype=np.int64)
    for position, (code, levels) in enumerate(distinct):
        distinct[(code, levels)] = position
        numbers[position] = compiled.question_index[code]
        masks[position] = compiled.level_mask(numbers[position], levels)
    key_ids = np.fromiter(map(distinct.__getitem__, keys), dtype=np.int64, count=len(keys))
    return AnswerColumns(
        assessment=np.asarray(assessment, dtype=np.int64),
        question=numbers[key_ids],
        levels=masks[key_ids],
        value=np.asarray(values, dtype=float),
        na=np.asarray(na, dtype=bool),
    )


def columns_from_answers(
    compiled: CompiledPack, answers: Sequence[Mapping[str, Answer]]
) -> AnswerColumns:
    """Columns from one answer mapping per assessment (questions outside the pack dropped)."""
    rows = [
        (number, code, tuple(answer.levels), answer.value, answer.na)
        for number, assessment in enumerate(answers)
        for code, answer in assessment.items()
        if code in compiled.question_index and not answer.is_empty
    ]
    return columns_from_rows(compiled, *(zip(*rows, strict=True) if rows else ((),) * 5))


def applicability_matrix(compiled: CompiledPack, profiles: Sequence[Profile]) -> np.ndarray:
    """bool [A, Q]: whether each question applies to each assessment's profile."""
    unique: dict[Profile, int] = {}
    inverse = np.fromiter(
        (unique.setdefault(profile, len(unique)) for profile in profiles),
        dtype=np.int64,
        count=len(profiles),
    )
    distinct = list(unique)
    traits = _ProfileTraits(distinct)
    rows = np.ones((len(distinct), len(compiled.question_codes)), dtype=bool)
    for rule, questions in compiled.rules:
        rows[:, questions] = traits.satisfy(rule)[:, None]
    return rows[inverse]


class _ProfileTraits:
    """The profiles' fields as arrays; -1 (or NaN) where unknown."""

    def __init__(self, profiles: list[Profile]) -> None:
        self.headcount = np.array(
            [np.nan if p.headcount is None else p.headcount for p in profiles], dtype=float
        )
        self.size_band = np.array([_position(SIZE_BANDS, p.size_band) for p in profiles])
        self.naf = np.array([_position(NAF_SECTIONS, p.naf_section) for p in profiles])
        self.flags = {
            flag: np.array([flag in p.flags for p in profiles], dtype=bool) for flag in FLAGS
        }

    def satisfy(self, rule: Rule) -> np.ndarray:
        # Mirrors profile.rule_exclusion; NaN and -1 never match a required value.
        ok = np.ones(len(self.headcount), dtype=bool)
        if rule.size_bands is not None:
            ok &= np.isin(self.size_band, [SIZE_BANDS.index(b) for b in rule.size_bands])
        if rule.min_headcount is not None:
            ok &= self.headcount >= rule.min_headcount
        if rule.max_headcount is not None:
            ok &= self.headcount <= rule.max_headcount
        if rule.naf_sections is not None:
            ok &= np.isin(self.naf, [NAF_SECTIONS.index(s) for s in rule.naf_sections])
        if rule.exclude_naf_sections is not None:
            ok &= ~np.isin(self.naf, [NAF_SECTIONS.index(s) for s in rule.exclude_naf_sections])
        for flag, wanted in rule.flags:
            ok &= self.flags[flag] == wanted
        return ok


def _position(values: tuple[str, ...], value: str | None) -> int:
    return -1 if value is None else values.index(value)


def score_many(
    compiled: CompiledPack, applicable: np.ndarray, answers: AnswerColumns
) -> BulkScores:
    """Score every assessment; `applicable` is `applicability_matrix(...)`, bool [A, Q]."""
    count, _ = applicable.shape
    earned, answered, na = _answer_matrices(compiled, count, answers)
    shown = _shown(compiled, applicable, answered, answers)
    scoreable = compiled.scoreable[None, :]
    counted = shown & ~na & scoreable
    weighted_max = compiled.max_points * compiled.weight
    theme_earned = np.where(counted, earned * compiled.weight, 0.0) @ compiled.theme_matrix
    theme_max = np.where(counted, weighted_max, 0.0) @ compiled.theme_matrix
    max_before_na = np.where(shown & scoreable, weighted_max, 0.0) @ compiled.theme_matrix
    status = np.full(theme_max.shape, SCORED_CODE, dtype=np.uint8)
    status[3 * theme_max < max_before_na] = MOSTLY_NOT_APPLICABLE_CODE
    status[theme_max <= 0] = NOT_APPLICABLE_CODE
    scored = status == SCORED_CODE
    themes = np.full(theme_max.shape, np.nan)
    themes[scored] = 100.0 * theme_earned[scored] / theme_max[scored]
    pillars = _weighted_means(themes, compiled.theme_weight, compiled.pillar_matrix)
    overall = _weighted_means(pillars, compiled.pillar_weight, np.ones((pillars.shape[1], 1)))
    return BulkScores(
        overall=overall[:, 0],
        pillars=pillars,
        themes=themes,
        theme_status=status,
        theme_earned=theme_earned,
        theme_max=theme_max,
        counted=counted,
        missing=shown & ~answered & ~na & ~compiled.text[None, :],
    )


def _weighted_means(scores: np.ndarray, weights: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """Per group, the weighted mean of the scores that are not NaN (NaN when none is)."""
    present = ~np.isnan(scores)
    totals = np.where(present, scores * weights, 0.0) @ groups
    weight_sums = np.where(present, weights, 0.0) @ groups
    means = np.full(totals.shape, np.nan)
    has_score = weight_sums > 0
    means[has_score] = totals[has_score] / weight_sums[has_score]
    return means


def _answer_matrices(
    compiled: CompiledPack, count: int, answers: AnswerColumns
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Dense [A, Q] earned points, answered (with a level) and answered N/A."""
    question, levels, value = answers.question, answers.levels, answers.value
    chosen = np.zeros(len(question))
    in_band = np.zeros(len(question))
    for bit in range(compiled.level_points.shape[1]):
        points = compiled.level_points[question, bit]
        chosen += np.where(((levels >> bit) & 1) == 1, points, 0.0)
        inside = (value >= compiled.band_low[question, bit]) & (
            value < compiled.band_high[question, bit]
        )
        in_band += np.where(inside, points, 0.0)
    numeric = compiled.numeric[question]
    row_earned = np.where(numeric, in_band, np.minimum(chosen, compiled.cap[question]))
    row_answered = ~answers.na & np.where(numeric, ~np.isnan(value), levels != 0)
    shape = (count, len(compiled.question_codes))
    earned = np.zeros(shape)
    answered = np.zeros(shape, dtype=bool)
    na = np.zeros(shape, dtype=bool)
    where = (answers.assessment, question)
    earned[where] = np.where(row_answered, row_earned, 0.0)
    answered[where] = row_answered
    na[where] = answers.na
    return earned, answered, na


def _shown(
    compiled: CompiledPack, applicable: np.ndarray, answered: np.ndarray, answers: AnswerColumns
) -> np.ndarray:
    """Applicable questions whose show_if holds (pack order: parents are settled first)."""
    shown = applicable.copy()
    if not compiled.conditions:
        return shown
    count = applicable.shape[0]
    parents = sorted({condition.parent for condition in compiled.conditions})
    column = np.full(len(compiled.question_codes), -1, dtype=np.int64)
    column[parents] = np.arange(len(parents))
    rows = column[answers.question] >= 0
    where = (answers.assessment[rows], column[answers.question[rows]])
    levels = np.zeros((count, len(parents)), dtype=np.int64)
    values = np.full((count, len(parents)), np.nan)
    levels[where] = answers.levels[rows]
    values[where] = answers.value[rows]
    for condition in compiled.conditions:
        parent = condition.parent
        holds = shown[:, parent] & answered[:, parent]
        if condition.uses_levels:
            holds &= (levels[:, column[parent]] & condition.levels_mask) != 0
        if condition.uses_values:
            parent_values = values[:, column[parent]]
            holds &= (parent_values >= condition.at_least) & (parent_values < condition.below)
        shown[:, condition.question] &= holds
    return shown
