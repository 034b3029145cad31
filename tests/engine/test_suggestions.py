"""Where to start: suggestions, quick wins, balanced top and plan projection.

The hand-built pack below is scored by hand in the comments; the property tests check
gains against tests/engine/reference.py, a scorer that shares no code with the engine.
"""

import ast
import math
import random
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from levier.engine import suggestions as suggestions_module
from levier.engine.answers import Answer, InvalidAnswer
from levier.engine.pack_loader import load_pack, load_pack_file
from levier.engine.packs import MULTIPLE_CHOICE, PERCENTAGE, TEXT, Pack, Question
from levier.engine.profile import Profile, applies
from levier.engine.scoring import score
from levier.engine.suggestions import (
    PracticeOption,
    Suggestion,
    balanced_top,
    filter_suggestions,
    plan_projection,
    quick_wins,
    suggest,
)
from levier.engine.whatif import BEST_SELECTION, Gain, all_gains, band_value
from tests.engine import reference
from tests.engine.paths import assert_path_is_best
from tests.engine.strategies import answer_sets, packs, profiles, valid_answers

PROPERTY = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LEVIER_360 = Path(__file__).parents[2] / "levier" / "frameworks" / "packs" / "levier-360-v2.yaml"

DEMO_YAML = """
format: 1
id: suggest-demo
version: "1.0.0"
title: {fr: Démo des suggestions, en: Suggestions demo}
description: {fr: Pour les tests., en: For the tests.}
pillars:
  - code: SOC
    title: {fr: Social, en: Social}
    themes:
      - code: SOC-A
        title: {fr: Pratiques, en: Practices}
        questions:
          - code: A-01
            type: yes_no
            text: {fr: "Une charte ?", en: "A charter?"}
            options:
              - {code: "no", points: 0}
              - {code: "yes", points: 2}
          - code: A-02
            type: single_choice
            show_if: {question: A-01, any_of: ["yes"]}
            text: {fr: "Diffusée ?", en: "Shared?"}
            options:
              - {code: none, label: {fr: Non, en: "No"}, points: 0}
              - {code: some, label: {fr: En partie, en: Partly}, points: 1}
              - {code: full, label: {fr: Partout, en: Everywhere}, points: 2}
          - code: A-03
            type: single_choice
            applies_to: {size_bands: [medium, large]}
            text: {fr: "Un comité ?", en: "A committee?"}
            options:
              - {code: nothing, label: {fr: Non, en: "No"}, points: 0}
              - {code: done, label: {fr: Oui, en: "Yes"}, points: 2}
          - code: A-04
            type: multiple_choice
            max_points: 3
            text: {fr: "Quels avantages ?", en: "Which benefits?"}
            options:
              - {code: a, label: {fr: A, en: A}, points: 1}
              - {code: b, label: {fr: B, en: B}, points: 1}
              - {code: c, label: {fr: C, en: C}, points: 2}
              - {code: none, label: {fr: Aucun, en: None}, points: 0, exclusive: true}
      - code: SOC-B
        title: {fr: Formation, en: Training}
        questions:
          - code: B-01
            type: percentage
            allow_na: true
            text: {fr: "Part formée ?", en: "Share trained?"}
            bands:
              - {code: low, max: 50, points: 0}
              - {code: high, min: 50, points: 2}
          - code: B-02
            type: single_choice
            text: {fr: "Un plan ?", en: "A plan?"}
            options:
              - {code: l0, label: {fr: Rien, en: Nothing}, points: 0}
              - {code: l1, label: {fr: Un peu, en: A little}, points: 1}
              - {code: l2, label: {fr: Beaucoup, en: A lot}, points: 2}
              - {code: l3, label: {fr: Tout, en: All}, points: 4}
          - code: B-03
            type: yes_no
            text: {fr: "Un tuteur ?", en: "A tutor?"}
            options:
              - {code: "no", points: 0}
              - {code: "yes", points: 1}
          - code: B-04
            type: single_choice
            show_if: {question: B-03, any_of: ["yes"]}
            text: {fr: "Formé ?", en: "Trained?"}
            options:
              - {code: untrained, label: {fr: Non, en: "No"}, points: 0}
              - {code: trained, label: {fr: Oui, en: "Yes"}, points: 8}
  - code: ENV
    title: {fr: Environnement, en: Environment}
    themes:
      - code: ENV-A
        title: {fr: Énergie, en: Energy}
        questions:
          - code: E-01
            type: number
            text: {fr: "Combien de sites suivis ?", en: "How many sites tracked?"}
            bands:
              - {code: few, max: 10, points: 0}
              - {code: some, min: 10, max: 20, points: 1}
              - {code: many, min: 20, points: 3}
          - code: E-02
            type: yes_no
            text: {fr: "Un audit ?", en: "An audit?"}
            options:
              - {code: "no", points: 0}
              - {code: "yes", points: 1}
      - code: ENV-B
        title: {fr: Déchets, en: Waste}
        questions:
          - code: E-03
            type: single_choice
            text: {fr: "Un tri ?", en: "Sorting?"}
            options:
              - {code: x0, label: {fr: Non, en: "No"}, points: 0}
              - {code: x1, label: {fr: Un peu, en: A little}, points: 0.5}
              - {code: x2, label: {fr: Complet, en: Complete}, points: 40}
"""

