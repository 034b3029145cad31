"""Hypothesis strategies: random packs, profiles and valid answers.

Points and weights are multiples of 0.5 so that sums are exact in binary floating
point: summation order then cannot flip a "mostly not applicable" threshold.
"""

from __future__ import annotations

from itertools import pairwise

from hypothesis import strategies as st

from levier.engine.answers import Answer
from levier.engine.packs import (
    FLAGS,
    MULTIPLE_CHOICE,
    NAF_SECTIONS,
    NUMBER,
    PERCENTAGE,
    QUESTION_TYPES,
    SINGLE_CHOICE,
    SIZE_BANDS,
    TEXT,
    YES_NO,
    Condition,
    Level,
    Pack,
    Pillar,
    Question,
    Rule,
    Theme,
)
from levier.engine.profile import Profile
from levier.engine.text import Text

POINTS = st.sampled_from([0.0, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0])
WEIGHTS = st.sampled_from([0.5, 1.0, 2.0, 3.0])
LABEL = Text(fr="libellé", en="label")

profiles = st.builds(
    Profile,
    headcount=st.none() | st.integers(0, 400),
    naf_section=st.none() | st.sampled_from(NAF_SECTIONS[:4]),
    flags=st.frozensets(st.sampled_from(FLAGS)),
)


@st.composite
def rules(draw) -> Rule:
    """Rules over few values, so that they often match and often don't."""
    clauses = draw(st.sets(st.sampled_from(["size", "min", "max", "naf", "exclude", "flag"])))
    low = draw(st.integers(0, 100)) if "min" in clauses else None
    high = draw(st.integers(low or 0, 300)) if "max" in clauses else None
    sections = st.lists(st.sampled_from(NAF_SECTIONS[:4]), min_size=1, max_size=3, unique=True)
    return Rule(
        size_bands=(
            tuple(draw(st.lists(st.sampled_from(SIZE_BANDS), min_size=1, unique=True)))
            if "size" in clauses
            else None
        ),
        min_headcount=low,
        max_headcount=high,
        naf_sections=tuple(draw(sections)) if "naf" in clauses else None,
        exclude_naf_sections=tuple(draw(sections)) if "exclude" in clauses else None,
        flags=((draw(st.sampled_from(FLAGS)), draw(st.booleans())),) if "flag" in clauses else (),
    )


@st.composite
def choice_levels(draw, qtype: str) -> tuple[tuple[Level, ...], float | None]:
    if qtype == YES_NO:
        return (Level("yes", None, draw(POINTS)), Level("no", None, draw(POINTS))), None
    count = draw(st.integers(2, 4))
    levels = [Level(f"l{index}", LABEL, draw(POINTS)) for index in range(count)]
    if qtype == SINGLE_CHOICE:
        return tuple(levels), None
    if draw(st.booleans()):
        levels.append(Level("none", LABEL, draw(st.sampled_from([0.0, 0.0, 1.0])), exclusive=True))
    reachable = max(
        sum(level.points for level in levels if not level.exclusive),
        max((level.points for level in levels if level.exclusive), default=0.0),
    )
    cap = None
    if reachable > 0 and draw(st.booleans()):
        cap = draw(st.sampled_from([0.5 * step for step in range(1, int(reachable * 2) + 1)]))
    return tuple(levels), cap


@st.composite
def bands(draw, qtype: str) -> tuple[Level, ...]:
    """Non-overlapping bands, with gaps sometimes, open-ended sometimes."""
    grid = [10.0, 25.0, 50.0, 75.0, 90.0] if qtype == PERCENTAGE else [-5.0, 0.0, 5.0, 10.0, 40.0]
    edges = sorted(draw(st.lists(st.sampled_from(grid), min_size=1, max_size=4, unique=True)))
    spans = [(None, edges[0]), *pairwise(edges), (edges[-1], None)]
    kept = [span for span in spans if draw(st.booleans())] or [spans[-1]]
    return tuple(
        Level(f"b{index}", None, draw(POINTS), min=low, max=high)
        for index, (low, high) in enumerate(kept)
    )


