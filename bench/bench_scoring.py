"""Benchmark: what `manage.py rescore` does per assessment, with the plain engine.

Builds a synthetic pack (mixed question types, a few follow-ups, some applicability
rules) and random assessments stored as answer rows, the way a database query returns
them, then times, from those rows: scoring alone, and scoring plus every question's gain
(what a snapshot stores). The numpy bulk scorer it used to compare with was removed
(docs/adr/0026): 8-18x the loop end to end, short of the 50x that would justify it.

    .venv/bin/python bench/bench_scoring.py [--n 10000] [--questions 100] [--seed 1]
"""

from __future__ import annotations

import argparse
import math
import random
import time
from collections import defaultdict
from pathlib import Path

from levier.engine.answers import Answer
from levier.engine.impact import question_gains
from levier.engine.packs import (
    FLAGS,
    NAF_SECTIONS,
    Condition,
    Level,
    Pack,
    Pillar,
    Question,
    Rule,
    Theme,
)
from levier.engine.profile import Profile
from levier.engine.scoring import score
from levier.engine.text import Text

LABEL = Text(fr="libellé", en="label")
TYPES = ["yes_no", "single_choice", "single_choice", "multiple_choice", "number", "percentage"]
QUESTIONS_PER_THEME = 5
THEMES_PER_PILLAR = 4


def synthetic_question(
    rng: random.Random, code: str, earlier: list[Question], theme: str, pillar: str
):
    qtype = "text" if rng.random() < 0.05 else rng.choice(TYPES)
    levels: tuple[Level, ...] = ()
    cap = None
    if qtype == "yes_no":
        levels = (Level("yes", None, rng.choice([1, 2, 3])), Level("no", None, 0))
    elif qtype == "single_choice":
        levels = tuple(Level(f"l{i}", LABEL, i) for i in range(rng.randint(3, 5)))
    elif qtype == "multiple_choice":
        options = [Level(f"o{i}", LABEL, rng.choice([1, 1, 2])) for i in range(rng.randint(3, 6))]
        levels = (*options, Level("none", LABEL, 0, exclusive=True))
        cap = rng.choice([None, 3.0])
    elif qtype == "number":
        levels = (
            Level("low", None, 0, max=10),
            Level("mid", None, 1, min=10, max=50),
            Level("high", None, 2, min=50),
        )
    elif qtype == "percentage":
        levels = (Level("low", None, 0, max=25), Level("mid", None, 1, min=25, max=75))
        levels = (*levels, Level("high", None, 3, min=75))
    condition = None
    parents = [q for q in earlier if q.type in ("yes_no", "number")]
    if parents and rng.random() < 0.3:
        parent = parents[-1]
        if parent.type == "yes_no":
            condition = Condition(parent.code, any_of=frozenset({"yes"}))
        else:
            condition = Condition(parent.code, at_least=10)
    rule = None
    if rng.random() < 0.15:
        rule = rng.choice(
            [
                Rule(size_bands=("medium", "large")),
                Rule(min_headcount=20),
                Rule(naf_sections=("C", "F")),
                Rule(exclude_naf_sections=("K",)),
                Rule(flags=(("ess", True),)),
            ]
        )
    return Question(
        code=code,
        type=qtype,
        text=LABEL,
        weight=rng.choice([1, 1, 2]),
        allow_na=rng.random() < 0.3,
        rule=rule,
        condition=condition,
        levels=levels,
        points_cap=cap,
        theme_code=theme,
        pillar_code=pillar,
    )


