"""Fill EFRAG's VSME Digital Template through its named ranges, and read a
filled one back.

EFRAG's Digital Template (an XLSX workbook, MIT licence) names its inputs:
``Assets`` is 'General Information'!$E$282, ``AddressOfSite`` the column of
the sites' table, ``AmountOfEmissionToAir`` a block of the pollutants'
table. EFRAG's converter reads a filled template through these names and
produces the Inline XBRL report, so the file we hand over must be the
template, byte for byte, except for the input cells we fill.

Why not openpyxl: loading and saving the template with openpyxl drops what
it does not model, among them the drop-down lists kept in the sheets'
extensions ("Data Validation extension is not supported and will be
removed"). So :func:`fill` edits the sheets' XML inside the zip as text,
cell by cell, and touches nothing else:

- a written cell keeps its reference and its style (``s``) and gets its
  value as an inline string, a number, a boolean or a date serial number; a
  ``<c>`` (or ``<row>``) the template lacks is created in its place, with
  the style Excel would give it (the row's, else the column's);
- every other byte of a written sheet stays as it is: its data validations
  and extensions, protection, merged cells, conditional formats, the other
  cells and their cached values;
- ``xl/workbook.xml`` gets ``fullCalcOnLoad="1"`` on its ``<calcPr>``, so
  that Excel and LibreOffice recompute the template's formulas (totals,
  validation sheet) on opening; nothing else in it changes;
- every other member of the zip is copied unchanged, in the same order, with
  the same compression method; ``xl/calcChain.xml`` stays valid as no
  formula is added or removed;
- nothing is ever written into a cell that is not an input: a formula (or a
  cell of an array formula), a cell hidden in a merged block, a locked cell
  of a protected sheet (the template locks everything but its inputs) all
  raise :class:`NotAnInput`.

Caution: the formulas' cached values stay those of the blank template until
a spreadsheet application recomputes them. EFRAG's converter reads cached
values (openpyxl, ``data_only=True``), and the reporting period's dates and
the computed totals are formulas: a file straight from :func:`fill` has to
be opened and saved by Excel or LibreOffice before that converter sees it.

Values: ``str`` (written as an inline string, so a text starting with "="
stays text and never becomes a formula), ``int``, ``float``, ``Decimal``,
``bool``, ``datetime.date`` (an Excel serial number, only into a cell whose
number format shows a date, else :class:`InvalidValue`). ``None`` and the
empty text write nothing: the template's cell stays as it is. Text that XML
cannot carry (control characters other than tab, line feed and carriage
return) is refused, not stripped: the caller knows what the person meant.
Text longer than Excel's 32,767 characters is refused too.

Besides the template's defined names, a key may be a sheet-qualified cell
reference such as ``'General Information'!D6``: a few inputs of the
template have no name (the reporting period's year, month and day).

Plain Python: no Django.
"""

import datetime as dt
import io
import math
import posixpath
import re
import warnings
import zipfile
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

import openpyxl
from defusedxml import ElementTree as SafeElementTree

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"

# Excel's limit for the text of a cell, in UTF-16 code units.
TEXT_MAX = 32767
# Excel keeps numbers as doubles: integers beyond 2**53 lose their last digits.
INTEGER_MAX = 2**53
MAX_ROW, MAX_COLUMN = 1_048_576, 16_384

# Number formats Excel shows as dates or times without a format code.
BUILTIN_DATE_FORMATS = frozenset([*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59)])


class TemplateError(ValueError):
    """Why a template cannot be filled (or read) as asked."""


class UnknownName(TemplateError):
    def __init__(self, name: object):
        self.name = name
        super().__init__(
            f"{name!r} is neither a defined name of the template "
            "nor a sheet-qualified cell reference"
        )


class NotAnInput(TemplateError):
    """The cell is the template's own: a formula, hidden in a merged block, or
    locked on a protected sheet."""

    REASONS = {
        "formula": "it holds a formula",
        "merged": "it is hidden in a merged block; only the block's first cell holds a value",
        "locked": "it is locked on a protected sheet",
    }

    def __init__(self, name: str, cell: str, reason: str = "formula"):
        self.name, self.cell, self.reason = name, cell, reason
        super().__init__(f"{name}: {cell} is not an input ({self.REASONS[reason]})")


class TooManyRows(TemplateError):
    def __init__(self, name: str, given: int, room: int):
        self.name, self.given, self.room = name, given, room
        super().__init__(f"{name}: {given} rows given, the template has room for {room}")


class WrongShape(TemplateError):
    """A list for a single cell, a single value for a block, a row too wide or
    too narrow."""

    def __init__(self, name: str, detail: str):
        self.name, self.detail = name, detail
        super().__init__(f"{name}: {detail}")


