"""Reading one question's answer from a submitted form, and saying what is wrong.

Every field of a question is prefixed with its code (``SOC-EMP-01-level``), so
one theme page can post all its questions at once (without JavaScript) and the
autosave can post a single one.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.formats import number_format, sanitize_separators
from django.utils.translation import gettext_lazy as _

from levier.assessments.models import Answer
from levier.assessments.services import AnswerInput
from levier.engine.packs import MULTIPLE_CHOICE, NUMBER, PERCENTAGE, TEXT, Question
from levier.lib.limits import validate_measure
from levier.lib.text import clean_multi_line

ENGINE_ERRORS = {
    "na_not_allowed": _("“Not applicable” is not offered for this question."),
    "na_with_answer": _("Choose an answer or “not applicable”, not both."),
    "answer_on_text": _("This question takes a written answer."),
    "value_on_choice": _("Choose one of the options."),
    "unknown_level": _("This option does not exist (the page may be out of date: reload it)."),
    "several_levels": _("Choose a single option."),
    "exclusive_combined": _("This option cannot be combined with the others."),
    "levels_on_numeric": _("Give a number."),
    "value_not_finite": _("Give a number."),
    "value_out_of_range": _("A percentage lies between 0 and 100."),
}


def field(question: Question, name: str) -> str:
    return f"{question.code}-{name}"


@dataclass(frozen=True)
class Parsed:
    given: AnswerInput
    raw_value: str  # what was typed in a number field, kept to show it back
    error: str | None


def parse(question: Question, data) -> Parsed:
    """The answer given for ``question`` in ``data`` (a QueryDict)."""
    levels: tuple[str, ...] = ()
    value = None
    text = ""
    error = None
    raw_value = ""
    if question.is_choice:
        if question.type == MULTIPLE_CHOICE:
            levels = tuple(data.getlist(field(question, "levels")))
        elif data.get(field(question, "level")):
            levels = (data.get(field(question, "level")),)
    elif question.type in (NUMBER, PERCENTAGE):
        raw_value = data.get(field(question, "value"), "").strip()
        if raw_value:
            try:
                value = float(sanitize_separators(raw_value.replace(" ", "").replace("%", "")))
            except ValueError:
                error = str(_("“%(value)s” is not a number.") % {"value": raw_value})
        if value is not None and error is None:
            error = _refusal(validate_measure, value)
    elif question.type == TEXT:
        text = clean_multi_line(data.get(field(question, "text"), "").strip())
        error = _text_refusal("text", _("Your answer"), text)
    comment = clean_multi_line(data.get(field(question, "comment"), "").strip())
    error = error or _text_refusal("comment", _("Comment"), comment)
    given = AnswerInput(
        levels=levels,
        value=value,
        text=text,
        not_applicable=bool(data.get(field(question, "na"))),
        comment=comment,
    )
    return Parsed(given, raw_value, error)


def _refusal(validator, value) -> str | None:
    try:
        validator(value)
    except ValidationError as refused:
        return " ".join(refused.messages)
    return None


def _text_refusal(name: str, label, value: str) -> str | None:
    """What is wrong with a text the autosave posted, by the model field's own
    rules (length, control characters), naming the field: the question shows
    one message for all its fields."""
    problem = _refusal(Answer._meta.get_field(name).run_validators, value)
    if problem is None:
        return None
    return str(_("%(field)s: %(problem)s") % {"field": label, "problem": problem})


def based_on_version(question: Question, data) -> int:
    """The answer version the person saw; an explicit override wins (conflict resolved)."""
    for name in ("override", "version"):
        raw = data.get(field(question, name))
        if raw:
            try:
                return int(raw)
            except ValueError:
                return -1
    return 0


def error_message(code: str) -> str:
    return str(ENGINE_ERRORS.get(code, code))


def display_value(question: Question, value: float | None) -> str:
    if value is None:
        return ""
    decimals = 0 if float(value).is_integer() else 2
    return number_format(value, decimal_pos=decimals)
