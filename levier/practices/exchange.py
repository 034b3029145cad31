"""Practices in and out: CSV and XLSX files, and the library shipped with Levier.

Every way in goes through ``validate``: a file with one bad line is refused
whole, with each problem's line, field and reason.
"""

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook

from levier.accounts.naf import SECTION_TITLES_EN
from levier.engine.packs import SIZE_BANDS
from levier.frameworks.services import latest_pack
from levier.practices.models import Cost, Effort, Practice, PracticeLink

SHIPPED = Path(__file__).resolve().parent / "content" / "practices.yaml"
COLUMNS = [
    "code",
    "title",
    "title_en",
    "summary",
    "summary_en",
    "context",
    "steps",
    "results",
    "effort",
    "cost",
    "size_bands",
    "sectors",
    "themes",
    "tags",
    "questions",
    "is_public",
]
REQUIRED = ["code", "title", "summary", "steps", "effort", "cost"]
MAX_ROWS = 10_000


@dataclass(frozen=True)
class RowError:
    line: int
    field: str
    message: str

    def __str__(self):
        return _("Line %(line)s, %(field)s: %(message)s") % {
            "line": self.line,
            "field": self.field,
            "message": self.message,
        }


@dataclass
class CleanRow:
    line: int
    fields: dict
    links: list[tuple[str, str]] = field(default_factory=list)


class ImportRefused(Exception):
    def __init__(self, errors: list[RowError]):
        self.errors = errors
        super().__init__("\n".join(str(error) for error in errors))


def read_file(upload) -> list[tuple[int, dict]]:
    """(line number, row) pairs from a CSV or XLSX upload; line 1 is the header."""
    name = upload.name.lower()
    if name.endswith(".xlsx"):
        sheet = load_workbook(upload, read_only=True, data_only=True).active
        rows = sheet.iter_rows(values_only=True)
        header = [str(cell or "").strip() for cell in next(rows, ())]
        return [
            (number, {h: ("" if v is None else str(v)) for h, v in zip(header, row, strict=False)})
            for number, row in enumerate(rows, start=2)
            if any(v not in (None, "") for v in row)
        ]
    if name.endswith(".csv"):
        text = upload.read().decode("utf-8-sig")
        dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
        reader = csv.DictReader(io.StringIO(text), dialect=dialect)
        # A record starts on the line after the previous one ended: cells
        # spanning several lines keep the numbers a spreadsheet shows.
        rows = []
        start = 2
        for row in reader:
            if any((value or "").strip() for value in row.values()):
                rows.append((start, row))
            start = reader.line_num + 1
        return rows
    raise ImportRefused([RowError(0, _("file"), _("Give a .csv or .xlsx file."))])


def _split(value: str) -> list[str]:
    return [item.strip() for item in (value or "").replace(";", ",").split(",") if item.strip()]


