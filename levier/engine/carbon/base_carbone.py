"""Reading an ADEME Base Carbone / Base Empreinte CSV export (plain Python).

The export's layout: one row per element line (``Type Ligne`` = ``Elément``)
and per post line (``Poste``: combustion, upstream, manufacturing...), all
sharing the element's identifier. What real exports hold, and this module
handles:

- UTF-8 with or without its byte order mark, or Windows-1252; ``,`` or ``;``;
- text mis-encoded once (``DonnÃ©es``), repaired with ftfy;
- numbers such as ``9.60E-04``, ``0,5`` or ``1 234,5``;
- the same unit spelled several ways (``kgCO2e/kWhPCI``, ``kgCO2e/KWh PCI``,
  ``kgCO2e/kWh (PCI)``, ``kgCO2e/Litre``, ``kgCO2e/TEP PCI``...), turned into
  the codes of ``units.UNITS``; an unknown unit is a problem of its line;
- an element's value is its ``Elément`` line's total when the file holds
  it, otherwise the sum of the post lines read, and the perimeter names them;
- rows without identifier are skipped and counted; a duplicated line
  (a second element line, or the same post twice) is reported and ignored.

Problems carry a code and parameters: the Django layer words them.
"""

import csv
import re
import unicodedata
from dataclasses import dataclass, field

import ftfy

from levier.engine import csv_text
from levier.engine.carbon.units import UNITS

DELIMITERS = (",", ";")
# Far above a whole Base Carbone export (about 20,000 rows).
MAX_ROWS = 100_000
MAX_COLUMNS = 200
UNCERTAINTY_MAX = 500.0

# Our field -> the column's name once normalised (``_column_key``).
COLUMNS = {
    "line_type": "type ligne",
    "source_id": "identifiant de l'element",
    "status": "statut de l'element",
    "name_fr": "nom base francais",
    "name_en": "nom base anglais",
    "attribute_fr": "nom attribut francais",
    "attribute_en": "nom attribut anglais",
    "boundary_fr": "nom frontiere francais",
    "boundary_en": "nom frontiere anglais",
    "category": "code de la categorie",
    "unit": "unite francais",
    "location": "localisation geographique",
    "sublocation": "sous-localisation geographique francais",
    "validity": "periode de validite",
    "uncertainty": "incertitude",
    "post_type": "type poste",
    "post_name": "nom poste francais",
    "total": "total poste non decompose",
}
REQUIRED = ("source_id", "name_fr", "unit", "total")

# Inventory categories (``posts.POSTS``) an element suits, from the start of
# its category in the base. Elements of other categories suit any.
CATEGORY_POSTS = (
    ("combustibles", ("fuel_buildings", "fuel_vehicles")),
    ("electricite", ("electricity",)),
    ("reseaux de chaleur", ("heat_network",)),
    ("transport de personnes", ("business_travel", "commuting")),
    ("transport de marchandises", ("freight_in", "freight_out")),
    ("achats de biens", ("purchased_goods", "fixed_assets")),
    ("achats de services", ("purchased_services",)),
    ("traitement des dechets", ("waste",)),
    ("refrigerants", ("refrigerants",)),
    ("process et emissions fugitives", ("refrigerants",)),
)

# A unit's label, lower-cased, without spaces, "kgCO2e/" and brackets -> code.
UNIT_LABELS = {
    "l": "L",
    "litre": "L",
    "litres": "L",
    "m3": "m3",
    "m³": "m3",
    "m3(n)": "m3",
    "m3n": "m3",
    "nm3": "m3",
    "kg": "kg",
    "t": "t",
    "tonne": "t",
    "tonnes": "t",
    "kwh": "kWh",
    "mwh": "MWh",
    "kwhpci": "kWh_PCI",
    "mwhpci": "MWh_PCI",
    "mjpci": "MJ_PCI",
    "gjpci": "GJ_PCI",
    "teppci": "tep_PCI",
    "kwhpcs": "kWh_PCS",
    "mwhpcs": "MWh_PCS",
    "gjpcs": "GJ_PCS",
    "teppcs": "tep_PCS",
    "km": "km",
    "véhicule.km": "km",
    "vehicule.km": "km",
    "passager.km": "passenger_km",
    "passagers.km": "passenger_km",
    "p.km": "passenger_km",
    "voyageur.km": "passenger_km",
    "peq.km": "peq_km",
    "t.km": "t_km",
    "tonne.km": "t_km",
    "m3.km": "m3_km",
    "€": "EUR",
    "euro": "EUR",
    "euros": "EUR",
    "eur": "EUR",
    "€ht": "EUR",
    "k€": "kEUR",
    "k€ht": "kEUR",
    "keuro": "kEUR",
    "keur": "kEUR",
    "m€": "MEUR",
    "unité": "item",
    "unite": "item",
    "unit": "item",
    "pièce": "item",
    "piece": "item",
    "item": "item",
    "m2": "m2",
    "m²": "m2",
    "heure": "hour",
    "h": "hour",
}
assert set(UNIT_LABELS.values()) <= set(UNITS)
MATTER_UNITS = {"kg", "t", "L", "m3", "item"}

