"""A datapoint's value from what a person typed, by the catalogue's kind,
and back to text. Plain Python: the forms, the imports of last year's report
and the template's read-back all go through it.

Stored values are JSON: numbers as numbers, dates as ISO text, a choice as
its option's code, several choices as a list, a table as a list of rows
(free rows) or a mapping of row code to row (fixed rows), each row a mapping
of column code to value.
"""

import math
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

# Excel's limit for a cell's text: longer text cannot go in the template.
TEXT_MAX = 32767
# Far beyond any SME's figure: a typing error (10^15 euros, hours, tonnes).
NUMBER_MAX = 1e15
YEAR_MIN, YEAR_MAX = 1900, 2100
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
TRUE_WORDS = {"true", "yes", "oui", "1", "on"}
FALSE_WORDS = {"false", "no", "non", "0", "off"}


@dataclass(frozen=True)
class Invalid(Exception):
    """Why a typed text is no value of its kind; ``code`` is one of
    "number", "negative", "too_large", "integer", "percent", "boolean",
    "choice", "date", "year", "too_long"."""

    code: str
    params: dict = field(default_factory=dict, hash=False, compare=False)


def _number(text: str) -> float:
    cleaned = text.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    if "," in cleaned and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        raise Invalid("number", {"text": text[:40]}) from None
    if not number.is_finite():
        raise Invalid("number", {"text": text[:40]})
    value = float(number)
    if value < 0:
        raise Invalid("negative")
    if value > NUMBER_MAX:
        raise Invalid("too_large")
    return value


def parse(kind: str, text, options: tuple[str, ...] = ()):
    """The value of ``kind`` that ``text`` says, or None when it is empty;
    ``Invalid`` when it says no such value. ``options``: the codes a choice
    may take."""
    if isinstance(text, list):
        if kind != "choices":
            raise Invalid("choice")
        chosen = [item for item in text if item]
        unknown = [item for item in chosen if item not in options]
        if unknown:
            raise Invalid("choice", {"text": unknown[0][:40]})
        return chosen or None
    text = "" if text is None else str(text)
    if not text.strip():
        return None
    if kind == "text":
        text = CONTROL_CHARACTERS.sub("", text).strip()
        if len(text) > TEXT_MAX:
            raise Invalid("too_long", {"max": TEXT_MAX, "length": len(text)})
        return text
    if kind in ("number", "money"):
        return _number(text)
    if kind == "integer":
        value = _number(text)
        if value != int(value):
            raise Invalid("integer")
        return int(value)
    if kind == "percent":
        value = _number(text)
        if value > 100:
            raise Invalid("percent")
        return value
    if kind == "boolean":
        word = text.strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise Invalid("boolean")
    if kind == "choice":
        if text not in options:
            raise Invalid("choice", {"text": text[:40]})
        return text
    if kind == "choices":
        return parse(kind, [text], options)
    if kind == "date":
        try:
            return date.fromisoformat(text.strip()).isoformat()
        except ValueError:
            raise Invalid("date", {"text": text[:40]}) from None
    if kind == "year":
        value = _number(text)
        if value != int(value) or not YEAR_MIN <= value <= YEAR_MAX:
            raise Invalid("year", {"min": YEAR_MIN, "max": YEAR_MAX})
        return int(value)
    raise ValueError(f"unknown kind {kind}")


def as_text(kind: str, value) -> str:
    """The value as a form shows it back (the inverse of ``parse``)."""
    if value is None:
        return ""
    if kind == "boolean":
        return "true" if value else "false"
    if kind in ("number", "money", "percent") and isinstance(value, float):
        if math.isfinite(value) and value == int(value) and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    return str(value)


def cell_value(kind: str, value):
    """The value as the template's cell takes it."""
    if value is None:
        return None
    if kind == "date":
        return date.fromisoformat(value)
    if kind == "choices":
        return list(value)
    return value
