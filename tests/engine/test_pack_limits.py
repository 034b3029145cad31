"""Hostile packs are refused at once, with one clear problem; numbers stay in range."""

import pytest

from levier.engine.limits import (
    MAX_ABSOLUTE_VALUE,
    MAX_DEPTH,
    MAX_PACK_BYTES,
    MAX_POINTS,
    MAX_PROBLEMS,
    MAX_VALUES,
    MAX_WEIGHT,
)
from levier.engine.pack_loader import check_pack, load_pack, load_pack_file
from levier.engine.problems import MAX_LISTED_PROBLEMS, PackInvalid, format_report
from tests.engine.hostile_packs import (
    HEADER,
    MAX_PEAK_BYTES,
    MAX_SECONDS,
    WEIGHT_LINE,
    alias_bomb,
    deep_block_pack,
    deep_pack,
    measure,
    oversize_pack,
    weighted_pack,
)
from tests.frameworks.packs import mini_pack

HOSTILE = {
    "alias bomb": (alias_bomb, "yaml_alias"),
    "20,000 levels of brackets": (deep_pack, "too_deep"),
    "40 levels of indented lists": (deep_block_pack, "too_deep"),
    "over the size limit": (oversize_pack, "pack_too_large"),
    "weight of 1e308": (lambda: weighted_pack("1.0e+308"), "too_large"),
}


@pytest.mark.parametrize(("build", "code"), HOSTILE.values(), ids=HOSTILE.keys())
def test_a_hostile_pack_is_refused_at_once_with_one_problem(build, code):
    text = build()

    cost = measure(lambda: check_pack(text, "hostile.yaml"))

    assert [problem.code for problem in cost.result] == [code]
    assert cost.seconds < MAX_SECONDS
    assert cost.peak_bytes < MAX_PEAK_BYTES


def test_the_alias_is_named_with_its_line():
    (problem,) = check_pack(alias_bomb(), "bomb.yaml")

    assert problem.line == 21  # the first *o, right under its anchor
    assert "*o" in problem.message


def test_even_one_harmless_alias_is_refused():
    text = mini_pack("1.0.0").replace(
        "title: {fr: Social, en: Social}", "title: &social {fr: Social, en: Social}"
    )
    text = text.replace("title: {fr: Qualité de vie, en: Quality of life}", "title: *social")

    assert [(problem.line, problem.code) for problem in check_pack(text, "p.yaml")] == [
        (11, "yaml_alias")
    ]


def test_nesting_up_to_the_limit_is_only_checked_as_a_pack():
    # MAX_DEPTH lists, the top mapping included, hold one value: deep, but allowed.
    allowed = [problem.code for problem in check_pack(deep_block_pack(MAX_DEPTH - 1), "p")]
    refused = [problem.code for problem in check_pack(deep_block_pack(MAX_DEPTH), "p")]

    assert "too_deep" not in allowed and allowed
    assert refused == ["too_deep"]


def test_the_size_limit_counts_bytes_not_characters():
    # "é" is two bytes in UTF-8: as many characters as the limit weigh twice as much.
    padding = MAX_PACK_BYTES // 2 - len(mini_pack("1.0.0").encode()) // 2
    heavy = mini_pack("1.0.0") + "# " + "é" * padding + "\n"
    light = mini_pack("1.0.0") + "# " + "e" * padding + "\n"

    assert [problem.code for problem in check_pack(heavy, "p")] == ["pack_too_large"]
    assert check_pack(light, "p") == []


def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "big.yaml"
    # Not UTF-8 after the first bytes: reading it would fail another way.
    path.write_bytes(mini_pack("1.0.0").encode() + b"\xff" * MAX_PACK_BYTES)

    with pytest.raises(PackInvalid) as raised:
        load_pack_file(path)

    assert [problem.code for problem in raised.value.problems] == ["pack_too_large"]