class InvalidValue(TemplateError):
    """A value no cell can hold as given: a type the template does not take,
    text XML cannot carry or too long for Excel, a number Excel would
    round, a date for a cell that does not show dates."""

    def __init__(self, name: str, cell: str, detail: str):
        self.name, self.cell, self.detail = name, cell, detail
        super().__init__(f"{name}: {cell}: {detail}")


class ConflictingValues(TemplateError):
    """Two names of the values cover the same cell and give it different
    values (the template's names overlap: a table and its columns)."""

    def __init__(self, cell: str, names: tuple[str, str]):
        self.cell, self.names = cell, names
        super().__init__(f"{cell} gets different values from {names[0]} and {names[1]}")


class UnsupportedWorkbook(TemplateError):
    """The bytes are no workbook this module can edit."""


# -- ranges ------------------------------------------------------------------


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters.upper():
        index = index * 26 + ord(letter) - 64
    return index


def _column_letters(index: int) -> str:
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


_CELL_REFERENCE = re.compile(r"\$?([A-Za-z]{1,3})\$?([1-9][0-9]{0,6})")
_REFERENCE = re.compile(
    r"(?:'((?:[^']|'')+)'|([^'!\s]+))!"
    r"(\$?[A-Za-z]{1,3}\$?[1-9][0-9]{0,6})(?::(\$?[A-Za-z]{1,3}\$?[1-9][0-9]{0,6}))?"
)


def _split(reference: str) -> tuple[int, int]:
    """The row and column of a reference: "E282" -> (282, 5)."""
    match = _CELL_REFERENCE.fullmatch(reference)
    if match is None:
        raise ValueError(f"{reference!r} is not a cell reference")
    row, column = int(match[2]), _column_index(match[1])
    if row > MAX_ROW or column > MAX_COLUMN:
        raise ValueError(f"{reference!r} is beyond the sheet's last cell")
    return row, column


def _reference(row: int, column: int) -> str:
    return f"{_column_letters(column)}{row}"


@dataclass(frozen=True)
class Range:
    """A block of cells of one sheet: ``first`` its top-left cell ("D406"),
    ``last`` its bottom-right one ("D505"; the same for a single cell)."""

    sheet: str
    first: str
    last: str

    def __post_init__(self):
        (top, left), (bottom, right) = _split(self.first), _split(self.last)
        object.__setattr__(self, "first", _reference(min(top, bottom), min(left, right)))
        object.__setattr__(self, "last", _reference(max(top, bottom), max(left, right)))

    @property
    def bounds(self) -> tuple[int, int, int, int]:
        """(top row, left column, bottom row, right column), from 1."""
        return (*_split(self.first), *_split(self.last))

    @property
    def rows(self) -> int:
        top, _, bottom, _ = self.bounds
        return bottom - top + 1

    @property
    def columns(self) -> int:
        _, left, _, right = self.bounds
        return right - left + 1

    def cells(self) -> list[list[str]]:
        """The cells' references, row by row."""
        top, left, bottom, right = self.bounds
        return [
            [_reference(row, column) for column in range(left, right + 1)]
            for row in range(top, bottom + 1)
        ]

    def __str__(self) -> str:
        def absolute(reference: str) -> str:
            row, column = _split(reference)
            return f"${_column_letters(column)}${row}"

        sheet = "'" + self.sheet.replace("'", "''") + "'"
        if self.first == self.last:
            return f"{sheet}!{absolute(self.first)}"
        return f"{sheet}!{absolute(self.first)}:{absolute(self.last)}"


def _parse_reference(text: str) -> Range | None:
    """``'General Information'!$D$406:$D$505`` -> a Range; None for anything
    else (#REF!, formulas, several areas, whole columns)."""
    match = _REFERENCE.fullmatch(text.strip())
    if match is None:
        return None
    sheet = match[1].replace("''", "'") if match[1] is not None else match[2]
    first = match[3].replace("$", "")
    last = match[4].replace("$", "") if match[4] else first
    try:
        return Range(sheet, first, last)
    except ValueError:
        return None


# -- the package -------------------------------------------------------------


def _tag(name: str) -> str:
    return f"{{{MAIN}}}{name}"