DEMO = load_pack(DEMO_YAML, "suggest-demo.yaml")
MICRO = Profile(headcount=5)  # A-03 (medium and large only) does not apply
ANSWERS = {
    "A-01": Answer.of("no"),
    "A-03": Answer.of("nothing"),
    "A-04": Answer.of("a"),
    "B-01": Answer.not_applicable(),
    "B-02": Answer.of("l1"),
    "B-03": Answer.of("no"),
    "E-01": Answer.of_value(12),
    "E-03": Answer.of("x0"),
}
# By hand. SOC-A: A-01 0/2, A-02 hidden, A-03 excluded, A-04 {a} 1/3 -> 1/5 = 20.
# SOC-B: B-01 N/A (2 set aside), B-02 l1 1/4, B-03 0/1, B-04 hidden -> 1/5 = 20
# (5 >= 7 / 3: scored). SOC = 20. ENV-A: E-01 = 12 "some" 1/3, E-02 missing 0/1 -> 25.
# ENV-B: 0/40 = 0. ENV = 12.5. Overall = 16.25. Each theme is half of its pillar and
# each pillar half of the overall score: an overall gain is a quarter of the theme's.

P = PracticeOption
PRACTICES = [
    P("p1", "A-01", "yes", "low", "none"),
    P("p14", "A-01", "yes", "low", "none", adopters_similar=1, adopters_total=3),
    P("p2", "A-04", "c", "medium", "low", adopters_similar=2, adopters_total=5),
    P("p3", "A-04", "b", "low", "none"),
    P("p4", "A-04", "a", "low", "none"),  # already selected
    P("p5", "B-02", "l1", "low", "none"),  # the current level
    P("p6", "B-02", "l3", "high", "high"),
    P("p7", "B-02", "l2", "medium", "none"),
    P("p8", "E-01", "many", "high", "medium", adopters_similar=10, adopters_total=12),
    P("p9", "E-01", "many", "low", "high"),
    P("p10", "A-03", "done", "low", "none"),  # does not apply to a micro company
    P("p11", "A-02", "full", "low", "none"),  # hidden while A-01 is "no"
    P("p12", "B-01", "high", "low", "none"),  # answered N/A
    P("p13", "ZZ-99", "yes", "low", "none"),  # not in the pack
    P("p15", "E-03", "x1", "low", "none"),
    P("p16", "B-02", "l9", "low", "none"),  # not a level of B-02
    P("p17", "B-02", "l0", "low", "none"),  # below the current level
    P("p18", "B-03", "yes", "low", "none"),  # reveals B-04, counted at its best
    P("p19", "A-04", BEST_SELECTION, "low", "none"),  # not a level code
]

# Overall gains, by hand:
# E-01 many: ENV-A 3/4 = 75 (+50) -> +12.5.
# A-01 yes reveals A-02, counted at its best (2/2): SOC-A 5/7 (+360/7) -> +90/7.
# A-04 + b: {a, b} 2/3, SOC-A 2/5 (+20) -> +5; A-04 + c: {a, c} 3/3, 3/5 (+40) -> +10.
# B-02 l2: SOC-B 2/5 (+20) -> +5; l3: 4/5 (+60) -> +15.
# B-03 yes reveals B-04, counted at its best (8/8): SOC-B 10/13 (+740/13) -> +185/13.
# E-02 yes: ENV-A 2/4 (+25) -> +6.25. E-03 x1: ENV-B 0.5/40 (+1.25) -> +0.3125.
# Scores: gain / effort weight (low 1, medium 2.5, high 6) x cost factor (none 1,
# low 0.9, medium 0.75, high 0.55) x (1 + 0.1 ln(1 + similar adopters)) of the first
# practice (least effort, then cost, then most adopters).
SCORE_E01 = 12.5 * 0.55  # p9 (low, high) before p8 (high)
SCORE_A01 = 90 / 7 * (1 + 0.1 * math.log(2))  # p14 (1 adopter) before p1
SCORE_B03 = 185 / 13  # p18 (low, none)
SCORE_A04_B = 5.0
SCORE_A04_C = 10 / 2.5 * 0.9 * (1 + 0.1 * math.log(3))
SCORE_B02_L2 = 5 / 2.5
SCORE_B02_L3 = 15 / 6 * 0.55
SCORE_E03 = 0.3125
SCORE_E02_PLAIN = 6.25 / 2.5 * 0.75  # no practice: medium effort, medium cost


