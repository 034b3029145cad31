"""Practices in and out: CSV and XLSX files, and the library shipped with Levier.

Every way in goes through ``validate``: a file with one bad line is refused
whole, with each problem's line, field and reason.
"""

import csv
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook

from levier.accounts.naf import SECTION_TITLES_EN
from levier.api import webhooks
from levier.engine import csv_text
from levier.engine.packs import SIZE_BANDS
from levier.frameworks.services import DEFAULT_FRAMEWORK, latest_pack
from levier.lib import archives
from levier.lib.spreadsheets import append_row, csv_bytes, imported_text, xlsx_bytes
from levier.practices.models import Cost, Effort, Practice, PracticeLink
from levier.practices.services import level_problem, linkable_packs
from levier.practices.sources import format_sources, parse_sources

# The shipped library, one file per pillar; every YAML file of the folder is read:
# those with a list of ``practices``, and those with a list of ``links`` (a practice
# code, a framework, a question and a level each), which add to the practices' own.
SHIPPED = Path(__file__).resolve().parent / "content"
TEXT_COLUMNS = (
    "title",
    "title_en",
    "summary",
    "summary_en",
    "context",
    "context_en",
    "steps",
    "steps_en",
    "results",
    "results_en",
)
COLUMNS = [
    "code",
    "title",
    "title_en",
    "summary",
    "summary_en",
    "context",
    "context_en",
    "steps",
    "steps_en",
    "results",
    "results_en",
    # One source a line: "name | year | url".
    "sources",
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
# 10,000 practices written in full (the shipped ones average 1.9 kB a line in CSV,
# 2.7 kB in XLSX once unpacked) fit with room to spare; each limit is checked before
# the file, or what it unpacks to, is read.
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_XLSX_BYTES = 50 * 1024 * 1024
# Wider rows are cut there: a file of practices has 20 columns.
MAX_COLUMNS = 100
# Lines of text in a CSV file, cells spanning several lines included.
MAX_LINES = 20 * MAX_ROWS
DELIMITERS = (",", ";")
# What a user is told when the file is no text Levier reads.
UNREADABLE = {
    "utf16": gettext_lazy("This file is in UTF-16: save it as “CSV UTF-8” and import it again."),
    "binary": gettext_lazy(
        "This file is not text: save your spreadsheet as CSV (or XLSX) and import that file."
    ),
    "encoding": gettext_lazy(
        "The text is neither UTF-8 nor Windows-1252: save the file as “CSV UTF-8” "
        "and import it again."
    ),
}


@dataclass(frozen=True)
class RowError:
    line: int
    field: str
    message: str

    def __str__(self):
        if not self.line:  # about the whole file
            return self.message
        return _("Line %(line)s, %(field)s: %(message)s") % {
            "line": self.line,
            "field": self.field,
            "message": self.message,
        }


@dataclass
class CleanRow:
    line: int
    fields: dict
    # (framework, question, level)
    links: list[tuple[str, str, str]] = field(default_factory=list)


class ImportRefused(Exception):
    def __init__(self, errors: list[RowError]):
        self.errors = errors
        super().__init__("\n".join(str(error) for error in errors))


def read_file(upload) -> list[tuple[int, dict]]:
    """(line number, row) pairs from a CSV or XLSX upload; line 1 is the header.

    Whatever the file holds, the answer is rows or ImportRefused with a reason, and
    no more than MAX_FILE_BYTES of it, or MAX_ROWS rows, are ever read.
    """
    name = upload.name.lower()
    if not name.endswith((".csv", ".xlsx")):
        _refuse(_("Give a .csv or .xlsx file."))
    if upload.size > MAX_FILE_BYTES:
        _refuse(
            _("The file is larger than %(limit)s, the most an import may weigh.")
            % {"limit": filesizeformat(MAX_FILE_BYTES)}
        )
    if name.endswith(".xlsx"):
        return _read_xlsx(upload)
    return _read_csv(upload.read())


def _refuse(message: str):
    raise ImportRefused([RowError(0, _("file"), message)])


def _read_csv(data: bytes) -> list[tuple[int, dict]]:
    text = _decode(data)
    if not text.strip():
        _refuse(_("The file is empty."))
    end = text.find("\n")
    delimiter = _delimiter(text[: end if end >= 0 else len(text)].rstrip("\r"))
    # The csv module builds each row whole: a line of millions of separators would
    # take hundreds of megabytes before any limit could be checked.
    if text.count(delimiter) > (MAX_ROWS + 1) * MAX_COLUMNS:
        _refuse(_("This file holds far more cells than 10,000 lines of practices need."))
    reader = csv.reader(csv_text.lines(text), delimiter=delimiter)
    # A record starts on the line after the previous one ended: cells
    # spanning several lines keep the numbers a spreadsheet shows.
    rows = []
    start = 1
    try:
        columns = next(reader)
        start = reader.line_num + 1
        for cells in reader:
            # Blank lines are no rows, yet reading them takes time: they count here.
            if reader.line_num > MAX_LINES:
                _refuse(_("At most 10,000 lines at once."))
            if any(cell.strip() for cell in cells):
                if len(rows) == MAX_ROWS:
                    _refuse(_("At most 10,000 lines at once."))
                rows.append((start, dict(zip(columns, cells, strict=False))))
            start = reader.line_num + 1
    except csv.Error as error:
        raise ImportRefused(
            [RowError(start, _("file"), _("unreadable CSV: %s") % error)]
        ) from None
    return rows


def _decode(data: bytes) -> str:
    try:
        return csv_text.decode(data)
    except csv_text.Unreadable as error:
        _refuse(str(UNREADABLE[error.code]))


def _delimiter(header: str) -> str:
    """Comma or semicolon: the one that splits the header into known columns."""
    try:
        cells = {d: next(csv.reader([header], delimiter=d), []) for d in DELIMITERS}
    except csv.Error as error:
        raise ImportRefused([RowError(1, _("file"), _("unreadable CSV: %s") % error)]) from None

    def fit(delimiter):
        known = sum(cell.strip() in COLUMNS for cell in cells[delimiter])
        return known, len(cells[delimiter])

    best = max(DELIMITERS, key=fit)
    if len(cells[best]) < 2:
        _refuse(
            _(
                "The first line has a single column (“%(first)s”): separate the columns "
                "with commas or semicolons."
            )
            % {"first": header[:60]}
        )
    return best


def _read_xlsx(upload) -> list[tuple[int, dict]]:
    unreadable = _(
        "This is not an XLSX file Levier can read: save it again as XLSX, or as CSV, "
        "from your spreadsheet."
    )
    # What the archive declares is checked before anything is unpacked: a few
    # megabytes can unpack to gigabytes.
    try:
        archives.open_zip(upload, MAX_UNPACKED_XLSX_BYTES).close()
    except archives.ArchiveRefused as refused:
        if not refused.unpacked:
            _refuse(unreadable)
        _refuse(
            _(
                "Unpacked, this XLSX file would take more than %(limit)s, more than "
                "10,000 lines of practices need."
            )
            % {"limit": filesizeformat(MAX_UNPACKED_XLSX_BYTES)}
        )
    upload.seek(0)
    try:
        book = load_workbook(upload, read_only=True, data_only=True)
    except Exception:  # openpyxl raises anything from KeyError to TypeError on a bad file
        _refuse(unreadable)
    try:
        return _sheet_rows(book.active, unreadable)
    except ImportRefused:
        raise
    except Exception:
        _refuse(unreadable)
    finally:
        book.close()


def _sheet_rows(sheet, unreadable: str) -> list[tuple[int, dict]]:
    if sheet is None or not hasattr(sheet, "iter_rows"):
        _refuse(unreadable)
    # The sheet states its size up front; a file claiming more lines is refused unread.
    if sheet.max_row is not None and sheet.max_row > MAX_ROWS + 1:
        _refuse(_("At most 10,000 lines at once."))
    # Streamed row by row, whatever the sheet claims; rows it skips come as empty ones,
    # so a row a million lines down stops the reading at the limit.
    rows = sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS)
    header = [str(cell or "").strip() for cell in next(rows, ())]
    found = []
    for number, row in enumerate(rows, start=2):
        if number > MAX_ROWS + 1:
            _refuse(_("At most 10,000 lines at once."))
        if any(value not in (None, "") for value in row):
            found.append(
                (
                    number,
                    {h: ("" if v is None else str(v)) for h, v in zip(header, row, strict=False)},
                )
            )
    return found


