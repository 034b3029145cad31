"""A pack turned into numpy arrays, once, for bulk scoring.

Questions, themes and pillars are numbered in pack order; the levels of a question are
numbered in the order of the pack, and a selection of levels is a bitmask (bit i set
when level i is chosen).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from levier.engine.packs import MAX_LEVELS, TEXT, Pack, Rule, is_scoreable


@dataclass(frozen=True, eq=False)
class CompiledCondition:
    question: int
    parent: int
    uses_levels: bool
    levels_mask: int
    uses_values: bool
    # -inf / +inf when the bound is not given, so that comparisons need no special case.
    at_least: float
    below: float


@dataclass(frozen=True, eq=False)
class CompiledPack:
    pack: Pack
    question_codes: tuple[str, ...]
    theme_codes: tuple[str, ...]
    pillar_codes: tuple[str, ...]
    question_index: dict[str, int]
    level_index: tuple[dict[str, int], ...]
    # Per question [Q]
    question_theme: np.ndarray
    weight: np.ndarray
    max_points: np.ndarray
    scoreable: np.ndarray
    numeric: np.ndarray
    text: np.ndarray
    cap: np.ndarray
    # Per question and level [Q, L]; padding levels are worth 0 and hold no value.
    level_points: np.ndarray
    band_low: np.ndarray
    band_high: np.ndarray
    # Per theme [T] and pillar [P]
    theme_weight: np.ndarray
    pillar_weight: np.ndarray
    # One-hot memberships: question -> theme [Q, T] and theme -> pillar [T, P].
    theme_matrix: np.ndarray
    pillar_matrix: np.ndarray
    conditions: tuple[CompiledCondition, ...]
    # Each distinct applicability rule with the questions it governs.
    rules: tuple[tuple[Rule, np.ndarray], ...]

    def level_mask(self, question: int, codes: Iterable[str]) -> int:
        """The bitmask of the level `codes` of question number `question`."""
        index = self.level_index[question]
        mask = 0
        for code in codes:
            mask |= 1 << index[code]
        return mask


def compile_pack(pack: Pack) -> CompiledPack:
    questions = pack.questions
    themes = pack.themes
    theme_number = {theme.code: number for number, theme in enumerate(themes)}
    pillar_number = {pillar.code: number for number, pillar in enumerate(pack.pillars)}
    question_index = {question.code: number for number, question in enumerate(questions)}
    width = max((len(question.levels) for question in questions), default=0)
    if width > MAX_LEVELS:
        raise ValueError(f"a question has {width} levels; bulk scoring handles {MAX_LEVELS}")
    width = max(width, 1)
    count = len(questions)
    level_points = np.zeros((count, width))
    band_low = np.full((count, width), np.inf)
    band_high = np.full((count, width), np.inf)
    for row, question in enumerate(questions):
        for column, level in enumerate(question.levels):
            level_points[row, column] = level.points
            if question.is_numeric:
                band_low[row, column] = -np.inf if level.min is None else level.min
                band_high[row, column] = np.inf if level.max is None else level.max
    question_theme = np.array([theme_number[q.theme_code] for q in questions], dtype=np.int64)
    theme_pillar = np.array([pillar_number[t.pillar_code] for t in themes], dtype=np.int64)
    return CompiledPack(
        pack=pack,
        question_codes=tuple(question_index),
        theme_codes=tuple(theme_number),
        pillar_codes=tuple(pillar_number),
        question_index=question_index,
        level_index=tuple(
            {level.code: bit for bit, level in enumerate(question.levels)}
            for question in questions
        ),
        question_theme=question_theme,
        weight=np.array([question.weight for question in questions], dtype=float),
        max_points=np.array([question.max_points for question in questions], dtype=float),
        scoreable=np.array([is_scoreable(question) for question in questions], dtype=bool),
        numeric=np.array([question.is_numeric for question in questions], dtype=bool),
        text=np.array([question.type == TEXT for question in questions], dtype=bool),
        cap=np.array(
            [np.inf if q.points_cap is None else q.points_cap for q in questions], dtype=float
        ),
        level_points=level_points,
        band_low=band_low,
        band_high=band_high,
        theme_weight=np.array([theme.weight for theme in themes], dtype=float),
        pillar_weight=np.array([pillar.weight for pillar in pack.pillars], dtype=float),
        theme_matrix=_one_hot(question_theme, len(themes)),
        pillar_matrix=_one_hot(theme_pillar, len(pack.pillars)),
        conditions=_compile_conditions(pack, question_index),
        rules=_group_rules(pack),
    )


def _one_hot(groups: np.ndarray, size: int) -> np.ndarray:
    matrix = np.zeros((len(groups), size))
    matrix[np.arange(len(groups)), groups] = 1.0
    return matrix


def _compile_conditions(
    pack: Pack, question_index: dict[str, int]
) -> tuple[CompiledCondition, ...]:
    compiled = []
    for number, question in enumerate(pack.questions):
        condition = question.condition
        if condition is None:
            continue
        parent = question_index[condition.question]
        levels = pack.questions[parent].levels
        mask = 0
        for bit, level in enumerate(levels):
            if condition.any_of is not None and level.code in condition.any_of:
                mask |= 1 << bit
        compiled.append(
            CompiledCondition(
                question=number,
                parent=parent,
                uses_levels=condition.any_of is not None,
                levels_mask=mask,
                uses_values=condition.at_least is not None or condition.below is not None,
                at_least=-np.inf if condition.at_least is None else condition.at_least,
                below=np.inf if condition.below is None else condition.below,
            )
        )
    return tuple(compiled)


def _group_rules(pack: Pack) -> tuple[tuple[Rule, np.ndarray], ...]:
    governed: dict[Rule, list[int]] = {}
    for number, question in enumerate(pack.questions):
        if question.rule is not None:
            governed.setdefault(question.rule, []).append(number)
    return tuple((rule, np.array(numbers, dtype=np.int64)) for rule, numbers in governed.items())