def rows(found: list[Suggestion]) -> list[tuple]:
    return [
        (
            s.question_code,
            s.current_level,
            s.target_level,
            tuple(p.practice_id for p in s.practices),
            s.effort,
            s.cost,
            s.reason[0],
        )
        for s in found
    ]


def test_ranking_of_the_hand_computed_assessment():
    found = suggest(DEMO, MICRO, ANSWERS, PRACTICES)

    # Top-3 overall gains: B-03 14.23, A-01 12.86, E-01 12.5; quick wins come first.
    # ENV (12.5) is the weakest pillar, so B-02 keeps the generic reason.
    assert rows(found) == [
        ("B-03", "no", "yes", ("p18",), "low", "none", "quick_win"),
        ("A-01", "no", "yes", ("p14", "p1"), "low", "none", "quick_win"),
        ("E-01", "some", "many", ("p9", "p8"), "low", "high", "peers_do_it"),
        ("A-04", "a", "b", ("p3",), "low", "none", "quick_win"),
        ("B-02", "l1", "l2", ("p7",), "medium", "none", "gain"),
        ("E-03", "x0", "x1", ("p15",), "low", "none", "pillar_balance"),
    ]
    assert [s.score for s in found] == pytest.approx(
        [SCORE_B03, SCORE_A01, SCORE_E01, SCORE_A04_B, SCORE_B02_L2, SCORE_E03]
    )
    gains = {s.question_code: s.gain for s in found}
    assert gains["E-01"] == Gain(overall=12.5, pillar=25.0, theme=50.0)
    assert gains["A-01"].overall == pytest.approx(90 / 7)
    assert gains["A-01"].pillar == pytest.approx(180 / 7)
    assert gains["A-01"].theme == pytest.approx(360 / 7)
    follow_ups = {s.question_code: dict(s.follow_ups) for s in found}
    assert follow_ups["A-01"] == {"A-02": Answer.of("full")}
    assert follow_ups["B-03"] == {"B-04": Answer.of("trained")}
    assert follow_ups["E-01"] == {}
    assert gains["E-03"] == Gain(overall=0.3125, pillar=0.625, theme=1.25)
    reasons = {s.question_code: s.reason for s in found}
    assert reasons["E-01"] == ("peers_do_it", {"adopters": 10})
    assert reasons["A-01"][1] == {"gain": pytest.approx(90 / 7), "effort": "low", "cost": "none"}
    assert reasons["B-02"] == ("gain", {"gain": 5.0})
    assert reasons["E-03"] == ("pillar_balance", {"pillar": "ENV"})
    targets = {s.question_code: s.target_answer for s in found}
    assert targets["A-04"] == Answer.of("a", "b")  # the option is added to the selection
    assert targets["E-01"] == Answer.of_value(20)


def test_two_targets_per_question_and_the_biggest_gains():
    found = suggest(DEMO, MICRO, ANSWERS, PRACTICES, per_question=2)

    # Top-3 overall gains are now B-02 l3 (15), B-03 (14.23) and A-01 (12.86).
    assert [(s.question_code, s.target_level, s.reason[0]) for s in found] == [
        ("B-03", "yes", "quick_win"),
        ("A-01", "yes", "quick_win"),
        ("E-01", "many", "peers_do_it"),
        ("A-04", "b", "quick_win"),
        ("A-04", "c", "gain"),
        ("B-02", "l2", "gain"),
        ("B-02", "l3", "biggest_gain"),
        ("E-03", "x1", "pillar_balance"),
    ]
    assert [s.score for s in found] == pytest.approx(
        [
            SCORE_B03,
            SCORE_A01,
            SCORE_E01,
            SCORE_A04_B,
            SCORE_A04_C,
            SCORE_B02_L2,
            SCORE_B02_L3,
            SCORE_E03,
        ]
    )
    biggest = {s.target_level: s.reason[1] for s in found if s.reason[0] == "biggest_gain"}
    assert biggest == {"l3": {"gain": 15.0, "rank": 1}}


