import re
from pathlib import Path

import pytest

from levier.engine.pack_loader import check_pack, load_pack, load_pack_file
from levier.engine.packs import MULTIPLE_CHOICE, Condition, Rule
from levier.engine.problems import MESSAGES, PackInvalid, Problem, format_report
from levier.engine.text import Text

FIXTURES = Path(__file__).parent / "fixtures"
DOCS = Path(__file__).parents[2] / "docs" / "frameworks.md"

# Every fault of fixtures/broken.yaml, counted by hand (each line carries a comment).
BROKEN_FAULTS = {
    (1, "unsupported_format"),
    (2, "bad_id"),
    (3, "version_not_string"),
    (4, "unknown_key"),
    (5, "missing_translation"),
    (10, "unknown_language"),
    (12, "bad_code"),
    (14, "not_positive"),
    (17, "empty_translation"),
    (22, "duplicate_key"),
    (24, "unquoted_boolean"),
    (25, "unquoted_boolean"),
    (26, "duplicate_code"),
    (29, "yes_no_options"),
    (35, "not_allowed_for_type"),
    (36, "too_few_options"),
    (37, "missing_label"),
    (41, "not_positive"),
    (43, "missing_key"),
    (44, "negative_points"),
    (45, "not_allowed_for_type"),
    (46, "bad_level_code"),
    (47, "duplicate_code"),
    (51, "max_points_unreachable"),
    (58, "not_positive"),
    (59, "bad_tag"),
    (63, "missing_key"),
    (66, "wrong_type"),
    (72, "band_overlap"),
    (73, "band_empty"),
    (77, "not_allowed_for_type"),
    (80, "band_out_of_range"),
    (84, "not_allowed_for_type"),
    (86, "unknown_type"),
    (92, "unknown_key"),
    (93, "unknown_size_band"),
    (94, "unknown_naf_section"),
    (95, "unknown_flag"),
    (102, "headcount_range"),
    (103, "unknown_question"),
    (110, "later_question"),
    (119, "unknown_level"),
    (124, "condition_type_mismatch"),
    (129, "condition_type_mismatch"),
    (134, "empty_condition"),
    (136, "missing_key"),
    (145, "other_theme"),
    (149, "empty_list"),
}

VALID = """\
format: 1
id: tiny
version: "1.0.0"
title: {fr: Petit, en: Tiny}
description: {fr: Petit, en: Tiny}
pillars:
  - code: P
    title: {fr: P, en: P}
    themes:
      - code: P-T
        title: {fr: T, en: T}
        questions:
          - code: P-T-01
            type: yes_no
            text: {fr: Q, en: Q}
            options:
              - {code: "yes", points: 1}
              - {code: "no", points: 0}
"""


def problems_of(text: str) -> set[tuple[int, str]]:
    return {(problem.line, problem.code) for problem in check_pack(text, "pack.yaml")}


def with_question(body: str) -> str:
    """VALID with its question replaced by `body` (indented as a question)."""
    head = VALID[: VALID.index("          - code: P-T-01")]
    return head + "".join(f"          {line}\n" for line in body.strip("\n").splitlines())


def test_broken_pack_reports_every_fault_with_its_line():
    problems = check_pack((FIXTURES / "broken.yaml").read_text(encoding="utf-8"), "broken.yaml")
    assert {(problem.line, problem.code) for problem in problems} == BROKEN_FAULTS
    assert len(problems) == len(BROKEN_FAULTS)
    assert [problem.line for problem in problems] == sorted(problem.line for problem in problems)


def test_broken_pack_problems_carry_paths_and_params():
    problems = check_pack((FIXTURES / "broken.yaml").read_text(encoding="utf-8"), "broken.yaml")
    by_line = {problem.line: problem for problem in problems}
    assert by_line[44].path == "pillars[0].themes[0].questions[3].options[1].points"
    assert by_line[44].params == {"points": -2.0}
    assert by_line[26].params == {"code": "SOC-A-01", "first_line": 19, "scope": "pack"}
    assert by_line[92].params["key"] == "sizes"
    assert by_line[110].params == {"question": "SOC-A-15"}
    assert str(by_line[3]) == (
        'broken.yaml:3: version: The version must be a quoted string such as "1.0.0"; '
        "found the number '1.0'."
    )