_EMISSION_PREFIX = re.compile(r"^\s*(kg|g|t)\s*co2\s*e?q?\.?\s*/\s*", re.IGNORECASE)


@dataclass(frozen=True)
class Problem:
    """What is wrong, where: ``line`` 0 is the whole file."""

    line: int
    field: str  # the column's name as the file writes it, or "file"
    code: str
    params: dict = field(default_factory=dict, hash=False, compare=False)


class Refused(Exception):
    """The file cannot be read at all (encoding, layout)."""

    def __init__(self, code: str, **params):
        self.code = code
        self.params = params
        super().__init__(code)


@dataclass
class Element:
    source_id: str
    unit: str
    source_unit: str
    value: float
    uncertainty: float
    name_fr: str
    name_en: str
    category: str
    location: str
    perimeter: str
    valid_until: str
    posts: tuple[str, ...]
    line: int


@dataclass
class Parsed:
    elements: list[Element] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    notices: list[Problem] = field(default_factory=list)
    rows: int = 0
    without_id: int = 0
    archived: int = 0

    @property
    def skipped(self) -> int:
        return self.without_id + self.archived


# Text ----------------------------------------------------------------------


def decode(data: bytes) -> str:
    """The text of an export: UTF-8 (with or without its mark), else Windows-1252."""
    try:
        return csv_text.decode(data)
    except csv_text.Unreadable as error:
        raise Refused(error.code) from None


def repair(text: str) -> str:
    """Text mis-encoded once (``DonnÃ©es``) mended, and no control character."""
    if not text:
        return ""
    return csv_text.CONTROL_CHARACTERS.sub("", ftfy.fix_text(text, normalization="NFC")).strip()


def _column_key(name: str) -> str:
    text = repair(name).replace("_", " ").replace("’", "'").casefold()
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(text.split())


def parse_number(text: str) -> float | None:
    """``9.60E-04``, ``0,5``, ``1 234,5`` -> float; None when not a finite number."""
    cleaned = (text or "").strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    if not cleaned:
        return None
    if "," in cleaned and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    try:
        number = float(cleaned)
    except ValueError:
        return None
    if number != number or number in (float("inf"), float("-inf")):
        return None
    return number


def normalise_unit(label: str) -> str | None:
    """``kgCO2e/KWh PCI`` -> ``kWh_PCI``; None for a unit Levier does not know.

    A known unit followed by a product's name (``kgCO2e/kg BioGNC``) is that
    unit."""
    text = _EMISSION_PREFIX.sub("", repair(label))
    if text == repair(label):  # not an emission factor's unit (kgCO2e/...)
        return None
    compact = text.casefold().replace(" ", "").replace("(", "").replace(")", "")
    if compact in UNIT_LABELS:
        return UNIT_LABELS[compact]
    # Only amounts of matter take a product's name: "kWh PCX" is no kWh.
    first, _, rest = text.partition(" ")
    if rest and rest.replace("-", "").isalpha():
        unit = UNIT_LABELS.get(first.casefold())
        return unit if unit in MATTER_UNITS else None
    return None


def posts_of(category: str) -> tuple[str, ...]:
    key = _column_key(category)
    for prefix, posts in CATEGORY_POSTS:
        if key.startswith(prefix):
            return posts
    return ()


# Layout ----------------------------------------------------------------------


def sniff_delimiter(header: str) -> str:
    """``,`` or ``;``: the one that splits the header into the base's columns."""
    known = set(COLUMNS.values())

    def fit(delimiter):
        cells = next(csv.reader([header], delimiter=delimiter), [])
        return sum(_column_key(cell) in known for cell in cells)

    best = max(DELIMITERS, key=fit)
    if fit(best) == 0:
        raise Refused("layout", first=header[:80])
    return best