def _split(value: str) -> list[str]:
    return [item.strip() for item in (value or "").replace(";", ",").split(",") if item.strip()]


def validate(rows: list[tuple[int, dict]], network) -> list[CleanRow]:
    """Cleaned rows, or ImportRefused listing every problem."""
    errors: list[RowError] = []
    cleaned: list[CleanRow] = []
    pack = latest_pack()
    theme_codes = {theme.code for theme in pack.themes} if pack else set()
    packs = linkable_packs(network)
    seen: dict[str, int] = {}
    if len(rows) > MAX_ROWS:
        raise ImportRefused([RowError(0, _("file"), _("At most 10,000 lines at once."))])
    for line, raw in rows:

        def error(column, message, line=line):
            errors.append(RowError(line, column, message))

        for key, value in raw.items():
            control = csv_text.CONTROL_CHARACTERS.search(value) if isinstance(value, str) else None
            if key and control:
                character = control.group()
                shown = "NUL" if character == "\x00" else f"U+{ord(character):04X}"
                error(
                    key.strip(),
                    _("contains the invisible control character %(character)s; remove it")
                    % {"character": shown},
                )
        # A cell our export wrote behind a quote, so that no spreadsheet runs it as a
        # formula, comes back as it was typed.
        row = {
            key.strip(): imported_text(value if isinstance(value, str) else "").strip()
            for key, value in raw.items()
            if key
        }

        unknown = sorted(set(row) - set(COLUMNS))
        for column in unknown:
            error(column, _("unknown column; the columns are: %s") % ", ".join(COLUMNS))
        for column in REQUIRED:
            if not row.get(column):
                error(column, _("required"))
        # The limits of the practice's own fields (ADR 16), said on the line.
        for column in TEXT_COLUMNS:
            try:
                Practice._meta.get_field(column).run_validators(row.get(column, ""))
            except ValidationError as refused:
                error(column, " ".join(refused.messages))
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
            framework, question_code, level_code = _link_parts(item)
            problem = level_problem(packs, framework, question_code, level_code)
            if problem:
                error("questions", problem)
            elif any(link[:2] == (framework, question_code) for link in links):
                error(
                    "questions",
                    _("%(question)s is given twice: one level per question")
                    % {"question": question_code},
                )
            else:
                links.append((framework, question_code, level_code))
        sources = []
        try:
            sources = parse_sources(row.get("sources", ""))
        except ValidationError as refused:
            for message in refused.messages:
                error("sources", message)
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
                    "title": row.get("title", ""),
                    "title_en": row.get("title_en", ""),
                    "summary": row.get("summary", ""),
                    "summary_en": row.get("summary_en", ""),
                    "context": row.get("context", ""),
                    "context_en": row.get("context_en", ""),
                    "steps": row.get("steps", ""),
                    "steps_en": row.get("steps_en", ""),
                    "results": row.get("results", ""),
                    "results_en": row.get("results_en", ""),
                    "sources": sources,
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