def test_plain_suggestions_only_when_asked():
    found = suggest(DEMO, MICRO, ANSWERS, PRACTICES, include_without_practice=True)

    # E-02 has no practice; only questions that no practice helps get plain suggestions.
    # Top-3 gains: B-03 14.23, A-01 12.86, E-01 12.5; E-02 (6.25) is in the weakest pillar.
    assert [(s.question_code, s.target_level, s.reason[0]) for s in found] == [
        ("B-03", "yes", "quick_win"),
        ("A-01", "yes", "quick_win"),
        ("E-01", "many", "peers_do_it"),
        ("A-04", "b", "quick_win"),
        ("B-02", "l2", "gain"),
        ("E-02", "yes", "pillar_balance"),
        ("E-03", "x1", "pillar_balance"),
    ]
    plain = found[5]
    assert (plain.current_level, plain.practices, plain.effort, plain.cost) == (
        None,
        (),
        None,
        None,
    )
    assert plain.score == pytest.approx(SCORE_E02_PLAIN)
    assert plain.gain == Gain(overall=6.25, pillar=12.5, theme=25.0)


def test_a_precomputed_result_gives_the_same_suggestions():
    base = score(DEMO, MICRO, ANSWERS)
    assert suggest(DEMO, MICRO, ANSWERS, PRACTICES, result=base) == suggest(
        DEMO, MICRO, ANSWERS, PRACTICES
    )


def test_quick_wins_of_the_hand_computed_assessment():
    found = suggest(DEMO, MICRO, ANSWERS, PRACTICES, per_question=2)

    # E-01 costs a lot, A-04 + c and B-02 take more effort, E-03 gains 0.3125 < 0.5.
    assert [(s.question_code, s.target_level) for s in quick_wins(found)] == [
        ("B-03", "yes"),  # 14.23
        ("A-01", "yes"),  # 12.86
        ("A-04", "b"),  # 5
    ]
    assert [s.question_code for s in quick_wins(found, limit=1)] == ["B-03"]


def test_balanced_top_of_the_hand_computed_assessment():
    found = suggest(DEMO, MICRO, ANSWERS, PRACTICES)
    without_e01 = [s for s in found if s.question_code != "E-01"]

    # By score: B-03, A-01, A-04, B-02 (SOC), then E-03 (ENV), which the mix brings in.
    assert [s.question_code for s in balanced_top(without_e01, limit=2)] == ["B-03", "E-03"]
    assert [s.question_code for s in balanced_top(without_e01, limit=3)] == [
        "B-03",
        "A-01",
        "E-03",
    ]
    assert balanced_top(found, limit=10) == found
    assert balanced_top(found, limit=0) == []


def synthetic(code: str, pillar: str, value: float, reason: str = "gain") -> Suggestion:
    return Suggestion(
        question_code=code,
        theme_code=f"{pillar}-T",
        pillar_code=pillar,
        current_level=None,
        target_level="yes",
        gain=Gain(value, None, None),
        practices=(),
        effort=None,
        cost=None,
        score=value,
        reason=(reason, {"gain": value}),
        target_answer=Answer.of("yes"),
    )


def test_balanced_top_gives_each_pillar_its_best_then_fills_by_score():
    found = [
        synthetic("S-1", "SOC", 9),
        synthetic("S-2", "SOC", 8),
        synthetic("S-3", "SOC", 7),
        synthetic("E-1", "ENV", 1),
        synthetic("G-1", "GOV", 0.5, reason="quick_win"),
        synthetic("G-2", "GOV", 0.25),
    ]

    top = balanced_top(found, limit=3)

    # By score alone the top 3 would be S-1, S-2, S-3.
    assert [s.question_code for s in top] == ["S-1", "E-1", "G-1"]
    # E-1 is there for the mix; G-1 too, but it keeps its own, stronger reason.
    assert [s.reason for s in top] == [
        ("gain", {"gain": 9}),
        ("pillar_balance", {"pillar": "ENV"}),
        ("quick_win", {"gain": 0.5}),
    ]
    # The fourth place goes by score; E-1 (4th by score) keeps its reason.
    top = balanced_top(found, limit=4)
    assert [s.question_code for s in top] == ["S-1", "S-2", "E-1", "G-1"]
    assert [s.reason[0] for s in top] == ["gain", "gain", "gain", "quick_win"]
    # Fewer places than pillars: the pillars with the best suggestions win.
    assert [s.question_code for s in balanced_top(found, limit=2)] == ["S-1", "E-1"]


