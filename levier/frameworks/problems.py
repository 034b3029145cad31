"""Pack problems in the reader's language.

The engine names each problem by a stable code with English text; the same
sentences are marked here for translation. A test keeps both lists in step.
"""

import re

from django.utils.translation import gettext_lazy as _

from levier.engine.problems import Problem, display

MESSAGES = {
    "pack_too_large": _("The file is larger than {limit} MB, the most a pack may weigh."),
    "yaml_syntax": _("This is not valid YAML: {problem}."),
    "yaml_alias": _(
        "The alias *{alias} is not allowed: a pack writes every value out in full, "
        "without anchors (&) and aliases (*)."
    ),
    "too_deep": _("Lists and mappings are nested more than {limit} levels deep here."),
    "too_many_values": _(
        "The pack holds more than {limit} values (keys, texts, numbers): split it."
    ),
    "too_many_problems": _("The check stopped after {limit} problems: fix these first."),
    "wrong_type": _("Expected {expected}, found {found}."),
    "duplicate_key": _("The key '{key}' is given twice (first on line {first_line})."),
    "unknown_key": _("Unknown key '{key}'; the keys allowed here are: {allowed}."),
    "missing_key": _("The required key '{key}' is missing."),
    "unknown_language": _(
        "'{key}' is not a language of Levier: a text has exactly 'fr' and 'en'."
    ),
    "missing_translation": _(
        "The '{lang}' translation is missing: a text needs both 'fr' and 'en'."
    ),
    "empty_translation": _("The '{lang}' translation is empty."),
    "empty_list": _("The list '{key}' is empty; give at least one item."),
    "unsupported_format": _("Unsupported format {format}: this version of Levier reads format 1."),
    "bad_id": _("The id '{id}' must use lowercase letters, digits and dashes (e.g. levier-360)."),
    "version_not_string": _('The version must be a quoted string such as "1.0.0"; found {found}.'),
    "bad_code": _("The code '{code}' must use capitals, digits and dashes (e.g. SOC-EMP-03)."),
    "bad_level_code": _(
        "The level code '{code}' must use lowercase letters, digits and underscores."
    ),
    "duplicate_code": _(
        "The code '{code}' is already used on line {first_line}; codes must be unique in "
        "the {scope}."
    ),
    "bad_tag": _("The tag '{tag}' must be a lowercase slug (letters, digits, '-' and '_')."),
    "unknown_type": _("Unknown question type '{type}'; the types are: {allowed}."),
    "not_allowed_for_type": _("'{key}' is not allowed on a {type} question."),
    "negative_points": _("Points cannot be negative; found {points}."),
    "not_positive": _("'{key}' must be a positive number; found {value}."),
    "too_large": _("'{key}' may be at most {limit}; found {value}."),
    "out_of_range": _("'{key}' must lie between {min} and {max}; found {value}."),
    "not_finite": _("{value} is not a finite number: write a number such as 2 or 0.5."),
    "number_too_long": _("A number may have at most {limit} characters."),
    "unquoted_boolean": _(
        '{value} was read as a boolean because it is not quoted; write "{value}".'
    ),
    "yes_no_options": _(
        'A yes_no question needs exactly two options coded "yes" and "no"; found: {found}.'
    ),
    "missing_label": _("Each option of a {type} question needs a label."),
    "too_few_options": _("A {type} question needs at least two options; found {count}."),
    "too_many_levels": _("A question can have at most {limit} levels; found {count}."),
    "max_points_unreachable": _(
        "max_points is {max_points} but the best selection of options only reaches {reachable}."
    ),
    "band_empty": _("The band is empty: its min ({min}) must be below its max ({max})."),
    "band_out_of_range": _(
        "The band's {key} ({value}) is out of range: a percentage lies between 0 and 100."
    ),
    "band_overlap": _("The band '{code}' overlaps the band '{other}'."),
    "unknown_size_band": _("Unknown size band '{value}'; the size bands are: {allowed}."),
    "unknown_naf_section": _("Unknown NAF section '{value}'; sections are the letters A to U."),
    "unknown_flag": _("Unknown flag '{key}'; the flags are: {allowed}."),
    "headcount_range": _(
        "min_headcount ({min}) is above max_headcount ({max}): no organisation can match."
    ),
    "empty_condition": _("show_if needs any_of, or at_least and/or below."),
    "condition_range": _(
        "The condition can never hold: at_least ({at_least}) is not below 'below' ({below})."
    ),
    "unknown_question": _("show_if refers to '{question}', which is not a question of this pack."),
    "later_question": _(
        "show_if refers to '{question}', which does not come before this question: a "
        "follow-up depends on an earlier question."
    ),
    "other_theme": _(
        "show_if refers to '{question}' of theme {theme}: a follow-up depends on a "
        "question of its own theme."
    ),
    "unknown_level": _("'{level}' is not a level of question {question}."),
    "condition_type_mismatch": _(
        "'{key}' does not fit {question}, a {type} question: use any_of for choice "
        "questions and at_least/below for number and percentage questions."
    ),
}


# What the engine says it expected or found (levier.engine.yaml_reader): English
# words that would otherwise leak into a French sentence ("trouvé : the number '1.0'").
KINDS = {
    "a mapping": _("a mapping (key: value lines)"),
    "a list": _("a list"),
    "a key": _("a key"),
    "a number": _("a number"),
    "a whole number": _("a whole number"),
    "a whole number, 0 or more": _("a whole number, 0 or more"),
    "true or false": _("true or false"),
    "a text in both languages: {fr: ..., en: ...}": _(
        "a text in both languages: {fr: ..., en: ...}"
    ),
    "a text": _("a text"),
    "a code": _("a code"),
    "a level code": _("a level code"),
    "a question code": _("a question code"),
    "a question type": _("a question type"),
    "a tag": _("a tag"),
    "an id": _("an id"),
    "nothing": _("nothing"),
}
FOUND_VALUES = {
    "the text": _("the text “{value}”"),
    "the number": _("the number {value}"),
    "the boolean": _("the boolean {value}"),
    "the value": _("the value “{value}”"),
}
FOUND_VALUE = re.compile(r"^(the text|the number|the boolean|the value) '(.*)'$", re.DOTALL)


def in_reader_language(words: object) -> object:
    """The engine's description of a value, in the active language."""
    if not isinstance(words, str):
        return words
    if words in KINDS:
        return str(KINDS[words])
    found = FOUND_VALUE.match(words)
    if found:
        return str(FOUND_VALUES[found.group(1)]).format(value=found.group(2))
    return words


def describe(problem: Problem) -> str:
    """`file:line: path: message`, the message in the active language."""
    template = MESSAGES.get(problem.code)
    if template is None:
        return str(problem)
    shown = {
        key: display(in_reader_language(value) if key in ("expected", "found") else value)
        for key, value in problem.params.items()
    }
    where = f"{problem.path}: " if problem.path else ""
    return f"{problem.file}:{problem.line}: {where}{str(template).format(**shown)}"
