"""The sources of a practice: where its figures come from.

Stored as a list of {"name", "year", "url"} (``Practice.sources``) and written,
in a spreadsheet cell or a form's text box, one source a line as
``name | year | url`` (ADR 0029).
"""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext as _

SEPARATOR = "|"
FIRST_YEAR = 1900
NAME_MAX_LENGTH = 300
URL_MAX_LENGTH = 1000
MAX_SOURCES = 20
KEYS = ("name", "year", "url")

_url = URLValidator(schemes=["http", "https"])


def source_problems(source) -> list[str]:
    """What is wrong with one source, in words; empty when it is fine."""
    if not isinstance(source, dict):
        return [_("a source has a name, a year and a link")]
    problems = []
    unknown = sorted(str(key) for key in source if key not in KEYS)
    if unknown:
        problems.append(_("unknown key “%(key)s” in a source") % {"key": ", ".join(unknown)})
    name = source.get("name")
    if not isinstance(name, str) or not name.strip():
        problems.append(_("the source’s name is missing"))
    elif len(name) > NAME_MAX_LENGTH:
        problems.append(
            _("the source’s name is longer than %(limit)s characters") % {"limit": NAME_MAX_LENGTH}
        )
    elif SEPARATOR in name:
        problems.append(_("the source’s name may not contain “|”"))
    year = source.get("year")
    last_year = timezone.now().year + 1
    if isinstance(year, bool) or not isinstance(year, int) or not FIRST_YEAR <= year <= last_year:
        problems.append(
            _("the year “%(year)s” is not a year from %(first)s to %(last)s")
            % {"year": "" if year is None else year, "first": FIRST_YEAR, "last": last_year}
        )
    url = source.get("url")
    try:
        if not isinstance(url, str) or len(url) > URL_MAX_LENGTH:
            raise ValidationError("")
        _url(url)
    except ValidationError:
        problems.append(
            _("the link “%(url)s” is not a web address starting with http:// or https://")
            % {"url": "" if url is None else str(url)[:100]}
        )
    return problems


def validate_sources(value) -> None:
    """The model field's validator: a list of well-formed sources."""
    if not isinstance(value, list):
        raise ValidationError(_("The sources are a list."), code="invalid")
    if len(value) > MAX_SOURCES:
        raise ValidationError(
            _("At most %(limit)s sources.") % {"limit": MAX_SOURCES}, code="invalid"
        )
    problems = []
    for number, source in enumerate(value, start=1):
        problems += [
            _("Source %(number)s: %(problem)s") % {"number": number, "problem": problem}
            for problem in source_problems(source)
        ]
    if problems:
        raise ValidationError(problems, code="invalid")


def parse_sources(text: str) -> list[dict]:
    """The sources written one a line as ``name | year | url``; ValidationError
    naming each bad line otherwise."""
    sources, problems = [], []
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    for number, line in enumerate(lines, start=1):
        parts = [part.strip() for part in line.split(SEPARATOR)]
        if len(parts) != 3:
            problems.append(
                _("Source line %(number)s: write “name | year | link”, separated by “|”.")
                % {"number": number}
            )
            continue
        name, year, url = parts
        source = {"name": name, "year": int(year) if year.isdecimal() else year, "url": url}
        found = source_problems(source)
        problems += [
            _("Source line %(number)s: %(problem)s") % {"number": number, "problem": problem}
            for problem in found
        ]
        sources.append(source)
    if len(sources) > MAX_SOURCES:
        problems.append(_("At most %(limit)s sources.") % {"limit": MAX_SOURCES})
    if problems:
        raise ValidationError(problems, code="invalid")
    return sources


def format_sources(sources) -> str:
    """The sources as ``parse_sources`` reads them back."""
    return "\n".join(
        f"{source.get('name', '')} {SEPARATOR} {source.get('year', '')} {SEPARATOR} "
        f"{source.get('url', '')}"
        for source in sources or []
    )