def synthetic_pack(rng: random.Random, question_count: int) -> Pack:
    theme_count = max(1, question_count // QUESTIONS_PER_THEME)
    pillars = []
    made = 0
    for p in range(math.ceil(theme_count / THEMES_PER_PILLAR)):
        pillar_code = f"P{p}"
        themes = []
        for t in range(min(THEMES_PER_PILLAR, theme_count - p * THEMES_PER_PILLAR)):
            theme_code = f"{pillar_code}-T{t}"
            questions: list[Question] = []
            for q in range(QUESTIONS_PER_THEME):
                if made == question_count:
                    break
                code = f"{theme_code}-Q{q}"
                questions.append(synthetic_question(rng, code, questions, theme_code, pillar_code))
                made += 1
            themes.append(Theme(theme_code, LABEL, tuple(questions), None, 1.0, pillar_code))
        pillars.append(Pillar(pillar_code, LABEL, tuple(themes)))
    return Pack(1, "bench", "1", LABEL, LABEL, pillars=tuple(pillars))


def random_profile(rng: random.Random) -> Profile:
    flags = frozenset(flag for flag in FLAGS if rng.random() < 0.2)
    headcount = None if rng.random() < 0.05 else int(rng.lognormvariate(3, 1.5))
    naf = None if rng.random() < 0.1 else rng.choice(NAF_SECTIONS)
    return Profile(headcount=headcount, naf_section=naf, flags=flags)


def random_answer(
    rng: random.Random, question: Question
) -> tuple[tuple[str, ...], float | None, bool]:
    if question.allow_na and rng.random() < 0.1:
        return (), None, True
    if question.type == "multiple_choice":
        options = [level.code for level in question.levels if not level.exclusive]
        if rng.random() < 0.1:
            return ("none",), None, False
        return tuple(rng.sample(options, rng.randint(1, len(options)))), None, False
    if question.is_choice:
        return (rng.choice(question.levels).code,), None, False
    if question.type == "number":
        return (), round(rng.uniform(0, 100), 1), False
    return (), round(rng.uniform(0, 100), 1), False


def random_rows(rng: random.Random, pack: Pack, count: int):
    """Answer rows as columns: assessment, question code, level codes, value, N/A."""
    columns: tuple[list, ...] = ([], [], [], [], [])
    for assessment in range(count):
        for question in pack.questions:
            if question.type == "text" or rng.random() < 0.15:
                continue
            levels, value, na = random_answer(rng, question)
            for column, cell in zip(
                columns, (assessment, question.code, levels, value, na), strict=True
            ):
                column.append(cell)
    return columns


def answers_of(rows) -> dict[int, dict[str, Answer]]:
    answers: dict[int, dict[str, Answer]] = defaultdict(dict)
    for assessment, code, levels, value, na in zip(*rows, strict=True):
        answers[assessment][code] = Answer(frozenset(levels), value, na)
    return answers


def score_one_by_one(pack: Pack, profiles: list[Profile], rows):
    answers = answers_of(rows)
    return [score(pack, profile, answers[index]) for index, profile in enumerate(profiles)]


def rescore_one_by_one(pack: Pack, profiles: list[Profile], rows):
    """Scores and every question's gain: what `rescore` recomputes per snapshot."""
    answers = answers_of(rows)
    stored = []
    for index, profile in enumerate(profiles):
        result = score(pack, profile, answers[index])
        stored.append((result, question_gains(pack, profile, answers[index], result)))
    return stored


def timed(function, *args):
    start = time.perf_counter()
    result = function(*args)
    return result, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10_000, help="number of assessments")
    parser.add_argument("--questions", type=int, default=100, help="questions in the pack")
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()
    rng = random.Random(options.seed)
    pack = synthetic_pack(rng, options.questions)
    profiles = [random_profile(rng) for _ in range(options.n)]
    rows = random_rows(rng, pack, options.n)
    follow_ups = sum(question.condition is not None for question in pack.questions)
    with_rules = sum(question.rule is not None for question in pack.questions)
    print(
        f"pack: {len(pack.questions)} questions in {len(pack.themes)} themes "
        f"({follow_ups} follow-ups, {with_rules} with a rule); "
        f"{options.n} assessments, {len(rows[0])} answer rows"
    )
    _, score_seconds = timed(score_one_by_one, pack, profiles, rows)
    _, rescore_seconds = timed(rescore_one_by_one, pack, profiles, rows)
    print(f"score(), rows -> answers -> scores: {rate(options.n, score_seconds)}")
    print(f"score() + question_gains(), what rescore stores: {rate(options.n, rescore_seconds)}")
    print(f"gains cost {rescore_seconds / score_seconds:.1f}x the scoring alone")
    print(f"numpy used by levier: {'yes' if numpy_used() else 'no (removed)'}")


def rate(count: int, seconds: float) -> str:
    return f"{count / seconds:,.0f} assessments/s ({seconds:.3f} s)"


def numpy_used() -> bool:
    """Whether any levier module still mentions numpy (none should: ADR 0026)."""
    root = Path(__file__).resolve().parents[1] / "levier"
    return any("numpy" in path.read_text(encoding="utf-8") for path in root.rglob("*.py"))


if __name__ == "__main__":
    main()