@st.composite
def conditions(draw, earlier: list[Question]) -> Condition | None:
    parents = [question for question in earlier if question.type != TEXT and question.levels]
    if not parents or not draw(st.booleans()):
        return None
    parent = draw(st.sampled_from(parents))
    if parent.is_choice:
        codes = [level.code for level in parent.levels]
        any_of = draw(st.frozensets(st.sampled_from(codes), min_size=1))
        return Condition(parent.code, any_of=any_of)
    thresholds = sorted({edge for band in parent.levels for edge in (band.min, band.max)} - {None})
    at_least = draw(st.none() | st.sampled_from(thresholds))
    below = draw(st.sampled_from([*thresholds, 1000.0]))
    if at_least is not None and at_least >= below:
        below = None
    return Condition(parent.code, at_least=at_least, below=below)


@st.composite
def questions(draw, code: str, earlier: list[Question], theme: str, pillar: str) -> Question:
    qtype = draw(st.sampled_from(QUESTION_TYPES))
    levels: tuple[Level, ...] = ()
    cap = None
    if qtype in (YES_NO, SINGLE_CHOICE, MULTIPLE_CHOICE):
        levels, cap = draw(choice_levels(qtype))
    elif qtype in (NUMBER, PERCENTAGE):
        levels = draw(bands(qtype))
    return Question(
        code=code,
        type=qtype,
        text=LABEL,
        weight=draw(WEIGHTS),
        allow_na=draw(st.booleans()),
        rule=draw(st.none() | st.none() | rules()),
        condition=draw(conditions(earlier)),
        levels=levels,
        points_cap=cap,
        theme_code=theme,
        pillar_code=pillar,
    )


@st.composite
def packs(draw, max_pillars: int = 3, max_themes: int = 3, max_questions: int = 5) -> Pack:
    pillars = []
    for p in range(draw(st.integers(1, max_pillars))):
        pillar_code = f"P{p}"
        themes = []
        for t in range(draw(st.integers(1, max_themes))):
            theme_code = f"{pillar_code}-T{t}"
            theme_questions: list[Question] = []
            for q in range(draw(st.integers(1, max_questions))):
                code = f"{theme_code}-Q{q}"
                theme_questions.append(
                    draw(questions(code, theme_questions, theme_code, pillar_code))
                )
            themes.append(
                Theme(theme_code, LABEL, tuple(theme_questions), None, draw(WEIGHTS), pillar_code)
            )
        pillars.append(Pillar(pillar_code, LABEL, tuple(themes), None, draw(WEIGHTS)))
    return Pack(1, "generated", "1", LABEL, LABEL, pillars=tuple(pillars))


@st.composite
def valid_answers(draw, question: Question) -> Answer:
    """Any answer the question accepts, N/A included when allowed."""
    if question.allow_na and draw(st.integers(0, 5)) == 0:
        return Answer(na=True)
    if question.type == TEXT:
        return Answer()
    if question.type == MULTIPLE_CHOICE:
        exclusive = [level.code for level in question.levels if level.exclusive]
        if exclusive and draw(st.integers(0, 3)) == 0:
            return Answer(levels=frozenset({draw(st.sampled_from(exclusive))}))
        others = [level.code for level in question.levels if not level.exclusive]
        return Answer(levels=draw(st.frozensets(st.sampled_from(others), min_size=1)))
    if question.is_choice:
        return Answer(levels=frozenset({draw(st.sampled_from(question.levels)).code}))
    edges = [edge for band in question.levels for edge in (band.min, band.max) if edge is not None]
    # Edges and values just below them exercise the "min included, max excluded" rule.
    near = [*edges, *(edge - 0.5 for edge in edges), -20.0, 0.0, 100.0, 500.0]
    if question.type == PERCENTAGE:
        values = st.sampled_from([v for v in near if 0 <= v <= 100]) | st.floats(0, 100)
    else:
        values = st.sampled_from(near) | st.floats(-50, 500)
    return Answer(value=draw(values))


@st.composite
def answer_sets(draw, pack: Pack) -> dict[str, Answer]:
    """Answers to a random part of the pack (the rest is unanswered)."""
    answers = {}
    for question in pack.questions:
        if draw(st.integers(0, 4)) == 0:
            continue
        answer = draw(valid_answers(question))
        if not answer.is_empty:
            answers[question.code] = answer
    return answers