def _link_parts(item: str) -> tuple[str, str, str]:
    """``question:level`` (of Levier 360) or ``framework:question:level``."""
    parts = [part.strip() for part in item.split(":")]
    if len(parts) >= 3:
        return parts[0], parts[1], ":".join(parts[2:])
    return DEFAULT_FRAMEWORK, parts[0], parts[1] if len(parts) > 1 else ""


def _link_cell(framework: str, question_code: str, level_code: str) -> str:
    if framework == DEFAULT_FRAMEWORK:
        return f"{question_code}:{level_code}"
    return f"{framework}:{question_code}:{level_code}"


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
        newly_published = practice.status != Practice.Status.PUBLISHED
        practice.status = Practice.Status.PUBLISHED
        practice.published_at = practice.published_at or now
        practice.save()
        if newly_published:
            webhooks.fire(
                "practice.published", network=network, payload=webhooks.practice_data(practice)
            )
        practice.links.all().delete()
        PracticeLink.objects.bulk_create(
            PracticeLink(practice=practice, framework=framework, question_code=q, level_code=level)
            for framework, q, level in row.links
        )
    return created, updated


def shipped_files() -> tuple[list[dict], list[dict]]:
    """The practices and the extra links of the shipped files, in file order."""
    practices, links = [], []
    for path in sorted(SHIPPED.glob("*.yaml")):
        content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        practices += content.get("practices") or []
        links += content.get("links") or []
    return practices, links


def shipped_rows() -> list[tuple[int, dict]]:
    """The shipped library's entries as import rows (line = position in the list),
    each with its own links and those the links files give it."""
    entries, extra_links = shipped_files()
    by_code: dict[str, list[dict]] = {}
    for link in extra_links:
        by_code.setdefault(str(link.get("practice", "")), []).append(link)
    known = {str(entry.get("code", "")) for entry in entries}
    orphans = sorted(set(by_code) - known)
    if orphans:
        raise ImportRefused(
            [RowError(0, "links", _("Links to unknown practices: %s") % ", ".join(orphans))]
        )
    rows = []
    for index, entry in enumerate(entries, start=1):
        skipped = ("steps", "steps_en", "questions", "sources")
        row = {key: entry.get(key, "") for key in COLUMNS if key not in skipped}
        for key in ("size_bands", "sectors", "themes", "tags"):
            row[key] = ",".join(entry.get(key) or [])
        row["steps"] = "\n".join(entry.get("steps") or [])
        row["steps_en"] = "\n".join(entry.get("steps_en") or [])
        row["sources"] = format_sources(entry.get("sources") or [])
        links = [*(entry.get("questions") or []), *by_code.get(str(entry.get("code")), [])]
        row["questions"] = ",".join(
            _link_cell(link.get("framework") or DEFAULT_FRAMEWORK, link["question"], link["level"])
            for link in links
        )
        row["is_public"] = "yes"
        rows.append((index, {k: str(v) for k, v in row.items()}))
    return rows


def sync_shipped() -> tuple[int, int]:
    if not any(SHIPPED.glob("*.yaml")):
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
                practice.context_en,
                practice.steps,
                practice.steps_en,
                practice.results,
                practice.results_en,
                format_sources(practice.sources),
                practice.effort,
                practice.cost,
                ",".join(practice.size_bands),
                ",".join(practice.sectors),
                ",".join(practice.themes),
                ",".join(practice.tags),
                ",".join(
                    _link_cell(link.framework, link.question_code, link.level_code)
                    for link in practice.links.all()
                ),
                "yes" if practice.is_public else "no",
            ]
        )
    return rows


def to_csv(rows) -> bytes:
    return csv_bytes(rows)


def to_xlsx(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "practices"
    for row in rows:
        append_row(sheet, row)
    return xlsx_bytes(book)