def test_filter_suggestions():
    found = suggest(DEMO, MICRO, ANSWERS, PRACTICES, include_without_practice=True)

    def codes(**criteria):
        return [s.question_code for s in filter_suggestions(found, **criteria)]

    assert codes() == ["B-03", "A-01", "E-01", "A-04", "B-02", "E-02", "E-03"]
    assert codes(pillar="SOC") == ["B-03", "A-01", "A-04", "B-02"]
    assert codes(effort="low") == ["B-03", "A-01", "E-01", "A-04", "E-03"]
    assert codes(cost="none") == ["B-03", "A-01", "A-04", "B-02", "E-03"]
    assert codes(pillar="ENV", effort="low", cost="high") == ["E-01"]


def test_plan_projection_of_the_hand_computed_assessment():
    targets = [
        ("B-02", Answer.of("l2")),
        ("B-02", Answer.of("l3")),  # the best of the two counts, once
        ("B-02", Answer.of("l0")),  # below the current answer: ignored
        ("A-04", Answer.of("a", "c")),
        ("E-03", Answer.of("x0")),  # the current answer: nothing changes
        ("E-01", Answer.of_value(5)),  # worth less than the current 12
        ("B-01", Answer.of_value(60)),  # answered N/A: left alone
        ("ZZ-99", Answer.of("yes")),  # not in the pack
    ]

    projection = plan_projection(DEMO, MICRO, ANSWERS, targets)

    # SOC-A: A-04 {a, c} 3/3 -> 3/5 = 60; SOC-B: B-02 l3 4/4 -> 4/5 = 80; SOC = 70.
    # ENV unchanged at 12.5; overall (70 + 12.5) / 2 = 41.25.
    assert projection.applied == ("A-04", "B-02")
    assert projection.overall_before == 16.25
    assert projection.overall_after == pytest.approx(41.25)
    assert projection.overall_gain == pytest.approx(25.0)
    assert projection.pillars_before == {"SOC": 20.0, "ENV": 12.5}
    assert projection.pillars_after == pytest.approx({"SOC": 70.0, "ENV": 12.5})
    assert projection.themes_after == pytest.approx(
        {"SOC-A": 60.0, "SOC-B": 80.0, "ENV-A": 25.0, "ENV-B": 0.0}
    )
    assert projection.answers == {**ANSWERS, "B-02": Answer.of("l3"), "A-04": Answer.of("a", "c")}


def test_plan_projection_refuses_an_invalid_target():
    with pytest.raises(InvalidAnswer):
        plan_projection(DEMO, MICRO, ANSWERS, {"B-02": Answer.of("l9")})


def test_invalid_inputs_are_refused():
    with pytest.raises(ValueError):
        PracticeOption("p", "A-01", "yes", "tiny", "none")
    with pytest.raises(ValueError):
        PracticeOption("p", "A-01", "yes", "low", "free")
    with pytest.raises(ValueError):
        PracticeOption("p", "A-01", "yes", "low", "none", adopters_similar=-1)
    with pytest.raises(ValueError):
        suggest(DEMO, MICRO, ANSWERS, PRACTICES, per_question=0)


def test_the_engine_module_does_not_import_django():
    tree = ast.parse(Path(suggestions_module.__file__).read_text(encoding="utf-8"))
    imported = [
        name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for name in (
            [alias.name for alias in node.names]
            if isinstance(node, ast.Import)
            else [node.module or ""]
        )
    ]
    assert imported
    assert not [name for name in imported if name.split(".")[0] == "django"]


# Properties over generated packs.

EFFORT_RANK = {"low": 0, "medium": 1, "high": 2}
COST_RANK = {"none": 0, "low": 1, "medium": 2, "high": 3}
EFFORT_DIVISOR = {"low": 1.0, "medium": 2.5, "high": 6.0}
COST_MULTIPLIER = {"none": 1.0, "low": 0.9, "medium": 0.75, "high": 0.55}


@st.composite
def practice_options(draw, pack: Pack) -> list[PracticeOption]:
    """Practices for a random part of the levels, with unknown codes now and then."""
    options: list[PracticeOption] = []
    for question in pack.questions:
        codes = [level.code for level in question.levels]
        if not codes:
            continue
        for code in draw(st.lists(st.sampled_from([*codes, "unknown", BEST_SELECTION]))):
            options.append(
                PracticeOption(
                    practice_id=f"p{len(options)}",
                    question_code=question.code,
                    level_code=code,
                    effort=draw(st.sampled_from(list(EFFORT_RANK))),
                    cost=draw(st.sampled_from(list(COST_RANK))),
                    adopters_similar=draw(st.integers(0, 12)),
                )
            )
    return options