def test_the_example_of_the_documentation_is_a_valid_pack():
    example = re.search(r"```yaml\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.DOTALL)
    assert check_pack(example.group(1), "frameworks.md") == []


def test_loaded_pack_holds_what_the_file_says():
    pack = load_pack_file(FIXTURES / "mini.yaml")
    assert (pack.format, pack.id, pack.version) == (1, "mini-rse", "1.0.0")
    assert [q.code for q in pack.questions] == [
        "SOC-QVT-01",
        "SOC-QVT-02",
        "ENV-CLI-01",
        "ENV-CLI-02",
    ]
    telework = pack.question("SOC-QVT-01")
    assert telework.allow_na and telework.tags == ("telework",)
    assert telework.help.get("en").startswith("Answer yes if")
    assert telework.level("yes").label == Text("Oui", "Yes")  # default yes/no labels
    assert (telework.theme_code, telework.pillar_code) == ("SOC-QVT", "SOC")
    assert pack.question("SOC-QVT-02").condition == Condition("SOC-QVT-01", frozenset({"yes"}))
    renewable = pack.question("ENV-CLI-01")
    assert renewable.rule == Rule(size_bands=("small", "medium", "large"))
    assert [(b.min, b.max, b.points) for b in renewable.levels] == [
        (None, 25, 0),
        (25, 75, 1),
        (75, None, 3),
    ]
    emissions = pack.question("ENV-CLI-02")
    assert emissions.type == MULTIPLE_CHOICE and emissions.points_cap == 3
    assert emissions.level("nothing").exclusive
    assert emissions.max_points == 3  # the cap, below the 4 points of all options
    assert pack.pillar("ENV").weight == 1 and pack.theme("SOC-QVT").title.get("fr") == (
        "Qualité de vie au travail"
    )


def test_load_pack_raises_with_all_problems():
    with pytest.raises(PackInvalid) as raised:
        load_pack(VALID.replace("format: 1", "format: 3").replace("id: tiny", "id: Tiny"), "x")
    assert [problem.code for problem in raised.value.problems] == [
        "unsupported_format",
        "bad_id",
    ]
    assert "2 problems found:" in str(raised.value)


def test_a_valid_pack_has_no_problem():
    assert check_pack(VALID, "pack.yaml") == []
    assert format_report([]) == "No problems found."


def test_yaml_syntax_error_is_reported_with_its_line():
    problems = check_pack(VALID.replace("title: {fr: T, en: T}", "title: {fr: T, en: T"), "p")
    # The parser notices on line 12 that the mapping opened on line 11 was never closed.
    assert [(problem.line, problem.code) for problem in problems] == [(12, "yaml_syntax")]
    assert "flow mapping started on line 11" in problems[0].message


@pytest.mark.parametrize("text", ["", "# only a comment\n"])
def test_an_empty_file_is_reported(text):
    assert problems_of(text) == {(1, "wrong_type")}


def test_a_list_at_the_top_is_reported():
    assert problems_of("- a\n- b\n") == {(1, "wrong_type")}


def test_problem_string_and_report():
    problem = Problem("pack.yaml", 7, "pillars[0].code", "bad_code", {"code": "x"}, "Bad code.")
    assert str(problem) == "pack.yaml:7: pillars[0].code: Bad code."
    assert format_report([problem]) == "1 problem found:\npack.yaml:7: pillars[0].code: Bad code."


def test_every_message_template_is_a_sentence():
    for code, template in MESSAGES.items():
        assert re.fullmatch(r"[a-z_]+", code)
        assert template.endswith((".", '."')), code


def test_percentage_band_ending_at_zero_is_empty():
    problems = problems_of(
        with_question("""
- code: P-T-01
  type: percentage
  text: {fr: Q, en: Q}
  bands:
    - {code: nothing, max: 0, points: 0}
    - {code: some, min: 0, points: 1}
""")
    )
    assert problems == {(17, "band_empty")}


def test_unquoted_yes_in_show_if_is_reported_but_understood():
    problems = problems_of(
        VALID
        + """\
          - code: P-T-02
            type: yes_no
            show_if: {question: P-T-01, any_of: [yes]}
            text: {fr: Q, en: Q}
            options: [{code: "yes", points: 1}, {code: "no", points: 0}]
"""
    )
    assert problems == {(21, "unquoted_boolean")}


def test_codes_are_unique_across_pillars_themes_and_questions():
    assert problems_of(VALID.replace("code: P-T-01", "code: P-T")) == {(13, "duplicate_code")}


def test_a_choice_question_without_options_and_a_text_one_with_bands():
    problems = problems_of(
        with_question("""
- code: P-T-01
  type: single_choice
  text: {fr: Q, en: Q}
- code: P-T-02
  type: text
  text: {fr: Q, en: Q}
  bands: [{code: a, points: 1}]
""")
    )
    assert problems == {(13, "missing_key"), (19, "not_allowed_for_type")}


def test_show_if_pointing_at_itself_is_a_later_question():
    condition = '\n            show_if: {question: P-T-01, any_of: ["no"]}'
    problems = problems_of(VALID.replace("type: yes_no", "type: yes_no" + condition))
    assert problems == {(15, "later_question")}


def test_headcounts_are_whole_non_negative_numbers():
    rule = "\n            applies_to: {min_headcount: -1, max_headcount: 2.5}"
    problems = check_pack(VALID.replace("type: yes_no", "type: yes_no" + rule), "pack.yaml")
    assert [(problem.line, problem.code, problem.path) for problem in problems] == [
        (15, "wrong_type", "pillars[0].themes[0].questions[0].applies_to.min_headcount"),
        (15, "wrong_type", "pillars[0].themes[0].questions[0].applies_to.max_headcount"),
    ]


def test_multiple_choice_cap_is_checked_against_reachable_points():
    question = """
- code: P-T-01
  type: multiple_choice
  max_points: {cap}
  text: {{fr: Q, en: Q}}
  options:
    - {{code: a, label: {{fr: A, en: A}}, points: 1}}
    - {{code: b, label: {{fr: B, en: B}}, points: 2}}
    - {{code: none, label: {{fr: N, en: N}}, points: 5, exclusive: true}}
"""
    # The exclusive option alone reaches 5: a cap of 5 is reachable, 6 is not.
    assert problems_of(with_question(question.format(cap=5))) == set()
    assert problems_of(with_question(question.format(cap=6))) == {(15, "max_points_unreachable")}


def test_a_translation_is_the_text_as_written_even_when_yaml_reads_a_boolean():
    pack = load_pack(
        with_question("""
- code: P-T-01
  type: single_choice
  text: {fr: "Combien ?", en: 2024}
  options:
    - {code: "no", label: {fr: Non, en: No}, points: 0}
    - {code: "yes", label: {fr: Oui, en: Yes}, points: 1}
"""),
        "pack.yaml",
    )
    question = pack.question("P-T-01")
    assert question.text.get("en") == "2024"
    assert [level.label.get("en") for level in question.levels] == ["No", "Yes"]


def test_a_translation_cannot_be_a_list_or_empty():
    problems = problems_of(VALID.replace("text: {fr: Q, en: Q}", "text: {fr: [Q], en: }"))
    assert problems == {(15, "wrong_type"), (15, "empty_translation")}
