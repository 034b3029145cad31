"""A deliberately naive scorer, written straight from docs/frameworks.md.

It shares no code with levier.engine.scoring: recursion instead of a single pass,
brute force for multiple_choice maxima, exact fractions instead of floats.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations

from levier.engine.answers import Answer
from levier.engine.packs import Pack, Question, Rule
from levier.engine.profile import Profile


@dataclass
class Expected:
    overall: float | None
    pillars: dict[str, float | None]
    themes: dict[str, float | None]
    statuses: dict[str, str]
    counted: set[str]
    missing: set[str]
    hidden: set[str]
    excluded: set[str]
    answered_na: set[str]


def rule_holds(rule: Rule | None, profile: Profile) -> bool:
    if rule is None:
        return True
    checks = []
    if rule.size_bands is not None:
        checks.append(profile.size_band is not None and profile.size_band in rule.size_bands)
    if rule.min_headcount is not None:
        checks.append(profile.headcount is not None and profile.headcount >= rule.min_headcount)
    if rule.max_headcount is not None:
        checks.append(profile.headcount is not None and profile.headcount <= rule.max_headcount)
    if rule.naf_sections is not None:
        checks.append(profile.naf_section in rule.naf_sections)
    if rule.exclude_naf_sections is not None:
        checks.append(
            profile.naf_section is None or profile.naf_section not in rule.exclude_naf_sections
        )
    checks.extend((flag in profile.flags) == wanted for flag, wanted in rule.flags)
    return all(checks)


def best_points(question: Question) -> Fraction:
    """The maximum by brute force over every answer the question accepts."""
    if question.type == "text" or not question.levels:
        return Fraction(0)
    if question.type != "multiple_choice":
        return max(Fraction(level.points) for level in question.levels)
    combinable = [level for level in question.levels if not level.exclusive]
    selections = [
        subset
        for size in range(1, len(combinable) + 1)
        for subset in combinations(combinable, size)
    ]
    selections += [(level,) for level in question.levels if level.exclusive]
    return max(capped(question, sum(Fraction(level.points) for level in s)) for s in selections)


def capped(question: Question, total: Fraction) -> Fraction:
    if question.points_cap is None:
        return total
    return min(total, Fraction(question.points_cap))


def points(question: Question, answer: Answer) -> Fraction:
    if question.type in ("number", "percentage"):
        for band in question.levels:
            above_min = band.min is None or answer.value >= band.min
            below_max = band.max is None or answer.value < band.max
            if above_min and below_max:
                return Fraction(band.points)
        return Fraction(0)
    chosen = [level for level in question.levels if level.code in answer.levels]
    return capped(question, sum((Fraction(level.points) for level in chosen), Fraction(0)))


def has_level(question: Question, answer: Answer | None) -> bool:
    if answer is None or answer.na:
        return False
    if question.type in ("number", "percentage"):
        return answer.value is not None
    return len(answer.levels) > 0


def visible(question: Question, pack: Pack, profile: Profile, answers: dict) -> bool:
    if not rule_holds(question.rule, profile):
        return False
    condition = question.condition
    if condition is None:
        return True
    parent = pack.question(condition.question)
    if not visible(parent, pack, profile, answers):
        return False
    answer = answers.get(parent.code)
    if not has_level(parent, answer):
        return False
    if parent.type in ("number", "percentage"):
        low_ok = condition.at_least is None or answer.value >= condition.at_least
        high_ok = condition.below is None or answer.value < condition.below
        return low_ok and high_ok
    return any(code in condition.any_of for code in answer.levels)


def mean(pairs: list[tuple[Fraction, Fraction | None]]) -> Fraction | None:
    present = [(weight, value) for weight, value in pairs if value is not None]
    if not present:
        return None
    return sum(w * v for w, v in present) / sum(w for w, _ in present)


def as_float(value: Fraction | None) -> float | None:
    return None if value is None else float(value)


def reference_score(pack: Pack, profile: Profile, answers: dict[str, Answer]) -> Expected:
    expected = Expected(None, {}, {}, {}, set(), set(), set(), set(), set())
    exact_themes: dict[str, Fraction | None] = {}
    for theme in pack.themes:
        earned = maximum = set_aside = Fraction(0)
        for question in theme.questions:
            answer = answers.get(question.code)
            if not rule_holds(question.rule, profile):
                expected.excluded.add(question.code)
                continue
            if not visible(question, pack, profile, answers):
                expected.hidden.add(question.code)
                continue
            worth = best_points(question) * Fraction(question.weight)
            if answer is not None and answer.na:
                expected.answered_na.add(question.code)
                set_aside += worth
                continue
            if question.type != "text" and not has_level(question, answer):
                expected.missing.add(question.code)
            if worth == 0:
                continue
            expected.counted.add(question.code)
            maximum += worth
            if has_level(question, answer):
                earned += points(question, answer) * Fraction(question.weight)
        if maximum == 0:
            status, value = "not_applicable", None
        elif maximum < (maximum + set_aside) / 3:
            status, value = "mostly_not_applicable", None
        else:
            status, value = "scored", 100 * earned / maximum
        expected.statuses[theme.code] = status
        exact_themes[theme.code] = value
        expected.themes[theme.code] = as_float(value)
    exact_pillars = {
        pillar.code: mean([(Fraction(t.weight), exact_themes[t.code]) for t in pillar.themes])
        for pillar in pack.pillars
    }
    expected.pillars = {code: as_float(value) for code, value in exact_pillars.items()}
    expected.overall = as_float(
        mean([(Fraction(p.weight), exact_pillars[p.code]) for p in pack.pillars])
    )
    return expected