@st.composite
def cases(draw):
    pack = draw(packs())
    return pack, draw(profiles), draw(answer_sets(pack)), draw(practice_options(pack))


def assert_delta(gain: float | None, before: float | None, after: float | None) -> None:
    if before is None or after is None:
        assert gain is None
    else:
        assert gain == pytest.approx(after - before, abs=1e-9)


def current_points(question: Question, answer: Answer | None) -> Fraction:
    return reference.points(question, answer) if reference.has_level(question, answer) else 0


def expected_target(question: Question, current: Answer | None, code: str) -> Answer | None:
    """The answer reaching level `code` (None for a band: any value inside it will do)."""
    if question.is_numeric:
        return None
    if question.type != MULTIPLE_CHOICE:
        return Answer.of(code)
    if question.level(code).exclusive:
        return Answer.of(code)
    selected = current.levels if reference.has_level(question, current) else frozenset()
    keep = {c for c in selected if not question.level(c).exclusive}
    return Answer(levels=frozenset(keep | {code}))


def is_counted(pack: Pack, profile: Profile, answers: dict, question: Question) -> bool:
    answer = answers.get(question.code)
    return (
        reference.visible(question, pack, profile, answers)
        and not (answer is not None and answer.na)
        and question.type != TEXT
        and reference.best_points(question) > 0
    )


@PROPERTY
@given(cases(), st.booleans(), st.integers(1, 3))
def test_every_gain_equals_rescoring_from_scratch(case, plain, per_question):
    pack, profile, answers, practices = case
    before = reference.reference_score(pack, profile, answers)
    found = suggest(
        pack,
        profile,
        answers,
        practices,
        include_without_practice=plain,
        per_question=per_question,
    )
    for s in found:
        question = pack.question(s.question_code)
        target = s.target_answer
        expected = expected_target(question, answers.get(question.code), s.target_level)
        if expected is None:
            band = question.level(s.target_level)
            assert target.levels == frozenset() and band.contains(target.value)
            assert question.type != PERCENTAGE or 0 <= target.value <= 100
        else:
            assert target == expected
        path = assert_path_is_best(
            pack, profile, answers, question.code, target, dict(s.follow_ups)
        )
        after = reference.reference_score(pack, profile, path)
        assert_delta(s.gain.overall, before.overall, after.overall)
        assert_delta(
            s.gain.pillar, before.pillars[question.pillar_code], after.pillars[s.pillar_code]
        )
        assert_delta(s.gain.theme, before.themes[question.theme_code], after.themes[s.theme_code])
        assert s.gain.overall > 0
        assert (s.theme_code, s.pillar_code) == (question.theme_code, question.pillar_code)


@PROPERTY
@given(cases(), st.integers(1, 3))
def test_targets_are_better_levels_of_counted_questions(case, per_question):
    pack, profile, answers, practices = case
    found = suggest(
        pack, profile, answers, practices, include_without_practice=True, per_question=per_question
    )
    for s in found:
        question = pack.question(s.question_code)
        current = answers.get(question.code)
        # It applies, is shown (reference.visible checks both) and is not answered N/A.
        assert applies(question, profile)
        assert is_counted(pack, profile, answers, question)
        assert s.target_level != BEST_SELECTION and question.level(s.target_level) is not None
        points = reference.points(question, s.target_answer)
        assert points > current_points(question, current)
        if question.type == MULTIPLE_CHOICE and current is not None:
            assert s.target_level not in current.levels
    assert len({(s.question_code, s.target_level) for s in found}) == len(found)
    per = [s.question_code for s in found]
    assert all(per.count(code) <= per_question for code in per)


