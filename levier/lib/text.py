"""Text people type: cleaned the same way by every form, model and the autosave.

Two kinds of text (ADR 16):

- **a single line** (names, titles, places): direction controls are removed,
  since "Facture\\u202egpj.exe" would display as "Facturexe.jpg"; line breaks
  and tabs become spaces, since a title ends up in emails' subjects.
- **multi-line text** (descriptions, comments, markdown bodies): kept as typed,
  direction controls included, which right-to-left scripts use.

Both: text made only of spaces, including non-breaking and zero-width ones,
counts as empty (a required field says so; an optional one stores nothing);
a control character (NUL and the other C0 characters, tab and line breaks
aside) is refused with a message, since PostgreSQL cannot store NUL and XLSX
cannot write the others; and a maximum length (levier.lib.limits) holds in the
form, at the model (``full_clean``) and in the autosave.

The model fields clean in ``clean()`` (what ``full_clean`` and model forms
run) and again in ``pre_save()``, so that every ``save()`` and
``bulk_create()`` stores clean text, whoever builds the object. Their
``formfield()`` gives the matching form fields, so model forms and the admin
get it all with no code of their own.
"""

import re
import unicodedata

from django import forms
from django.core import validators
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from levier.lib.limits import NAME_MAX_LENGTH, SHORT_TEXT_MAX_LENGTH

# Arabic letter mark, left-to-right and right-to-left marks, embeddings,
# overrides and isolates.
DIRECTION_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Characters that print nothing, which str.isspace() does not know: soft
# hyphen, combining grapheme joiner, Hangul fillers, Mongolian vowel
# separator, zero-width space, non-joiner and joiner, word joiner, braille
# blank, byte order mark.
INVISIBLE = "\u00ad\u034f\u115f\u1160\u180e\u200b\u200c\u200d\u2060\u2800\u3164\ufeff\uffa0"
# The same set as the practice import's (levier/practices/exchange.py).
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Within a single line, what breaks it or jumps: a space instead.
LINE_BREAKS = re.compile("[\t\n\r\x85\u2028\u2029]+")


def _is_blank_character(character: str) -> bool:
    return (
        character.isspace()
        or character in INVISIBLE
        or DIRECTION_CONTROLS.fullmatch(character) is not None
    )


def is_blank(value: str) -> bool:
    """Nothing a reader would see: spaces of any kind, invisible characters."""
    return all(_is_blank_character(character) for character in value)


def strip_blank(value: str) -> str:
    """``value`` without the blank characters at either end."""
    start, end = 0, len(value)
    while start < end and _is_blank_character(value[start]):
        start += 1
    while end > start and _is_blank_character(value[end - 1]):
        end -= 1
    return value[start:end]


def clean_single_line(value):
    """One line, no direction controls, no blank ends; empty when blank."""
    if not isinstance(value, str):
        return value
    value = DIRECTION_CONTROLS.sub("", value)
    return strip_blank(LINE_BREAKS.sub(" ", value))


def clean_multi_line(value):
    """As typed, but empty when there is nothing to see."""
    if not isinstance(value, str):
        return value
    return "" if is_blank(value) else value


def normalise_identifier(value):
    """An identifier (a SIREN) as its bare characters, however it was typed:
    full-width and other compatibility forms folded (NFKC: "７" is "7"), and
    the spaces of any kind, dots and dashes people group digits with removed."""
    if not isinstance(value, str):
        return value
    return "".join(
        character
        for character in unicodedata.normalize("NFKC", value)
        if not (
            _is_blank_character(character)
            or character == "."
            or unicodedata.category(character) == "Pd"  # dashes and hyphens
            or character == "\u2212"  # minus sign
        )
    )


def validate_no_control_characters(value) -> None:
    if not isinstance(value, str):
        return
    found = CONTROL_CHARACTERS.search(value)
    if found:
        character = found.group()
        raise ValidationError(
            _("This text contains the invisible control character %(character)s: remove it."),
            code="control_character",
            params={"character": "NUL" if character == "\x00" else f"U+{ord(character):04X}"},
        )


def check(value: str, max_length: int) -> None:
    """Raise ValidationError when ``value`` (already cleaned) cannot be stored;
    for text read outside a form, such as the autosave."""
    validate_no_control_characters(value)
    validators.MaxLengthValidator(max_length)(value)


# Forms


class _CleanedCharField(forms.CharField):
    clean_text = staticmethod(clean_multi_line)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # One message for NUL and the other control characters, rather than
        # Django's for NUL and ours for the rest.
        self.validators = [
            validator
            for validator in self.validators
            if not isinstance(validator, validators.ProhibitNullCharactersValidator)
        ] + [validate_no_control_characters]

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return value
        return self.clean_text(value) or self.empty_value


class SingleLineFormField(_CleanedCharField):
    clean_text = staticmethod(clean_single_line)

    def __init__(self, *, max_length=NAME_MAX_LENGTH, **kwargs):
        super().__init__(max_length=max_length, **kwargs)


class MultiLineFormField(_CleanedCharField):
    widget = forms.Textarea

    def __init__(self, *, max_length=SHORT_TEXT_MAX_LENGTH, **kwargs):
        super().__init__(max_length=max_length, **kwargs)


# Models


class _CleanedTextMixin:
    clean_text = staticmethod(clean_multi_line)
    form_class: type[forms.Field]

    @cached_property
    def validators(self):
        return [*super().validators, validate_no_control_characters]

    def clean(self, value, model_instance):
        return super().clean(self.clean_text(value), model_instance)

    def pre_save(self, model_instance, add):
        value = self.clean_text(super().pre_save(model_instance, add))
        setattr(model_instance, self.attname, value)
        return value

    def formfield(self, **kwargs):
        if not self.choices:
            kwargs.setdefault("form_class", self.form_class)
        return super().formfield(**kwargs)


class SingleLineTextField(_CleanedTextMixin, models.CharField):
    """A name or a title: one line, at most NAME_MAX_LENGTH characters unless
    told otherwise, direction controls removed."""

    clean_text = staticmethod(clean_single_line)
    form_class = SingleLineFormField

    def __init__(self, *args, max_length=NAME_MAX_LENGTH, **kwargs):
        super().__init__(*args, max_length=max_length, **kwargs)


class MultiLineTextField(_CleanedTextMixin, models.TextField):
    """Free text on several lines, at most SHORT_TEXT_MAX_LENGTH characters
    unless told otherwise (Django's TextField checks no length itself)."""

    form_class = MultiLineFormField

    def __init__(self, *args, max_length=SHORT_TEXT_MAX_LENGTH, **kwargs):
        super().__init__(*args, max_length=max_length, **kwargs)

    @cached_property
    def validators(self):
        return [*super().validators, validators.MaxLengthValidator(self.max_length)]
