"""The VSME datapoint catalogue: EFRAG's VSME standard (Basic Module B1-B11,
Comprehensive Module C1-C9) as disclosures, sections, fields and tables,
each field tied to the VSME Digital Template's defined name for its cell.

Plain Python. The data is ``levier/vsme/data/catalogue.json``, built from
EFRAG's template and taxonomy by ``scripts/build_vsme_catalogue.py`` (whose
docstring gives every rule: kinds, units, requirements, labels, which
template names map to which concept); nothing here is typed by hand.

Reading the template side of a field:

- ``range_name`` is the template's defined name for the field's cell, or for
  a table column the name of the column's block of rows (row ``i`` of the
  table is row ``i`` of the block; a block may span merged columns, the
  first is the cell). A column of a fixed-row table has no block: ``cells``
  gives the defined name of its cell on each of the table's ``rows``.
- ``storage`` says what the cell holds (``STORAGES``); a choice's option has
  the drop-down's text as ``value`` (what EFRAG's converter reads back), a
  checkbox option its own ``cell`` (a coordinate on the field's sheet).
- ``unit_range`` names the cell where the template asks for the unit, and
  ``units`` the choices it offers (``value``: the cell's text).
- Percentages are fractions in the template (0.25 shows as 25 %).
- ``overwrites_formula``: the template pre-fills the cell with a formula (a
  geolocation, the fuel converter, a rate) that the value replaces.
- Datapoints the template computes by formula (totals, intensities, ratios)
  are no fields: each disclosure lists them in ``computed``.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

from levier.engine.text import Text

KINDS = (
    "text",
    "number",
    "integer",
    "money",
    "percent",
    "boolean",
    "choice",
    "choices",
    "date",
    "year",
)
REQUIREMENTS = ("shall", "if_applicable", "may")
MODULES = ("basic", "comprehensive")
# What a field's template cell holds:
# value: the number or text as such (money in the report's currency, a year as a number);
# checkbox: TRUE / FALSE; yes_no: the text "YES" / "NO";
# option: the chosen option's ``value``;
# option_per_cell: one chosen option's ``value`` per cell of the range, at most ``max_items``;
# checkbox_per_option: TRUE / FALSE in each option's ``cell``.
STORAGES = ("value", "checkbox", "yes_no", "option", "option_per_cell", "checkbox_per_option")
# Short unit codes (``Field.unit`` and the ``units`` options' codes).
UNITS = ("EUR", "MWh", "tCO2e", "tCO2e/EUR", "t", "kg", "m3", "ha", "m2", "h", "%")

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "vsme" / "data" / "catalogue.json"


@dataclass(frozen=True)
class Option:
    code: str  # the member concept, e.g. "vsme:CooperativeMember"; a unit code for units
    label: Text
    value: str = ""  # the template drop-down's text for this option
    cell: str = ""  # checkbox_per_option: the option's checkbox cell, e.g. "D512"


@dataclass(frozen=True)
class Field:
    code: str  # concept local name, e.g. "Assets" (unique in the catalogue)
    concept: str  # "vsme:Assets"
    label: Text
    help: Text  # documentation label (fr/en) or "" — plain explanation
    kind: str  # one of KINDS
    unit: str  # "" or one of UNITS: the unit the value is in (the template's default unit)
    requirement: str  # one of REQUIREMENTS
    paragraph: str  # the standard's paragraph, e.g. "24(e)(iii)"
    range_name: str  # the template's defined name for its cell or column ("" if none)
    options: tuple[Option, ...] = ()
    unit_range: str = ""  # the template's "<name>_unit" defined name when it asks for a unit
    guidance: str = ""  # paragraphs of the VSME guidance, e.g. "9-12"
    storage: str = "value"  # one of STORAGES
    units: tuple[Option, ...] = ()  # the units the template's unit cell offers
    max_items: int = 0  # option_per_cell: how many cells the template has
    cells: tuple[str, ...] = ()  # fixed-row table column: its cell's defined name per row
    overwrites_formula: bool = False
    alternative: str = ""  # the column sharing these cells (mass or volume, by the row's unit)
    refers_to: str = ""  # a column holding row numbers of that table (B5's sites)


@dataclass(frozen=True)
class Table:
    code: str  # e.g. "ListOfSitesTable" (unique)
    label: Text
    columns: tuple[Field, ...]  # each column's range_name is its column/block range
    rows: tuple[Option, ...] = ()  # fixed rows (explicit dimension members); () = free rows
    max_rows: int = 0  # room in the template for free rows
    range_name: str = ""  # the block's defined name when the template has one
    key_range: str = ""  # free rows: the template's row-number column (pre-filled 1, 2...)


@dataclass(frozen=True)
class Section:
    code: str  # the presentation role's number, e.g. "1030"
    title: Text
    items: tuple[Field | Table, ...]


@dataclass(frozen=True)
class Disclosure:
    code: str  # "B1".."B11", "C1".."C9"
    module: str  # "basic" | "comprehensive"
    title: Text
    sections: tuple[Section, ...]
    computed: tuple[Field, ...] = ()  # datapoints the template computes (no input)

    def items(self) -> list[Field | Table]:
        """Fields and tables, in order."""
        return [item for section in self.sections for item in section.items]

    def fields(self) -> list[Field]:
        """The scalar fields, in order."""
        return [
            item for section in self.sections for item in section.items if isinstance(item, Field)
        ]

    def tables(self) -> list[Table]:
        return [
            item for section in self.sections for item in section.items if isinstance(item, Table)
        ]


@dataclass(frozen=True)
class Catalogue:
    version: str  # "VSME Digital Template 1.3.0 / taxonomy 2026-05-01"
    disclosures: tuple[Disclosure, ...]

    def __post_init__(self):
        fields, tables = {}, {}
        for disclosure in self.disclosures:
            for table in disclosure.tables():
                tables[table.code] = table
                for column in table.columns:
                    fields[column.code] = column
            for field in disclosure.fields():
                fields[field.code] = field
        object.__setattr__(self, "_disclosures", {d.code: d for d in self.disclosures})
        object.__setattr__(self, "_fields", fields)
        object.__setattr__(self, "_tables", tables)

    def disclosure(self, code: str) -> Disclosure:
        return self._disclosures[code]

    def field(self, code: str) -> Field:
        """A scalar field or a table column, by code."""
        return self._fields[code]

    def table(self, code: str) -> Table:
        return self._tables[code]

    def basic(self) -> list[Disclosure]:
        return [d for d in self.disclosures if d.module == "basic"]

    def comprehensive(self) -> list[Disclosure]:
        return [d for d in self.disclosures if d.module == "comprehensive"]


def _text(data) -> Text:
    return Text(fr=data["fr"], en=data["en"])


def _option(data) -> Option:
    return Option(
        code=data["code"],
        label=_text(data["label"]),
        value=data.get("value", ""),
        cell=data.get("cell", ""),
    )


def _field(data, lists: dict[str, tuple[Option, ...]]) -> Field:
    options = data.get("options", [])
    return Field(
        code=data["code"],
        concept=data["concept"],
        label=_text(data["label"]),
        help=_text(data["help"]),
        kind=data["kind"],
        unit=data["unit"],
        requirement=data["requirement"],
        paragraph=data["paragraph"],
        range_name=data["range_name"],
        # Long code lists (countries, NACE, waste...) are stored once, by name.
        options=lists[options] if isinstance(options, str) else tuple(map(_option, options)),
        unit_range=data.get("unit_range", ""),
        guidance=data.get("guidance", ""),
        storage=data.get("storage", "value"),
        units=tuple(map(_option, data.get("units", []))),
        max_items=data.get("max_items", 0),
        cells=tuple(data.get("cells", [])),
        overwrites_formula=data.get("overwrites_formula", False),
        alternative=data.get("alternative", ""),
        refers_to=data.get("refers_to", ""),
    )


def _item(data, lists) -> Field | Table:
    if data["type"] == "field":
        return _field(data, lists)
    return Table(
        code=data["code"],
        label=_text(data["label"]),
        columns=tuple(_field(column, lists) for column in data["columns"]),
        rows=tuple(map(_option, data.get("rows", []))),
        max_rows=data.get("max_rows", 0),
        range_name=data.get("range_name", ""),
        key_range=data.get("key_range", ""),
    )


def parse(data: dict) -> Catalogue:
    """The catalogue of the JSON document ``data`` (the build script's output)."""
    lists = {name: tuple(map(_option, options)) for name, options in data["option_lists"].items()}
    return Catalogue(
        version=data["version"],
        disclosures=tuple(
            Disclosure(
                code=disclosure["code"],
                module=disclosure["module"],
                title=_text(disclosure["title"]),
                sections=tuple(
                    Section(
                        code=section["code"],
                        title=_text(section["title"]),
                        items=tuple(_item(item, lists) for item in section["items"]),
                    )
                    for section in disclosure["sections"]
                ),
                computed=tuple(_field(field, lists) for field in disclosure["computed"]),
            )
            for disclosure in data["disclosures"]
        ),
    )


@functools.cache
def _default() -> Catalogue:
    return parse(json.loads(DEFAULT_PATH.read_text(encoding="utf-8")))


def load(path: Path | None = None) -> Catalogue:
    """The catalogue at ``path``; by default Levier's, read once."""
    if path is None:
        return _default()
    return parse(json.loads(Path(path).read_text(encoding="utf-8")))
