"""Template filters shared by every page."""

from django import template
from django.utils.formats import number_format
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from levier.events.themes import theme_in_language
from levier.lib.markdown import render

register = template.Library()


@register.filter
def tr(text) -> str:
    """A pack text ({fr, en}) in the active language."""
    if text is None:
        return ""
    return text.get(get_language() or "fr")


@register.filter
def event_theme(typed: str) -> str:
    """An event's theme in the active language when it names a framework theme."""
    return theme_in_language(typed, get_language() or "fr")


@register.filter
def level_label(level, question=None) -> str:
    """An answer level's label; yes/no levels may leave theirs to us."""
    if level.label is not None:
        return level.label.get(get_language() or "fr")
    return {"yes": _("Yes"), "no": _("No")}.get(level.code, level.code)


@register.filter
def score(value, decimals=0) -> str:
    """A score out of 100, localised, or an em dash when there is none."""
    if value is None or value == "":
        return "—"
    return number_format(round(float(value), int(decimals)), decimal_pos=int(decimals))


@register.filter
def signed(value, decimals=1) -> str:
    """A score difference with its sign: +3,5 / −2,0."""
    if value is None:
        return "—"
    rounded = round(float(value), int(decimals))
    text = number_format(abs(rounded), decimal_pos=int(decimals))
    if rounded > 0:
        return f"+{text}"
    if rounded < 0:
        return f"−{text}"
    return text


@register.filter(is_safe=True)
def percent(value) -> str:
    """A figure and the percent sign as the reader's language writes them:
    "10 %" with a no-break space in French, "10%" in English."""
    if value is None or value == "":
        return ""
    space = "" if (get_language() or "").startswith("en") else "\u00a0"
    return f"{value}{space}%"


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def markdown(text) -> str:
    """Members' Markdown as sanitised HTML."""

    return mark_safe(render(text))  # sanitised by nh3
