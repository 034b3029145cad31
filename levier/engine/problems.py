"""Problems found in a framework pack, and how to report them.

Each problem has a stable `code`; `MESSAGES` gives its English template, whose
placeholders are the problem's `params`. The Django layer translates by code.
"""

from __future__ import annotations

from dataclasses import dataclass, field

MESSAGES = {
    "pack_too_large": "The file is larger than {limit} MB, the most a pack may weigh.",
    "yaml_syntax": "This is not valid YAML: {problem}.",
    "yaml_alias": (
        "The alias *{alias} is not allowed: a pack writes every value out in full, "
        "without anchors (&) and aliases (*)."
    ),
    "too_deep": "Lists and mappings are nested more than {limit} levels deep here.",
    "too_many_values": (
        "The pack holds more than {limit} values (keys, texts, numbers): split it."
    ),
    "too_many_problems": "The check stopped after {limit} problems: fix these first.",
    "wrong_type": "Expected {expected}, found {found}.",
    "duplicate_key": "The key '{key}' is given twice (first on line {first_line}).",
    "unknown_key": "Unknown key '{key}'; the keys allowed here are: {allowed}.",
    "missing_key": "The required key '{key}' is missing.",
    "unknown_language": "'{key}' is not a language of Levier: a text has exactly 'fr' and 'en'.",
    "missing_translation": "The '{lang}' translation is missing: a text needs both 'fr' and 'en'.",
    "empty_translation": "The '{lang}' translation is empty.",
    "empty_list": "The list '{key}' is empty; give at least one item.",
    "unsupported_format": "Unsupported format {format}: this version of Levier reads format 1.",
    "bad_id": "The id '{id}' must use lowercase letters, digits and dashes (e.g. levier-360).",
    "version_not_string": ('The version must be a quoted string such as "1.0.0"; found {found}.'),
    "bad_code": "The code '{code}' must use capitals, digits and dashes (e.g. SOC-EMP-03).",
    "bad_level_code": (
        "The level code '{code}' must use lowercase letters, digits and underscores."
    ),
    "duplicate_code": (
        "The code '{code}' is already used on line {first_line}; "
        "codes must be unique in the {scope}."
    ),
    "bad_tag": "The tag '{tag}' must be a lowercase slug (letters, digits, '-' and '_').",
    "unknown_type": "Unknown question type '{type}'; the types are: {allowed}.",
    "not_allowed_for_type": "'{key}' is not allowed on a {type} question.",
    "negative_points": "Points cannot be negative; found {points}.",
    "not_positive": "'{key}' must be a positive number; found {value}.",
    "too_large": "'{key}' may be at most {limit}; found {value}.",
    "out_of_range": "'{key}' must lie between {min} and {max}; found {value}.",
    "not_finite": "{value} is not a finite number: write a number such as 2 or 0.5.",
    "number_too_long": "A number may have at most {limit} characters.",
    "unquoted_boolean": (
        '{value} was read as a boolean because it is not quoted; write "{value}".'
    ),
    "yes_no_options": (
        'A yes_no question needs exactly two options coded "yes" and "no"; found: {found}.'
    ),
    "missing_label": "Each option of a {type} question needs a label.",
    "too_few_options": "A {type} question needs at least two options; found {count}.",
    "too_many_levels": "A question can have at most {limit} levels; found {count}.",
    "max_points_unreachable": (
        "max_points is {max_points} but the best selection of options only reaches {reachable}."
    ),
    "band_empty": "The band is empty: its min ({min}) must be below its max ({max}).",
    "band_out_of_range": (
        "The band's {key} ({value}) is out of range: a percentage lies between 0 and 100."
    ),
    "band_overlap": "The band '{code}' overlaps the band '{other}'.",
    "unknown_size_band": "Unknown size band '{value}'; the size bands are: {allowed}.",
    "unknown_naf_section": "Unknown NAF section '{value}'; sections are the letters A to U.",
    "unknown_flag": "Unknown flag '{key}'; the flags are: {allowed}.",
    "headcount_range": (
        "min_headcount ({min}) is above max_headcount ({max}): no organisation can match."
    ),
    "empty_condition": "show_if needs any_of, or at_least and/or below.",
    "condition_range": (
        "The condition can never hold: at_least ({at_least}) is not below 'below' ({below})."
    ),
    "unknown_question": "show_if refers to '{question}', which is not a question of this pack.",
    "later_question": (
        "show_if refers to '{question}', which does not come before this question: "
        "a follow-up depends on an earlier question."
    ),
    "other_theme": (
        "show_if refers to '{question}' of theme {theme}: "
        "a follow-up depends on a question of its own theme."
    ),
    "unknown_level": "'{level}' is not a level of question {question}.",
    "condition_type_mismatch": (
        "'{key}' does not fit {question}, a {type} question: use any_of for choice questions "
        "and at_least/below for number and percentage questions."
    ),
}


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    path: str
    code: str
    params: dict = field(default_factory=dict, compare=False, hash=False)
    message: str = ""

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        return f"{self.file}:{self.line}: {where}{self.message}"


def make_problem(file: str, line: int, path: str, problem: str, /, **params: object) -> Problem:
    """A problem whose message is the English template of `problem` filled with `params`."""
    shown = {key: display(value) for key, value in params.items()}
    return Problem(file, line, path, problem, params, MESSAGES[problem].format(**shown))


def display(value: object) -> str:
    """A param as it reads in a message: lists joined by commas, 3.0 as 3."""
    if isinstance(value, list | tuple | set | frozenset):
        return ", ".join(str(item) for item in value)
    # 1e308 as written, not as its 309 digits.
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


class PackInvalid(ValueError):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(format_report(problems))


# A hostile or badly broken pack can have thousands of problems: the first ones are
# what an author fixes first, and the rest would only drown them.
MAX_LISTED_PROBLEMS = 100


def format_report(problems: list[Problem]) -> str:
    if not problems:
        return "No problems found."
    count = len(problems)
    heading = f"{count} problem{'s' if count > 1 else ''} found:"
    lines = [heading, *(str(problem) for problem in problems[:MAX_LISTED_PROBLEMS])]
    if count > MAX_LISTED_PROBLEMS:
        lines.append(f"... and {count - MAX_LISTED_PROBLEMS} more.")
    return "\n".join(lines)