def test_too_many_values_are_refused_without_checking_each():
    text = HEADER + "pillars:\n" + "  - 1\n" * MAX_VALUES

    cost = measure(lambda: check_pack(text, "p"))

    assert [problem.code for problem in cost.result] == ["too_many_values"]
    assert cost.seconds < MAX_SECONDS


def test_the_check_stops_after_a_thousand_problems():
    # Every pillar is a number instead of a mapping: one problem each, five times too many.
    text = HEADER + "pillars:\n" + "  - 1\n" * (MAX_PROBLEMS * 5)

    cost = measure(lambda: check_pack(text, "p"))

    codes = [problem.code for problem in cost.result]
    assert codes[-1] == "too_many_problems"
    assert codes[:-1] == ["wrong_type"] * MAX_PROBLEMS
    assert cost.seconds < MAX_SECONDS
    assert cost.peak_bytes < MAX_PEAK_BYTES


def test_a_report_lists_the_first_problems_then_how_many_more():
    problems = check_pack(HEADER + "pillars:\n" + "  - 1\n" * 150, "p")

    report = format_report(problems).splitlines()

    assert report[0] == "150 problems found:"
    assert len(report) == 1 + MAX_LISTED_PROBLEMS + 1
    assert report[-1] == "... and 50 more."


@pytest.mark.parametrize(
    ("weight", "code"),
    [
        ("1.0e+308", "too_large"),
        (str(MAX_WEIGHT + 1), "too_large"),
        (".inf", "not_finite"),
        ("-.inf", "not_finite"),
        (".nan", "not_finite"),
        ("0", "not_positive"),
        ("-1", "not_positive"),
        ("1" + ":0" * 100_000, "number_too_long"),  # base 60 in YAML 1.1
        ("9" * 5_000, "number_too_long"),  # past Python's digits limit for int()
    ],
)
def test_a_weight_out_of_range_is_refused_on_its_line(weight, code):
    cost = measure(lambda: check_pack(weighted_pack(weight), "p"))

    assert [(problem.line, problem.code) for problem in cost.result] == [(WEIGHT_LINE, code)]
    assert cost.seconds < MAX_SECONDS


@pytest.mark.parametrize("weight", ["0.5", str(MAX_WEIGHT), "2"])
def test_a_sensible_weight_is_kept(weight):
    question = load_pack(weighted_pack(weight), "p").questions[0]

    assert question.weight == float(weight)


def test_huge_points_are_refused():
    text = mini_pack("1.0.0").replace(
        '{code: "yes", points: 2}', '{code: "yes", points: 1.0e+300}'
    )

    problems = check_pack(text, "p")

    assert [(problem.code, problem.params["limit"]) for problem in problems] == [
        ("too_large", MAX_POINTS)
    ]


NUMBER_QUESTION = """\
          - code: SOC-QVT-02
            type: number
            text: {fr: Combien ?, en: How many?}
            bands:
              - {code: few, max: LIMIT, points: 0}
              - {code: many, min: LIMIT, points: 1}
          - code: SOC-QVT-03
            type: yes_no
            text: {fr: Et alors ?, en: So?}
            show_if: {question: SOC-QVT-02, at_least: THRESHOLD}
            options:
              - {code: "no", points: 0}
              - {code: "yes", points: 1}
"""


def _with_number_question(limit: str, threshold: str) -> str:
    extra = NUMBER_QUESTION.replace("LIMIT", limit).replace("THRESHOLD", threshold)
    return mini_pack("1.0.0") + extra


def test_band_limits_and_thresholds_stay_within_range():
    inside = str(MAX_ABSOLUTE_VALUE)
    outside = "1.0e+300"

    assert check_pack(_with_number_question(inside, inside), "p") == []
    problems = check_pack(_with_number_question(outside, "-" + outside), "p")
    assert {(problem.path.rsplit(".", 1)[-1], problem.code) for problem in problems} == {
        ("max", "out_of_range"),
        ("min", "out_of_range"),
        ("at_least", "out_of_range"),
    }