def read_rows(text: str) -> tuple[dict[str, str], list[tuple[int, dict[str, str]]]]:
    """(our field -> column as written, [(line, {our field: cell})]). Line 1 is
    the header; a row spanning several lines is numbered by its first."""
    if not text.strip():
        raise Refused("empty")
    end = text.find("\n")
    delimiter = sniff_delimiter(text[: end if end >= 0 else len(text)].rstrip("\r"))
    reader = csv.reader(csv_text.lines(text), delimiter=delimiter)
    header = next(reader)
    if len(header) > MAX_COLUMNS:
        raise Refused("columns", limit=MAX_COLUMNS)
    wanted = {key: name for name, key in COLUMNS.items()}
    positions, written = {}, {}
    for index, cell in enumerate(header):
        name = wanted.get(_column_key(cell))
        if name and name not in positions:
            positions[name] = index
            written[name] = repair(cell)
    missing = [COLUMNS[name] for name in REQUIRED if name not in positions]
    if missing:
        raise Refused("missing_columns", columns=", ".join(missing))
    rows = []
    start = reader.line_num + 1
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):
                if len(rows) >= MAX_ROWS:
                    raise Refused("rows", limit=MAX_ROWS)
                rows.append(
                    (
                        start,
                        {
                            name: cells[i] if i < len(cells) else ""
                            for name, i in positions.items()
                        },
                    )
                )
            start = reader.line_num + 1
    except csv.Error as error:
        raise Refused("csv", line=start, error=str(error)) from None
    return written, rows


# Elements --------------------------------------------------------------------


def _join(*parts: str, separator: str = " — ") -> str:
    return separator.join(p for p in (repair(part) for part in parts) if p)


def parse(data: bytes) -> Parsed:
    """The elements of an export, with every problem found (never raises for
    a line: a bad line is a problem; ``Refused`` for an unreadable file)."""
    columns, rows = read_rows(decode(data))
    result = Parsed(rows=len(rows))
    groups: dict[str, list[tuple[int, dict]]] = {}
    for line, row in rows:
        identifier = repair(row.get("source_id", ""))
        if not identifier:
            result.without_id += 1
            continue
        groups.setdefault(identifier, []).append((line, row))
    for identifier, lines in groups.items():
        element = _element(identifier, lines, columns, result)
        if element is not None:
            result.elements.append(element)
    return result


def _element(identifier, lines, columns, result: Parsed) -> Element | None:
    def error(line, name, code, **params):
        result.errors.append(Problem(line, columns.get(name, name), code, params))

    if any("archiv" in repair(row.get("status", "")).casefold() for _, row in lines):
        result.archived += len(lines)
        return None
    element_line, posts = None, {}
    for line, row in lines:
        kind = _column_key(row.get("line_type", ""))
        if kind.startswith("el") or not kind:
            if element_line is not None:
                result.notices.append(
                    Problem(line, columns["source_id"], "duplicate", {"id": identifier})
                )
                continue
            element_line = (line, row)
        else:
            post = repair(row.get("post_type", "")) or repair(row.get("post_name", ""))
            if post in posts:
                result.notices.append(
                    Problem(line, columns["source_id"], "duplicate", {"id": identifier})
                )
                continue
            posts[post] = (line, row)
    read = [element_line] if element_line else list(posts.values())
    first_line, first = read[0]
    unit_label = repair(first.get("unit", ""))
    unit = normalise_unit(unit_label)
    problems_before = len(result.errors)
    if unit is None:
        error(first_line, "unit", "unit", unit=unit_label)
    total = 0.0
    for line, row in read:
        if unit is not None and normalise_unit(row.get("unit", "")) != unit:
            error(line, "unit", "unit_differs", unit=repair(row.get("unit", "")))
        value = parse_number(row.get("total", ""))
        if value is None:
            error(line, "total", "number", value=repair(row.get("total", ""))[:40])
        else:
            total += value
    if total < 0:
        error(first_line, "total", "negative", value=total)
    uncertainty = parse_number(first.get("uncertainty", "")) or 0.0
    if not 0 <= uncertainty <= UNCERTAINTY_MAX:
        error(first_line, "uncertainty", "uncertainty", limit=int(UNCERTAINTY_MAX))
    if not repair(first.get("name_fr", "")):
        error(first_line, "name_fr", "name")
    if len(result.errors) > problems_before:
        return None
    perimeter = "Total" if element_line else " + ".join(name or "?" for name in posts)
    return Element(
        source_id=identifier[:40],
        unit=unit,
        source_unit=unit_label[:60],
        value=total,
        uncertainty=uncertainty,
        name_fr=_join(
            first.get("name_fr", ""), first.get("attribute_fr", ""), first.get("boundary_fr", "")
        )[:300],
        name_en=_join(
            first.get("name_en", ""), first.get("attribute_en", ""), first.get("boundary_en", "")
        )[:300],
        category=repair(first.get("category", ""))[:300],
        location=_join(first.get("location", ""), first.get("sublocation", ""), separator=" : ")[
            :100
        ],
        perimeter=perimeter[:200],
        valid_until=repair(first.get("validity", ""))[:40],
        posts=posts_of(first.get("category", "")),
        line=first_line,
    )