@PROPERTY
@given(cases())
def test_practices_reach_their_target_and_rank_the_suggestion(case):
    pack, profile, answers, practices = case
    before = reference.reference_score(pack, profile, answers)
    found = suggest(pack, profile, answers, practices, per_question=99)
    follow_ups = {(g.question_code, g.level_code): g.follow_ups for g in all_gains(*case[:3])}

    # Every practice that reaches a better level with a positive overall gain is used.
    sure, unsure = set(), set()
    for option in practices:
        question = pack.question(option.question_code)
        level = question.level(option.level_code)
        if level is None or not is_counted(pack, profile, answers, question):
            continue
        current = answers.get(question.code)
        target = expected_target(question, current, level.code)
        if target is None:
            value = band_value(question, level)
            if value is None:
                continue
            target = Answer.of_value(value)
        if reference.points(question, target) <= current_points(question, current):
            continue
        key = (question.code, level.code)
        path = assert_path_is_best(
            pack, profile, answers, question.code, target, dict(follow_ups[key])
        )
        after = reference.reference_score(pack, profile, path)
        if before.overall is None or after.overall is None:
            continue
        if after.overall - before.overall > 1e-9:
            sure.add(key)
        elif after.overall - before.overall > -1e-9:
            unsure.add(key)
    got = {(s.question_code, s.target_level) for s in found}
    assert sure <= got <= sure | unsure

    for s in found:
        listed = [p.practice_id for p in s.practices]
        assert sorted(listed) == sorted(
            p.practice_id
            for p in practices
            if (p.question_code, p.level_code) == (s.question_code, s.target_level)
        )
        assert all(p.question_code == s.question_code for p in s.practices)
        assert all(p.level_code == s.target_level for p in s.practices)
        order = [
            (EFFORT_RANK[p.effort], COST_RANK[p.cost], -p.adopters_similar, p.practice_id)
            for p in s.practices
        ]
        assert order == sorted(order)
        first = s.practices[0]
        assert (s.effort, s.cost) == (first.effort, first.cost)
        expected_score = (
            s.gain.overall
            / EFFORT_DIVISOR[first.effort]
            * COST_MULTIPLIER[first.cost]
            * (1 + 0.1 * math.log(1 + first.adopters_similar))
        )
        assert s.score == pytest.approx(expected_score, rel=1e-12)
    keys = [(-s.score, s.question_code, s.target_level) for s in found]
    assert keys == sorted(keys)

    # One per question by default: its best-scored target level.
    best: dict[str, Suggestion] = {}
    for s in found:
        best.setdefault(s.question_code, s)
    default = suggest(pack, profile, answers, practices)
    assert {(s.question_code, s.target_level) for s in default} == {
        (s.question_code, s.target_level) for s in best.values()
    }


@PROPERTY
@given(cases(), st.integers(1, 2), st.integers(0, 12))
def test_balanced_top_keeps_every_pillar(case, per_question, limit):
    pack, profile, answers, practices = case
    found = suggest(
        pack, profile, answers, practices, include_without_practice=True, per_question=per_question
    )
    top = balanced_top(found, limit=limit)

    pillars = {s.pillar_code for s in found}
    assert len(top) == min(limit, len(found))
    if limit >= len(pillars):
        assert {s.pillar_code for s in top} == pillars
    by_key = {(s.question_code, s.target_level): s for s in found}
    keys = [(s.question_code, s.target_level) for s in top]
    assert len(set(keys)) == len(keys) and set(keys) <= set(by_key)
    for s in top:
        original = by_key[(s.question_code, s.target_level)]
        assert s.reason == original.reason or (
            original.reason[0] == "gain"
            and s.reason == ("pillar_balance", {"pillar": s.pillar_code})
        )
    assert [s.score for s in top] == sorted((s.score for s in top), reverse=True)
    # Places beyond one per pillar go by score: nothing left out beats what filled them.
    firsts = {}
    for s in sorted(found, key=lambda s: (-s.score, s.question_code, s.target_level)):
        firsts.setdefault(s.pillar_code, (s.question_code, s.target_level))
    fill = [s.score for s in top if (s.question_code, s.target_level) not in firsts.values()]
    left_out = [s.score for key, s in by_key.items() if key not in set(keys)]
    if fill and left_out:
        assert max(left_out) <= min(fill)


@PROPERTY
@given(cases(), st.integers(0, 5))
def test_quick_wins_are_the_largest_cheap_gains(case, limit):
    pack, profile, answers, practices = case
    found = suggest(pack, profile, answers, practices, include_without_practice=True)
    wins = quick_wins(found, limit=limit)
    qualifying = [
        s
        for s in found
        if s.effort == "low" and s.cost in ("none", "low") and s.gain.overall >= 0.5
    ]
    expected = sorted(
        qualifying, key=lambda s: (-s.gain.overall, -s.score, s.question_code, s.target_level)
    )
    assert wins == expected[:limit]


@st.composite
def assessments_with_targets(draw):
    pack = draw(packs())
    profile, answers = draw(profiles), draw(answer_sets(pack))
    leveled = [question for question in pack.questions if question.levels]
    pairs = []
    if leveled:
        for _ in range(draw(st.integers(0, 8))):
            question = draw(st.sampled_from(leveled))
            pairs.append((question.code, draw(valid_answers(question))))
    return pack, profile, answers, pairs