class _Package:
    """The zip, its workbook part, sheets and defined names."""

    def __init__(self, data: bytes):
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
        except zipfile.BadZipFile as error:
            raise UnsupportedWorkbook("not an XLSX workbook: not a zip archive") from error
        documents = [
            path
            for kind, path in self._relationships("").values()
            if kind.endswith("/officeDocument")
        ]
        if not documents:
            raise UnsupportedWorkbook("not an XLSX workbook: no main document")
        self.workbook_path = documents[0]
        root = self._xml(self.workbook_path)
        if root.tag != _tag("workbook"):
            raise UnsupportedWorkbook(f"{self.workbook_path} is not a SpreadsheetML workbook")
        relationships = self._relationships(self.workbook_path)
        self.styles_path = next(
            (path for kind, path in relationships.values() if kind.endswith("/styles")), None
        )
        self.sheet_paths: dict[str, str] = {}
        for sheet in root.iterfind(f"{_tag('sheets')}/{_tag('sheet')}"):
            kind, path = relationships.get(sheet.get(f"{{{RELATIONSHIPS}}}id"), ("", ""))
            if kind.endswith("/worksheet"):
                self.sheet_paths[sheet.get("name")] = path
        self.names: dict[str, Range] = {}
        for defined in root.iterfind(f"{_tag('definedNames')}/{_tag('definedName')}"):
            name = defined.get("name") or ""
            # Sheet-scoped names and Excel's own (_xlnm.Print_Area...) are no inputs.
            if not name or defined.get("localSheetId") is not None or name.startswith("_xlnm."):
                continue
            found = _parse_reference(defined.text or "")
            if found is not None and found.sheet in self.sheet_paths:
                self.names[name] = found
        properties = root.find(_tag("workbookPr"))
        self.date1904 = properties is not None and properties.get("date1904") in ("1", "true")

    def read(self, path: str) -> bytes:
        try:
            return self.zip.read(path)
        except KeyError as error:
            raise UnsupportedWorkbook(f"the workbook has no {path}") from error

    def _xml(self, path: str):
        return SafeElementTree.fromstring(self.read(path))

    def _relationships(self, part: str) -> dict[str, tuple[str, str]]:
        """Id -> (type, part path) of a part's internal relationships."""
        folder, file = posixpath.split(part)
        root = self._xml(posixpath.join(folder, "_rels", f"{file}.rels"))
        found = {}
        for relationship in root.iterfind(f"{{{PACKAGE_RELATIONSHIPS}}}Relationship"):
            if relationship.get("TargetMode") == "External":
                continue
            target = relationship.get("Target", "")
            if target.startswith("/"):
                path = target.lstrip("/")
            else:
                path = posixpath.normpath(posixpath.join(folder, target))
            found[relationship.get("Id")] = (relationship.get("Type", ""), path)
        return found

    def resolve(self, key: object) -> Range:
        if isinstance(key, str):
            if key in self.names:
                return self.names[key]
            found = _parse_reference(key) if "!" in key else None
            if found is not None and found.sheet in self.sheet_paths:
                return found
        raise UnknownName(key)

    def rewrite(self, replaced: Mapping[str, bytes]) -> bytes:
        """The same zip, members in the same order and compression, some
        members' content replaced."""
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as target:
            for info in self.zip.infolist():
                data = replaced.get(info.filename)
                if data is None:
                    data = self.zip.read(info)
                copy = zipfile.ZipInfo(info.filename, date_time=info.date_time)
                copy.compress_type = info.compress_type
                copy.external_attr = info.external_attr
                copy.create_system = info.create_system
                copy.comment = info.comment
                target.writestr(copy, data)
            target.comment = self.zip.comment
        return out.getvalue()


def defined_names(template: bytes) -> dict[str, Range]:
    """The workbook's defined names that point to one block of cells of a
    worksheet. Left out: names scoped to one sheet, Excel's own ``_xlnm.``
    names, and names that are formulas or broken (``#REF!``)."""
    return dict(_Package(template).names)


# -- styles ------------------------------------------------------------------


def _is_date_format(code: str) -> bool:
    # Literal text, escaped characters and [colours] or [$-locales] say nothing;
    # elapsed times ([h], [mm], [ss]) do.
    code = re.sub(r'"[^"]*"|\\.|_.|\*.|\[(?![hms]+\])[^\]]*\]', "", code)
    return re.search(r"[dmyhs]", code.split(";")[0], re.IGNORECASE) is not None


class _Styles:
    """Per cell format (``s``): is it locked, does it show a date."""

    def __init__(self, package: _Package):
        self.locked: list[bool] = []
        self.date: list[bool] = []
        if package.styles_path is None:
            return
        root = package._xml(package.styles_path)
        codes = {
            int(number_format.get("numFmtId", "0")): number_format.get("formatCode", "")
            for number_format in root.iterfind(f"{_tag('numFmts')}/{_tag('numFmt')}")
        }
        for xf in root.iterfind(f"{_tag('cellXfs')}/{_tag('xf')}"):
            protection = xf.find(_tag("protection"))
            self.locked.append(
                protection is None or protection.get("locked", "1") not in ("0", "false")
            )
            number_format = int(xf.get("numFmtId", "0"))
            code = codes.get(number_format)
            if code is None:
                self.date.append(number_format in BUILTIN_DATE_FORMATS)
            else:
                self.date.append(_is_date_format(code))

    def is_locked(self, style: int) -> bool:
        return self.locked[style] if style < len(self.locked) else True

    def is_date(self, style: int) -> bool:
        return self.date[style] if style < len(self.date) else False


# -- values ------------------------------------------------------------------