def validate(rows: list[tuple[int, dict]], network) -> list[CleanRow]:
    """Cleaned rows, or ImportRefused listing every problem."""
    errors: list[RowError] = []
    cleaned: list[CleanRow] = []
    pack = latest_pack()
    theme_codes = {theme.code for theme in pack.themes} if pack else set()
    seen: dict[str, int] = {}
    if len(rows) > MAX_ROWS:
        raise ImportRefused([RowError(0, _("file"), _("At most 10,000 lines at once."))])
    for line, raw in rows:
        row = {key.strip(): (value or "").strip() for key, value in raw.items() if key}

        def error(column, message, line=line):
            errors.append(RowError(line, column, message))

        unknown = sorted(set(row) - set(COLUMNS))
        for column in unknown:
            error(column, _("unknown column; the columns are: %s") % ", ".join(COLUMNS))
        for column in REQUIRED:
            if not row.get(column):
                error(column, _("required"))
        code = row.get("code", "")
        if code:
            if code in seen:
                error(
                    "code",
                    _("“%(code)s” is already on line %(line)s")
                    % {
                        "code": code,
                        "line": seen[code],
                    },
                )
            seen[code] = line
            if not all(c.isalnum() or c == "-" for c in code) or code.lower() != code:
                error("code", _("lowercase letters, digits and dashes only"))
        if row.get("effort") and row["effort"] not in Effort.values:
            error("effort", _("one of %s") % ", ".join(Effort.values))
        if row.get("cost") and row["cost"] not in Cost.values:
            error("cost", _("one of %s") % ", ".join(Cost.values))
        for band in _split(row.get("size_bands", "")):
            if band not in SIZE_BANDS:
                error(
                    "size_bands",
                    _("“%(value)s” is not one of %(allowed)s")
                    % {
                        "value": band,
                        "allowed": ", ".join(SIZE_BANDS),
                    },
                )
        for letter in _split(row.get("sectors", "")):
            if letter not in SECTION_TITLES_EN:
                error("sectors", _("“%s” is not a NAF section letter (A to U)") % letter)
        for theme in _split(row.get("themes", "")):
            if theme not in theme_codes:
                error("themes", _("“%s” is not a theme of Levier 360") % theme)
        links = []
        for item in _split(row.get("questions", "")):
            question_code, _sep, level_code = item.partition(":")
            question_code, level_code = question_code.strip(), level_code.strip()
            try:
                question = pack.question(question_code)
            except (KeyError, AttributeError):
                error("questions", _("“%s” is not a question of Levier 360") % question_code)
                continue
            if question.level(level_code) is None:
                error(
                    "questions",
                    _("“%(level)s” is not a level of %(question)s")
                    % {
                        "level": level_code,
                        "question": question_code,
                    },
                )
                continue
            links.append((question_code, level_code))
        if row.get("is_public", "") not in (
            "",
            "yes",
            "no",
            "oui",
            "non",
            "1",
            "0",
            "true",
            "false",
        ):
            error("is_public", _("yes or no"))
        cleaned.append(
            CleanRow(
                line,
                {
                    "code": code,
                    "title": row.get("title", "")[:200],
                    "title_en": row.get("title_en", "")[:200],
                    "summary": row.get("summary", ""),
                    "summary_en": row.get("summary_en", ""),
                    "context": row.get("context", ""),
                    "steps": row.get("steps", ""),
                    "results": row.get("results", ""),
                    "effort": row.get("effort", ""),
                    "cost": row.get("cost", ""),
                    "size_bands": _split(row.get("size_bands", "")),
                    "sectors": _split(row.get("sectors", "")),
                    "themes": _split(row.get("themes", "")),
                    "tags": _split(row.get("tags", "")),
                    "is_public": row.get("is_public", "") in ("yes", "oui", "1", "true"),
                },
                links,
            )
        )
    if errors:
        raise ImportRefused(errors)
    return cleaned


@transaction.atomic
def save(rows: list[CleanRow], network, user=None) -> tuple[int, int]:
    """Create or update the practices (by code, within the network): (created, updated)."""
    created = updated = 0
    now = timezone.now()
    for row in rows:
        practice = Practice.objects.filter(network=network, code=row.fields["code"]).first()
        if practice is None:
            practice = Practice(network=network, created_by=user)
            created += 1
        else:
            updated += 1
        for name, value in row.fields.items():
            setattr(practice, name, value)
        practice.status = Practice.Status.PUBLISHED
        practice.published_at = practice.published_at or now
        practice.save()
        practice.links.all().delete()
        PracticeLink.objects.bulk_create(
            PracticeLink(practice=practice, question_code=q, level_code=level)
            for q, level in row.links
        )
    return created, updated


def shipped_rows() -> list[tuple[int, dict]]:
    """The shipped library's entries as import rows (line = position in the list)."""
    entries = yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))["practices"]
    rows = []
    for index, entry in enumerate(entries, start=1):
        row = {key: entry.get(key, "") for key in COLUMNS if key not in ("steps", "questions")}
        for key in ("size_bands", "sectors", "themes", "tags"):
            row[key] = ",".join(entry.get(key) or [])
        row["steps"] = "\n".join(entry.get("steps") or [])
        row["questions"] = ",".join(
            f"{link['question']}:{link['level']}" for link in entry.get("questions") or []
        )
        row["is_public"] = "yes"
        rows.append((index, {k: str(v) for k, v in row.items()}))
    return rows


def sync_shipped() -> tuple[int, int]:
    if not SHIPPED.exists():
        return 0, 0
    return save(validate(shipped_rows(), None), None)


def export_rows(practices) -> list[list[str]]:
    rows = [COLUMNS]
    for practice in practices.prefetch_related("links"):
        rows.append(
            [
                practice.code,
                practice.title,
                practice.title_en,
                practice.summary,
                practice.summary_en,
                practice.context,
                practice.steps,
                practice.results,
                practice.effort,
                practice.cost,
                ",".join(practice.size_bands),
                ",".join(practice.sectors),
                ",".join(practice.themes),
                ",".join(practice.tags),
                ",".join(
                    f"{link.question_code}:{link.level_code}" for link in practice.links.all()
                ),
                "yes" if practice.is_public else "no",
            ]
        )
    return rows


def to_csv(rows) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "practices"
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