def merged_by_hand(pack: Pack, answers: dict, pairs: list) -> dict:
    best: dict[str, tuple[Fraction, Answer]] = {}
    for code, target in pairs:
        question, current = pack.question(code), answers.get(code)
        if not reference.has_level(question, target) or (current is not None and current.na):
            continue
        points = reference.points(question, target)
        if points > current_points(question, current) and (
            code not in best or points > best[code][0]
        ):
            best[code] = (points, target)
    return {**answers, **{code: target for code, (_, target) in best.items()}}


@PROPERTY
@given(assessments_with_targets())
def test_plan_projection_equals_scoring_the_merged_answers(case):
    pack, profile, answers, pairs = case
    projection = plan_projection(pack, profile, answers, pairs)

    merged = merged_by_hand(pack, answers, pairs)
    assert projection.answers == merged
    for scores, expected in (
        (
            (projection.overall_before, projection.pillars_before, projection.themes_before),
            answers,
        ),
        ((projection.overall_after, projection.pillars_after, projection.themes_after), merged),
    ):
        ref = reference.reference_score(pack, profile, expected)
        overall, pillars, themes = scores
        assert (overall is None) == (ref.overall is None)
        assert overall == pytest.approx(ref.overall, abs=1e-9)
        assert pillars == pytest.approx(ref.pillars, abs=1e-9)
        assert themes == pytest.approx(ref.themes, abs=1e-9)
    # No question earns fewer points than before.
    for code, answer in answers.items():
        question = pack.question(code)
        if reference.has_level(question, answer):
            assert reference.points(question, merged[code]) >= reference.points(question, answer)


@PROPERTY
@given(st.data())
def test_two_targets_on_one_question_count_the_best_once(data):
    pack, profile, answers, _ = data.draw(assessments_with_targets())
    leveled = [question for question in pack.questions if question.levels]
    assume(leveled)
    question = data.draw(st.sampled_from(leveled))
    first, second = data.draw(valid_answers(question)), data.draw(valid_answers(question))

    both = plan_projection(
        pack, profile, answers, [(question.code, first), (question.code, second)]
    )

    usable = [t for t in (first, second) if reference.has_level(question, t)]
    single = plan_projection(pack, profile, answers, {})
    if usable:
        best = max(usable, key=lambda t: reference.points(question, t))  # first on a tie
        single = plan_projection(pack, profile, answers, {question.code: best})
    assert both == single
    again = [(question.code, t) for t in (first, second, first, second)]
    assert plan_projection(pack, profile, answers, again) == both


# The shipped pack.


def random_answers(pack: Pack, rng: random.Random) -> dict[str, Answer]:
    answers = {}
    for question in pack.questions:
        roll = rng.random()
        if roll < 0.25 or question.type == TEXT:
            continue
        if question.allow_na and roll < 0.35:
            answers[question.code] = Answer.not_applicable()
        elif question.type == MULTIPLE_CHOICE:
            others = [level.code for level in question.levels if not level.exclusive]
            chosen = rng.sample(others, rng.randint(1, len(others)))
            answers[question.code] = Answer(levels=frozenset(chosen))
        elif question.is_choice:
            answers[question.code] = Answer.of(rng.choice(question.levels).code)
        else:
            top = 100 if question.type == PERCENTAGE else 30
            answers[question.code] = Answer.of_value(round(rng.uniform(0, top), 1))
    return answers


@pytest.mark.parametrize("seed", range(5))
def test_smoke_on_the_levier_360_pack(seed):
    pack = load_pack_file(LEVIER_360)
    profile = Profile(headcount=4, naf_section="I")
    rng = random.Random(seed)
    answers = random_answers(pack, rng)
    efforts, costs = list(EFFORT_RANK), list(COST_RANK)
    practices = [
        PracticeOption(
            f"{question.code}/{level.code}",
            question.code,
            level.code,
            rng.choice(efforts),
            rng.choice(costs),
            adopters_similar=rng.randint(0, 6),
        )
        for question in pack.questions
        for level in question.levels
    ]
    inapplicable = {q.code for q in pack.questions if not applies(q, profile)}
    assert inapplicable  # the micro profile leaves questions out, practices included

    found = suggest(pack, profile, answers, practices)

    assert len(found) >= 5
    before = score(pack, profile, answers)
    for s in found:
        question = pack.question(s.question_code)
        assert s.question_code not in inapplicable
        assert is_counted(pack, profile, answers, question)
        path = {**answers, s.question_code: s.target_answer, **dict(s.follow_ups)}
        after = score(pack, profile, path)
        assert s.gain.overall == pytest.approx(after.overall - before.overall, abs=1e-9)
    top = balanced_top(found)
    assert {s.pillar_code for s in top} == {s.pillar_code for s in found}
    assert all(s.effort == "low" for s in quick_wins(found))