@dataclass(frozen=True)
class _Value:
    """What a cell gets: its type attribute (``t``) and children."""

    type: str | None
    children: str
    date: bool = False


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# ECMA-376 escapes characters in cell text as _xHHHH_: Excel reads such a
# sequence as the character, so a literal one has its "_" escaped (_x005F_).
_ESCAPE_LIKE = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _text_children(text: str) -> str:
    text = _ESCAPE_LIKE.sub("_x005F_", text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    # A raw carriage return would be read back as a line feed (XML end-of-line handling).
    text = text.replace("\r", "&#13;")
    return f'<is><t xml:space="preserve">{text}</t></is>'


def _unescape(text: str) -> str:
    return _ESCAPED.sub(lambda match: chr(int(match[1], 16)), text)


def _serial(name: str, cell: str, value: dt.date, date1904: bool) -> str:
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            raise InvalidValue(name, cell, "a date and time with a time zone: Excel has none")
        moment = value
    else:
        moment = dt.datetime.combine(value, dt.time())
    epoch = dt.datetime(1904, 1, 1) if date1904 else dt.datetime(1899, 12, 30)
    # Excel's 1900 calendar has a 29 February 1900: serials before March 1900 are off by one.
    earliest = dt.datetime(1904, 1, 1) if date1904 else dt.datetime(1900, 3, 1)
    if moment < earliest:
        raise InvalidValue(name, cell, f"{value.isoformat()} is before Excel's first exact date")
    delta = moment - epoch
    if not (delta.seconds or delta.microseconds):
        return str(delta.days)
    return repr(delta.days + (delta.seconds + delta.microseconds / 1e6) / 86400)


def _encode(name: str, cell: str, value: object, date1904: bool) -> _Value | None:
    """The cell's new content, None to leave the cell as it is."""
    if value is None:
        return None
    if isinstance(value, bool):
        return _Value("b", f"<v>{int(value)}</v>")
    if isinstance(value, int):
        if abs(value) > INTEGER_MAX:
            raise InvalidValue(name, cell, f"{value} has more digits than Excel keeps")
        return _Value(None, f"<v>{int(value)}</v>")
    if isinstance(value, float):
        if not math.isfinite(value):
            raise InvalidValue(name, cell, f"{value} is not a number Excel can hold")
        return _Value(None, f"<v>{float(value)!r}</v>")
    if isinstance(value, Decimal):
        if not value.is_finite() or not math.isfinite(float(value)):
            raise InvalidValue(name, cell, f"{value} is not a number Excel can hold")
        return _Value(None, f"<v>{value:f}</v>")
    if isinstance(value, dt.date):
        return _Value(None, f"<v>{_serial(name, cell, value, date1904)}</v>", date=True)
    if isinstance(value, str):
        if not value:
            return None
        invalid = _NOT_XML.search(value)
        if invalid is not None:
            raise InvalidValue(
                name,
                cell,
                f"the text holds the control character U+{ord(invalid[0]):04X} "
                f"at position {invalid.start() + 1}, which a workbook cannot store",
            )
        length = len(value.encode("utf-16-le")) // 2
        if length > TEXT_MAX:
            raise InvalidValue(
                name, cell, f"the text is {length} characters long, Excel's limit is {TEXT_MAX}"
            )
        return _Value("inlineStr", _text_children(str(value)))
    raise InvalidValue(name, cell, f"a value of type {type(value).__name__} cannot go in a cell")


def _is_list(value: object) -> bool:
    return isinstance(value, list | tuple)


def _grid(name: str, where: Range, given: object) -> list[list[object]]:
    """The values as rows as wide as the range."""
    if where.rows == 1 and where.columns == 1:
        if _is_list(given):
            raise WrongShape(name, f"{where} is one cell: give one value, not a list")
        return [[given]]
    if not _is_list(given):
        raise WrongShape(
            name, f"{where} is {where.rows} rows by {where.columns} columns: give a list of rows"
        )
    rows = list(given)
    if where.columns == 1 and not any(_is_list(item) for item in rows):
        rows = [[item] for item in rows]
    if len(rows) > where.rows:
        raise TooManyRows(name, len(rows), where.rows)
    for number, row in enumerate(rows, 1):
        if not _is_list(row):
            raise WrongShape(name, f"row {number} is not a list of values")
        if len(row) != where.columns:
            raise WrongShape(
                name, f"row {number} has {len(row)} values, the range is {where.columns} wide"
            )
    return [list(row) for row in rows]


# -- a sheet's XML -----------------------------------------------------------

_ATTRIBUTES = r"""(?:[^>"']|"[^"]*"|'[^']*')*?"""
_SHEET_DATA = re.compile(rf"<sheetData\b{_ATTRIBUTES}(?:/>|>(.*?)</sheetData>)", re.DOTALL)
_ROW = re.compile(rf"<row\b({_ATTRIBUTES})(/>|>(.*?)</row>)", re.DOTALL)
_CELL = re.compile(rf"<c\b({_ATTRIBUTES})(/>|>(.*?)</c>)", re.DOTALL)
_ATTRIBUTE = re.compile(r"""([\w:.-]+)\s*=\s*("[^"]*"|'[^']*')""")
_FORMULA = re.compile(r"<f[\s/>]")
_FORMULA_TAG = re.compile(rf"<f\b({_ATTRIBUTES})/?>")
_MERGE = re.compile(r"""<mergeCell\b[^>]*?\bref\s*=\s*["']([^"']+)["']""")
_PROTECTED = re.compile(r"""<sheetProtection\b[^>]*?\bsheet\s*=\s*["'](?:1|true)["']""")
_COLUMN = re.compile(rf"<col\b({_ATTRIBUTES})/?>")
_DIMENSION = re.compile(r"""<dimension\b[^>]*?\bref\s*=\s*["']([^"']+)["']""")
_DECLARED_ENCODING = re.compile(r"""<\?xml[^>]*?encoding\s*=\s*["']([^"']+)["']""")
_ROOT = re.compile(r"""<worksheet\b[^>]*?\sxmlns\s*=\s*["']([^"']+)["']""")
_BLOCK_ROWS = 64


def _attributes(text: str) -> dict[str, str]:
    return {name: value[1:-1] for name, value in _ATTRIBUTE.findall(text)}


def _decode(xml: bytes, what: str) -> str:
    declared = _DECLARED_ENCODING.search(xml[:200].decode("ascii", "replace"))
    if declared is not None and declared[1].lower().replace("-", "") != "utf8":
        raise UnsupportedWorkbook(f"{what} is encoded in {declared[1]}, not UTF-8")
    return xml.decode("utf-8")


@dataclass
class _Row:
    number: int
    start: int  # the <row ...> element, in the sheet's text
    end: int
    tag_end: int  # just after the opening tag
    attributes: str
    closed: bool  # <row .../>
    children_end: int  # where a last cell goes (before </row> or the row's extLst)


@dataclass
class _Cell:
    column: int
    start: int
    end: int
    attributes: list[tuple[str, str]]  # (name, quoted raw value), in order
    children: str


class _Sheet:
    """A worksheet's XML as text, and what it says about its cells."""

    def __init__(self, title: str, xml: bytes):
        self.title = title
        self.text = _decode(xml, title)
        text = self.text
        root = _ROOT.search(text)
        if root is None or root[1] != MAIN:
            raise UnsupportedWorkbook(f"{title}: not a SpreadsheetML worksheet")
        data = _SHEET_DATA.search(text)
        if data is None:
            raise UnsupportedWorkbook(f"{title}: no sheetData")
        self.data = data
        head, tail = text[: data.start()], text[data.end() :]
        self.protected = _PROTECTED.search(tail) is not None
        self.column_styles: list[tuple[int, int, int]] = []
        for column in _COLUMN.finditer(head):
            attributes = _attributes(column[1])
            if "style" in attributes:
                self.column_styles.append(
                    (int(attributes["min"]), int(attributes["max"]), int(attributes["style"]))
                )
        self.rows: dict[int, _Row] = {}
        if data[1] is not None:
            for row in _ROW.finditer(text, data.start(1), data.end(1)):
                attributes = _attributes(row[1])
                if "r" not in attributes:
                    raise UnsupportedWorkbook(f"{title}: a row without its number")
                closed = row[2] == "/>"
                tag_end = row.end() if closed else row.start(3)
                children_end = row.end() if closed else row.end(3)
                if not closed:
                    extension = text.find("<extLst", row.start(3), row.end(3))
                    if extension >= 0:
                        children_end = extension
                number = int(attributes["r"])
                self.rows[number] = _Row(
                    number, row.start(), row.end(), tag_end, row[1], closed, children_end
                )
        self._cells: dict[int, dict[int, _Cell]] = {}
        # Blocks whose cells, but the first, are no inputs: merged cells.
        # Blocks none of whose cells is an input: array formulas, data tables.
        self.blocks: dict[int, list[tuple[int, int, int, int, str]]] = defaultdict(list)
        for merge in _MERGE.finditer(tail):
            self._add_block(merge[1], "merged")
        if data[1] is not None:
            for formula in _FORMULA_TAG.finditer(text, data.start(1), data.end(1)):
                attributes = _attributes(formula[1])
                if attributes.get("t") in ("array", "dataTable") and "ref" in attributes:
                    self._add_block(attributes["ref"], "formula")

    def _add_block(self, reference: str, kind: str) -> None:
        first, _, last = reference.partition(":")
        try:
            (top, left), (bottom, right) = _split(first), _split(last or first)
        except ValueError:
            return
        for block in range(top // _BLOCK_ROWS, bottom // _BLOCK_ROWS + 1):
            self.blocks[block].append((top, left, bottom, right, kind))

    def cells(self, number: int) -> dict[int, _Cell]:
        """A row's cells by column."""
        if number not in self._cells:
            found: dict[int, _Cell] = {}
            row = self.rows.get(number)
            if row is not None and not row.closed:
                for cell in _CELL.finditer(self.text, row.tag_end, row.children_end):
                    attributes = _ATTRIBUTE.findall(cell[1])
                    reference = dict(attributes).get("r")
                    if reference is None:
                        raise UnsupportedWorkbook(f"{self.title}: a cell without its reference")
                    _, column = _split(reference[1:-1])
                    found[column] = _Cell(
                        column, cell.start(), cell.end(), attributes, cell[3] or ""
                    )
            self._cells[number] = found
        return self._cells[number]

    def style(self, row: int, column: int) -> int:
        """The cell's format: its own, else the row's, else the column's."""
        cell = self.cells(row).get(column)
        if cell is not None:
            return int(dict(cell.attributes).get("s", '"0"')[1:-1])
        if row in self.rows:
            attributes = _attributes(self.rows[row].attributes)
            if attributes.get("customFormat") in ("1", "true") and "s" in attributes:
                return int(attributes["s"])
        for first, last, style in self.column_styles:
            if first <= column <= last:
                return style
        return 0

    def check(self, name: str, row: int, column: int, styles: _Styles) -> int:
        """The style of a cell that is an input; NotAnInput otherwise."""
        reference = _reference(row, column)
        cell = self.cells(row).get(column)
        if cell is not None and _FORMULA.search(cell.children):
            raise NotAnInput(name, reference, "formula")
        for top, left, bottom, right, kind in self.blocks.get(row // _BLOCK_ROWS, ()):
            if top <= row <= bottom and left <= column <= right:
                if kind == "formula":
                    raise NotAnInput(name, reference, "formula")
                if (row, column) != (top, left):
                    raise NotAnInput(name, reference, "merged")
        style = self.style(row, column)
        if self.protected and styles.is_locked(style):
            raise NotAnInput(name, reference, "locked")
        return style

    def render(self, writes: Mapping[tuple[int, int], tuple[_Value, int]]) -> bytes:
        """The sheet's XML with the cells written, all else as it was."""
        edits: list[tuple[int, int, tuple[int, int], str]] = []  # start, end, order, text
        by_row: dict[int, dict[int, tuple[_Value, int]]] = defaultdict(dict)
        for (row, column), write in writes.items():
            by_row[row][column] = write
        ordered_rows = sorted(self.rows.values(), key=lambda row: row.number)
        new_rows: list[tuple[int, str]] = []
        for number, columns in sorted(by_row.items()):
            row = self.rows.get(number)
            if row is None:
                cells = "".join(
                    _cell_xml(_reference(number, column), [], *columns[column])
                    for column in sorted(columns)
                )
                new_rows.append((number, f'<row r="{number}">{cells}</row>'))
                continue
            existing = self.cells(number)
            following = sorted(existing.values(), key=lambda cell: cell.column)
            inserted: list[tuple[int, int, str]] = []  # position, column, xml
            for column in sorted(columns):
                value, style = columns[column]
                reference = _reference(number, column)
                cell = existing.get(column)
                if cell is not None:
                    xml = _cell_xml(reference, cell.attributes, value, style)
                    edits.append((cell.start, cell.end, (number, column), xml))
                    continue
                position = next(
                    (cell.start for cell in following if cell.column > column), row.children_end
                )
                inserted.append((position, column, _cell_xml(reference, [], value, style)))
            opening = f"<row{_widen_spans(row.attributes, columns)}>"
            if row.closed:
                cells = "".join(xml for _, _, xml in inserted)
                edits.append((row.start, row.end, (number, 0), f"{opening}{cells}</row>"))
                continue
            if opening != self.text[row.start : row.tag_end]:
                edits.append((row.start, row.tag_end, (number, 0), opening))
            for position, column, xml in inserted:
                edits.append((position, position, (number, column), xml))
        if new_rows:
            if self.data[1] is None:  # <sheetData/>
                rows = "".join(xml for _, xml in new_rows)
                edits.append(
                    (self.data.start(), self.data.end(), (0, 0), f"<sheetData>{rows}</sheetData>")
                )
            else:
                for number, xml in new_rows:
                    position = next(
                        (row.start for row in ordered_rows if row.number > number),
                        self.data.end(1),
                    )
                    edits.append((position, position, (number, 0), xml))
        edits += self._widen_dimension(writes)
        edits.sort(key=lambda edit: (edit[0], edit[1], edit[2]))
        pieces, cursor = [], 0
        for start, end, _, xml in edits:
            pieces += [self.text[cursor:start], xml]
            cursor = end
        pieces.append(self.text[cursor:])
        rendered = "".join(pieces).encode("utf-8")
        try:
            SafeElementTree.fromstring(rendered)
        except SafeElementTree.ParseError as error:  # a bug of ours, never the values'
            message = f"{self.title}: the edited sheet is not XML: {error}"
            raise UnsupportedWorkbook(message) from error
        return rendered

    def _widen_dimension(self, writes) -> list[tuple[int, int, tuple[int, int], str]]:
        dimension = _DIMENSION.search(self.text, 0, self.data.start())
        if dimension is None or not writes:
            return []
        first, _, last = dimension[1].partition(":")
        try:
            (top, left), (bottom, right) = _split(first), _split(last or first)
        except ValueError:
            return []
        rows = [row for row, _ in writes]
        columns = [column for _, column in writes]
        wider = (
            min(top, *rows),
            min(left, *columns),
            max(bottom, *rows),
            max(right, *columns),
        )
        if wider == (top, left, bottom, right):
            return []
        reference = f"{_reference(wider[0], wider[1])}:{_reference(wider[2], wider[3])}"
        return [(dimension.start(1), dimension.end(1), (0, 0), reference)]


def _widen_spans(attributes: str, columns: Iterable[int]) -> str:
    """A row's attributes, its ``spans`` hint widened to its new cells."""
    match = re.search(r"""\bspans\s*=\s*(["'])(\d+):(\d+)\1""", attributes)
    if match is None:
        return attributes
    first, last = int(match[2]), int(match[3])
    columns = list(columns)
    first, last = min(first, *columns), max(last, *columns)
    return f'{attributes[: match.start()]}spans="{first}:{last}"{attributes[match.end() :]}'


def _cell_xml(reference: str, attributes: list[tuple[str, str]], value: _Value, style: int) -> str:
    # The value's own attributes go: its type, its rich value or formula metadata.
    kept = "".join(
        f" {name}={raw}" for name, raw in attributes if name not in ("r", "s", "t", "vm", "cm")
    )
    style_attribute = f' s="{style}"' if style else ""
    type_attribute = f' t="{value.type}"' if value.type else ""
    return f'<c r="{reference}"{style_attribute}{kept}{type_attribute}>{value.children}</c>'


_CALC_PROPERTIES = re.compile(rf"<calcPr\b({_ATTRIBUTES})(/?)>")
# What follows calcPr in a workbook (CT_Workbook's sequence).
_AFTER_CALC_PROPERTIES = re.compile(
    r"<(?:oleSize|customWorkbookViews|pivotCaches|smartTagPr|smartTagTypes|webPublishing"
    r"|fileRecoveryPr|webPublishObjects|extLst)\b|</workbook>"
)


def _recalculate_on_load(xml: bytes) -> bytes:
    text = _decode(xml, "xl/workbook.xml")
    found = _CALC_PROPERTIES.search(text)
    if found is not None:
        attributes = found[1]
        flag = re.search(r"""\bfullCalcOnLoad\s*=\s*["'][^"']*["']""", attributes)
        if flag is not None:
            before, after = attributes[: flag.start()], attributes[flag.end() :]
            attributes = f'{before}fullCalcOnLoad="1"{after}'
        else:
            attributes = f'{attributes} fullCalcOnLoad="1"'
        text = f"{text[: found.start()]}<calcPr{attributes}{found[2]}>{text[found.end() :]}"
    else:
        after = _AFTER_CALC_PROPERTIES.search(text)
        if after is None:
            raise UnsupportedWorkbook("xl/workbook.xml has no end")
        text = f'{text[: after.start()]}<calcPr fullCalcOnLoad="1"/>{text[after.start() :]}'
    return text.encode("utf-8")


# -- the API -----------------------------------------------------------------


class NotAFormula(TemplateError):
    """A formula's result was given for a cell that holds no formula."""

    def __init__(self, name: str, cell: str):
        self.name, self.cell = name, cell
        super().__init__(f"{name}: {cell} holds no formula, it has no result to store")


_FORMULA_ELEMENT = re.compile(r"<f\b[^>]*/>|<f\b[^>]*>.*?</f>", re.S)


def _result(name: str, cell: str, value: object, formula: str) -> _Value:
    """A formula cell with ``value`` as its stored result, its formula kept."""
    if isinstance(value, str):
        text = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        return _Value("str", f"{formula}<v>{text}</v>")
    encoded = _encode(name, cell, value, False)
    if encoded is None or encoded.type not in (None, "b") or encoded.date:
        raise InvalidValue(name, cell, "a formula's result is a text, a number or a boolean")
    return _Value(encoded.type, f"{formula}{encoded.children}")


def fill(
    template: bytes,
    values: Mapping[str, object],
    results: Mapping[str, object] | None = None,
) -> bytes:
    """The template with ``values`` written into the cells of their names.

    ``results`` stores, for one-cell names holding a formula, the value the
    formula gives, its formula kept: readers that take a workbook's stored
    results without computing them (EFRAG's converter reads the reporting
    period's dates so) see the right ones before a spreadsheet recomputes.

    A one-cell name takes one value; a block takes a list of rows, each a
    list as wide as the block, fewer rows than the block has being fine; a
    one-column block also takes a flat list. ``None`` leaves a cell as the
    template has it (the formula cells of a table's rows, for instance).
    Raises a :class:`TemplateError`, and writes nothing, when a name is
    unknown, a value does not fit or a cell is not an input."""
    package = _Package(template)
    plan: dict[str, dict[tuple[int, int], tuple[_Value, str]]] = defaultdict(dict)
    for name, given in values.items():
        where = package.resolve(name)
        top, left, _, _ = where.bounds
        for row_offset, row in enumerate(_grid(name, where, given)):
            for column_offset, scalar in enumerate(row):
                row_number, column = top + row_offset, left + column_offset
                reference = _reference(row_number, column)
                value = _encode(name, reference, scalar, package.date1904)
                if value is None:
                    continue
                writes = plan[where.sheet]
                previous = writes.get((row_number, column))
                if previous is not None and previous[0] != value:
                    cell = str(Range(where.sheet, reference, reference))
                    raise ConflictingValues(cell, (previous[1], name))
                writes[(row_number, column)] = (value, name)
    formulas: dict[str, dict[tuple[int, int], tuple[object, str]]] = defaultdict(dict)
    for name, given in (results or {}).items():
        where = package.resolve(name)
        if where.rows != 1 or where.columns != 1:
            raise WrongShape(name, "a formula's result goes in one cell")
        top, left, _, _ = where.bounds
        formulas[where.sheet][(top, left)] = (given, name)
    replaced: dict[str, bytes] = {}
    styles = _Styles(package) if plan else None
    for title in {*plan, *formulas}:
        writes = plan.get(title, {})
        path = package.sheet_paths[title]
        sheet = _Sheet(title, package.read(path))
        checked: dict[tuple[int, int], tuple[_Value, int]] = {}
        for (row, column), (given, name) in formulas.get(title, {}).items():
            reference = _reference(row, column)
            cell = sheet.cells(row).get(column)
            formula = _FORMULA_ELEMENT.search(cell.children) if cell is not None else None
            if formula is None:
                raise NotAFormula(name, reference)
            value = _result(name, reference, given, formula[0])
            checked[(row, column)] = (value, sheet.style(row, column))
        for (row, column), (value, name) in writes.items():
            style = sheet.check(name, row, column, styles)
            if value.date and not styles.is_date(style):
                raise InvalidValue(
                    name,
                    _reference(row, column),
                    "the cell's number format does not show a date (Excel would show a number)",
                )
            checked[(row, column)] = (value, style)
        replaced[path] = sheet.render(checked)
    replaced[package.workbook_path] = _recalculate_on_load(package.read(package.workbook_path))
    return package.rewrite(replaced)


def _cell_value(cell) -> object:
    if cell.data_type == "f":
        return None
    value = cell.value
    if isinstance(value, dt.datetime) and value.time() == dt.time(0) and value.tzinfo is None:
        return value.date()
    if isinstance(value, str):
        return _unescape(value) or None
    return value


def read(workbook: bytes, names: Iterable[str]) -> dict[str, object]:
    """The values of a filled template through its names, in the shapes
    :func:`fill` takes: one value for a one-cell name, a list of rows for a
    block, its trailing empty rows left out. A formula's cell reads None (it
    is no input), so does an empty text. Dates come back as ``date``
    (``datetime`` when they have a time)."""
    package = _Package(workbook)
    wanted = {name: package.resolve(name) for name in names}
    by_sheet: dict[str, list[Range]] = defaultdict(list)
    for where in wanted.values():
        by_sheet[where.sheet].append(where)
    values: dict[tuple[str, int, int], object] = {}
    with warnings.catch_warnings():
        # Reading only: what openpyxl cannot keep does not matter here. (A
        # read-only workbook parses its sheets as they are iterated.)
        warnings.filterwarnings("ignore", message=".*is not supported and will be removed")
        book = openpyxl.load_workbook(io.BytesIO(workbook), read_only=True, data_only=False)
        try:
            for title, ranges in by_sheet.items():
                top = min(where.bounds[0] for where in ranges)
                left = min(where.bounds[1] for where in ranges)
                bottom = max(where.bounds[2] for where in ranges)
                right = max(where.bounds[3] for where in ranges)
                rows = book[title].iter_rows(
                    min_row=top, max_row=bottom, min_col=left, max_col=right
                )
                for row_number, row in enumerate(rows, top):
                    for column, cell in enumerate(row, left):
                        value = _cell_value(cell)
                        if value is not None:
                            values[(title, row_number, column)] = value
        finally:
            book.close()
    found: dict[str, object] = {}
    for name, where in wanted.items():
        top, left, bottom, right = where.bounds
        grid = [
            [values.get((where.sheet, row, column)) for column in range(left, right + 1)]
            for row in range(top, bottom + 1)
        ]
        if where.rows == 1 and where.columns == 1:
            found[name] = grid[0][0]
            continue
        while grid and all(value is None for value in grid[-1]):
            grid.pop()
        found[name] = grid
    return found
