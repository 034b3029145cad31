"""Build Levier's VSME datapoint catalogue from EFRAG's files.

    .venv/bin/python scripts/build_vsme_catalogue.py [--template T] [--sample S]
        [--taxonomy X] [--output O] [--check]

Reads EFRAG's VSME Digital Template 1.3.0 (blank), its filled sample and the
VSME XBRL taxonomy as JSON (by default the copies vendored unchanged in
``levier/vsme/data/efrag/``, else those in ``../shared/vsme/``), writes
``levier/vsme/data/catalogue.json`` (keys sorted, indented, lists in the
order below: two runs give the same bytes) and prints a summary. ``--check``
writes nothing and fails when the file differs from what the sources give.
The catalogue is read by ``levier.engine.vsme.catalogue``.

The rules, all applied by the code below:

Disclosures and sections
    Each presentation role of the taxonomy whose definition reads
    "[NNNN] Bx - ..." or "[NNNN] Cx - ..." is a section (code NNNN, title the
    role's French and English definition without the number, the disclosure
    and the pillar) of disclosure Bx/Cx. Disclosures come in the standard's
    order B1..B11 then C1..C9 (module basic for B, comprehensive for C),
    sections by role number within a disclosure. A disclosure's title is the
    label of its member of the taxonomy's list of disclosures ("B3 - Energy
    and greenhouse gas emissions", without the code). The four "Other and/or
    entity specific information" roles (1000, 1275, 1365, 1410) carry no
    disclosure code: they are left out (listed in the summary). A section
    left without items (all its datapoints computed) is dropped.

Fields, tables and template names
    A role without hypercube gives scalar fields, one per non-abstract
    concept, in presentation order. A role with a hypercube gives:
    - a free-row table when the hypercube has a typed dimension (sites,
      subsidiaries, materials, sites in biodiversity-sensitive areas) or an
      explicit one whose axis is itself a template column (pollutants, waste,
      countries of employment): that axis becomes the table's first column,
      a choice among the axis's members;
    - a fixed-row table when the template names cells "<Concept>_<Member>"
      (energy by renewable / non-renewable; C3's baseline / target year):
      its rows are the members with an input cell, in the taxonomy's order;
      each column lists its cell's defined name per row (``cells``);
    - scalar fields when its only member is the axis's default (B3's GHG
      emissions "currently stated"), named "<Concept>" or
      "<Concept>_<Member>" in the template.
    A typed axis's template column (e.g. IdentifierOfSiteTypedAxis) that the
    blank template pre-fills with row numbers is the table's ``key_range``;
    one it leaves empty (B5's "related site ID") is an input column (an
    integer, labelled by its template header), ``refers_to`` the table that
    numbers those rows (same typed dimension).
    A concept's template name is its local name (Assets ->
    'General Information'!$E$282), its unit cell "<name>_unit". Only
    concepts with a template input are kept: a presentation concept without
    template name is listed in the summary ("without range"), and so are
    template names that map to no kept item ("ranges without concept").
    A cell is computed when the (protected) sheet locks it and it holds a
    formula: such scalars (totals, intensities, ratios, Scope 3 as the sum of
    its categories...) are no fields but the disclosure's ``computed`` list;
    computed table columns and rows are dropped. An unlocked cell holding a
    formula (GPS from geolocation, fuels from the converter, a rate) is an
    input the template pre-fills: ``overwrites_formula``.
    Table codes are the hypercube's local name. A concept already used by an
    earlier item keeps its concept but its code gets its table's suffix
    (``CODE_SUFFIXES``: C3's targets repeat B3's emissions as
    "GrossScope1GreenhouseGasEmissions_Target"...). Codes are unique across
    fields, columns and tables.

Kinds and units (``DATA_TYPES``)
    xbrli:monetaryItemType -> money, EUR; dtr-types:energyItemType -> number,
    MWh (the template's B3 headers say "in MWh"); ghgEmissionsItemType ->
    number, tCO2e; ghgEmissionsPerMonetaryItemType -> number, tCO2e/EUR;
    massItemType -> number, t; volumeItemType -> number, m3; areaItemType ->
    number, ha; percentItemType -> percent, % (a fraction in the template);
    booleanItemType -> boolean; dateItemType -> date; gYearItemType -> year;
    enumerationItemType -> choice; enumerationSetItemType -> choices;
    integer types -> integer; decimalItemType -> number; string and
    textBlock -> text. Then: a decimal whose template cell only takes whole
    numbers, or that counts events (``INTEGER_COUNTS``), is an integer;
    training hours are in h (``UNIT_OVERRIDES``). When the template asks for
    the unit (a "<name>_unit" cell with a drop-down), ``units`` are its
    choices of the concept's dimension (mass: kg, t; volume: m3; area: ha,
    m2) and ``unit`` its pre-set choice if any, else the type's unit. Unit
    codes: EUR, MWh, tCO2e, tCO2e/EUR, t, kg, m3, ha, m2, h, %.

Storage (what the template cell holds)
    Booleans are "yes_no" when the sample holds "YES"/"NO" there or the
    template's checks compare the cell with "YES", else "checkbox"
    (TRUE/FALSE). A choice is "option": the drop-down's text, taken from the
    template's list (``ENUM_LISTS``, checked against the cell's data
    validation when it has one) and matched to the taxonomy's members by
    label (``MEMBER_OVERRIDES`` where the wording differs); members the list
    lacks are not options, list entries that are headings (NACE sections and
    categories, waste chapters) neither. Choices are "option_per_cell" (one
    chosen text per cell of the range, ``max_items`` cells: NACE codes,
    unchanged disclosures) or "checkbox_per_option" when the range is a row
    or a column of checkboxes (each option's ``cell``, matched by the label
    beside it). Everything else is "value".

Requirement
    From the standard's wording as the template shows it: every block of the
    template opens with a header tagged "[Always to be reported]" (shall),
    "[If applicable]", "[Always to be reported if applicable]" or "[If
    applicable - linked to B2]" (if_applicable) or "[May (optional)]" (may);
    a field takes the tag of the nearest header above it (left of it when two
    share a row: B3's emissions and C3's targets). A row labelled "... - May
    (optional)" is may. A "shall" becomes if_applicable when the field only
    follows from another answer: it sits under another datapoint in the
    presentation (the legal form's "other", the incidents' "specify"), or the
    template's check of its row asks for it only when another cell is TRUE
    or "YES", or never reports it missing.

Labels, help, paragraphs
    Labels are French and English. A scalar field whose template row has its
    own wording (the label cell left of the input, no column header above
    the input, no currency or date inside) takes the template's wording from
    its Translations sheet (columns English - Official and French), the one a
    user of the template sees, without its requirement tag. Otherwise (table
    columns, cells of a grid) the taxonomy's label, in the presentation's
    preferred role (verboseLabel for Assets), without "[member]"-like
    suffixes; the template's column header when the taxonomy has no French;
    ``LABEL_FIXES`` for a misspelt taxonomy label ("permanent contact").
    Options take their member's taxonomy label; countries, which the
    taxonomy names in English only, take Debian's iso-codes French names;
    the NACE, pollutant and waste lists have no French in EFRAG's files and
    stay in English there (counted in the summary); a member whose label is
    misspelt ("Abestos") is matched by its name and takes the template's
    text. Help is the taxonomy's documentation label, else its measurement
    guidance unless that only names units ("[utr:MWh]"); "" where a language
    has none. The paragraph is the taxonomy's VSME reference
    ("24(e)(iii)"), else the template's column A or block header; the
    guidance paragraphs likewise (``vsme:RelatedVsmeGuidance``, column B).
"""

from __future__ import annotations

import argparse
import gettext
import hashlib
import json
import re
import sys
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
from openpyxl.utils.cell import get_column_letter, range_boundaries
from openpyxl.worksheet.formula import ArrayFormula

ROOT = Path(__file__).resolve().parents[1]
VENDORED = ROOT / "levier" / "vsme" / "data" / "efrag"
SHARED = ROOT.parent / "shared" / "vsme"
SOURCES = VENDORED if (VENDORED / "vsme-taxonomy-2026-05-01.json").exists() else SHARED
TEMPLATE = SOURCES / "VSME-Digital-Template-1.3.0.xlsx"
SAMPLE = SOURCES / "VSME-Digital-Template-Sample-1.3.0.xlsx"
TAXONOMY = SOURCES / "vsme-taxonomy-2026-05-01.json"
OUTPUT = ROOT / "levier" / "vsme" / "data" / "catalogue.json"
VERSION = "VSME Digital Template 1.3.0 / taxonomy 2026-05-01"

SHEETS = (
    "General Information",
    "Environmental Disclosures",
    "Social Disclosures",
    "Governance Disclosures",
)
ROLE = "http://www.xbrl.org/2003/role/"
LABEL = ROLE + "label"
DOCUMENTATION = ROLE + "documentation"
GUIDANCE = "measurementGuidance"
ISO_CODES = Path("/usr/share/iso-codes/json")
LOCALES = "/usr/share/locale"

DATA_TYPES = {
    "xbrli:monetaryItemType": ("money", "EUR"),
    "dtr-types:energyItemType": ("number", "MWh"),
    "dtr-types:ghgEmissionsItemType": ("number", "tCO2e"),
    "dtr-types:ghgEmissionsPerMonetaryItemType": ("number", "tCO2e/EUR"),
    "dtr-types:massItemType": ("number", "t"),
    "dtr-types:volumeItemType": ("number", "m3"),
    "dtr-types:areaItemType": ("number", "ha"),
    "dtr-types:percentItemType": ("percent", "%"),
    "xbrli:booleanItemType": ("boolean", ""),
    "xbrli:dateItemType": ("date", ""),
    "xbrli:gYearItemType": ("year", ""),
    "enum2:enumerationItemType": ("choice", ""),
    "enum2:enumerationSetItemType": ("choices", ""),
    "xbrli:integerItemType": ("integer", ""),
    "xbrli:nonNegativeIntegerItemType": ("integer", ""),
    "xbrli:positiveIntegerItemType": ("integer", ""),
    "xbrli:decimalItemType": ("number", ""),
    "xbrli:stringItemType": ("text", ""),
    "dtr-types:textBlockItemType": ("text", ""),
}
UNIT_DIMENSIONS = {"t": "mass", "kg": "mass", "m3": "volume", "ha": "area", "m2": "area"}
# The template's unit texts, and French for those its Translations sheet lacks.
UNIT_TEXTS = {
    "kilograms (kg)": ("kg", "kilogrammes (kg)"),
    "metric tonnes (t)": ("t", "tonnes métriques (t)"),
    "cubic meters (m3)": ("m3", "mètres cubes (m³)"),
    "hectares (ha)": ("ha", "hectares (ha)"),
    "squared meters (m2)": ("m2", "mètres carrés (m²)"),
}
# Decimals that count events: whole numbers.
INTEGER_COUNTS = {
    "NumberOfRecordableWorkRelatedAccidentsInTheReportingPeriod",
    "NumberOfFatalitiesAsAResultOfWorkRelatedInjuriesAndWorkRelatedIllHealth",
}
UNIT_OVERRIDES = {
    "AverageNumberOfAnnualTrainingHoursPerMaleEmployee": "h",
    "AverageNumberOfAnnualTrainingHoursPerFemaleEmployee": "h",
    "AverageNumberOfAnnualTrainingHoursPerOtherGenderEmployee": "h",
    "AverageNumberOfAnnualTrainingHoursPerNonReportedGenderEmployee": "h",
}
# The drop-down of each choice field: a list of the "Enumeration Lists" sheet
# (by its defined name) or the texts of the cell's own validation.
ENUM_LISTS = {
    "BasisForPreparation": "enum_list_options",
    "BasisForReporting": (
        "Sustainability report prepared on an individual basis",
        "Sustainability report prepared on a consolidated basis",
    ),
    "UndertakingsLegalForm": "enum_ListLegalForms",
    "NaceSectorClassificationCodes": "enum_ListNACETechnicalName",
    "EmployeeCountingMethodology": "enum_employee_methodology",
    "TypeOfNumberOfEmployees": ("Headcount", "Full-time equivalent (FTE)"),
    "CountryOfPrimaryOperationsAndLocationOfSignificantAssets": "enum_ListCountriesName",
    "CountryOfSite": "enum_ListCountriesName",
    "CountryOfEmploymentContractAxis": "enum_ListCountriesName",
    "ListOfDisclosuresForWhichNoChangesAreReportedComparedToThePreviousPeriodReporting": (
        "enum_ListOmittedDisclosures"
    ),
    "ListOfOmittedDisclosuresDeemedToBeClassifiedOrSensitiveInformation": (
        "enum_ListOmittedDisclosures"
    ),
    "TypeOfPollutantAxis": "enum_ListPollutants",
    "TypeOfWasteAxis": "enum_ListTypeOfWastes",
}
# Long lists, stored once in the JSON ("option_lists") under these names.
SHARED_LISTS = {
    "enum_ListCountriesName": "countries",
    "enum_ListNACETechnicalName": "nace",
    "enum_ListPollutants": "pollutants",
    "enum_ListTypeOfWastes": "waste",
}
# Template texts whose wording differs from the member's label.
MEMBER_OVERRIDES = {
    "other (please specify the legal form in the row below)": (
        "vsme:OtherUndertakingsLegalFormMember"
    ),
    "Sustainability report prepared on an individual basis": "vsme:IndividualMember",
    "Sustainability report prepared on a consolidated basis": "vsme:ConsolidatedMember",
    "At the end of the reporting period": "vsme:AtTheEndOfTheReportingPeriodMember",
    "As an average across the reporting period": "vsme:AverageDuringTheReportingPeriodMember",
    "other? ( if yes specify)": "vsme:OtherContentMember",
}
# Misspelt taxonomy labels (French, English).
LABEL_FIXES = {
    "NumberOfPermanentContractEmployees": (
        "Nombre de salariés en contrat de travail à durée indéterminée",
        "Number of permanent contract employees",
    ),
}
# The code suffix of a table's columns whose concept an earlier item uses.
CODE_SUFFIXES = {"EstimatedGreenhouseGasEmissionsTable": "Target"}
REQUIREMENT_TAGS = {
    "template_label_always_to_be_reported": "shall",
    "template_label_if_applicable": "if_applicable",
    "template_label_always_to_be_reported_if_applicable": "if_applicable",
    "template_label_if_applicable_linked_to_b2": "if_applicable",
    "template_label_may": "may",
}
ROW_MAY = "template_label_may_not_headline"
STRICTNESS = {"shall": 2, "if_applicable": 1, "may": 0}
PILLARS = {
    "general information",
    "informations générales",
    "environment",
    "enviroment",
    "environnement",
    "social",
    "governance",
    "gouvernance",
}
SUFFIXES = re.compile(r"\s*\[(member|axis|table|hypercube|line items|abstract|domain)\]\s*$")
TOKENS = re.compile(r'"((?:[^"]|"")*)"|([A-Za-z_][A-Za-z0-9_.]*)\b(?!\s*\()|([A-Za-z_]\w*)\s*\(')
UNITS_ONLY = re.compile(r"^\[utr:[^\]]*\]$")
CELL = re.compile(r"(?<![!\w$])\$?([A-Z]{1,3})\$?(\d+)\s*=\s*(TRUE|\"YES\")")


def _clean(text) -> str:
    return " ".join(str(text or "").split())


def _local(qname: str) -> str:
    return qname.split(":", 1)[1]


def _norm(text: str) -> str:
    text = SUFFIXES.sub("", str(text)).lower()
    return re.sub(r"[^a-z0-9]", "", text)


def _formula(value) -> bool:
    return isinstance(value, ArrayFormula) or (isinstance(value, str) and value.startswith("="))


@dataclass
class Range:
    name: str
    sheet: str
    ref: str  # "D406:D505"

    @property
    def bounds(self) -> tuple[int, int, int, int]:
        return range_boundaries(self.ref)  # min_col, min_row, max_col, max_row

    @property
    def first(self) -> str:
        min_col, min_row, _, _ = self.bounds
        return f"{get_column_letter(min_col)}{min_row}"

    @property
    def rows(self) -> int:
        _, min_row, _, max_row = self.bounds
        return max_row - min_row + 1


@dataclass
class Report:
    """What the summary prints."""

    skipped_roles: list[str] = field(default_factory=list)
    computed: list[str] = field(default_factory=list)
    without_range: list[str] = field(default_factory=list)
    unused_ranges: list[str] = field(default_factory=list)
    english_only: dict[str, int] = field(default_factory=dict)
    dropped_members: list[str] = field(default_factory=list)


class Sources:
    """EFRAG's three files, read once."""

    def __init__(self, template: Path, sample: Path, taxonomy: Path):
        with warnings.catch_warnings():
            # openpyxl drops the template's data-validation extensions: unused here.
            warnings.simplefilter("ignore", UserWarning)
            self.wb = openpyxl.load_workbook(template)
            self.values = openpyxl.load_workbook(template, data_only=True)
            self.sample = openpyxl.load_workbook(sample)
        self.taxonomy = json.loads(Path(taxonomy).read_text(encoding="utf-8"))
        self.concepts = self.taxonomy["concepts"]
        self.hashes = {
            Path(path).name: hashlib.sha256(Path(path).read_bytes()).hexdigest()
            for path in (template, sample, taxonomy)
        }
        self.ranges: dict[str, Range] = {}
        for name, defined in self.wb.defined_names.items():
            destinations = list(defined.destinations)
            if len(destinations) == 1:
                sheet, ref = destinations[0]
                self.ranges[name] = Range(name, sheet, ref.replace("$", ""))
        # A label's defined name points at its row of the Translations sheet
        # (column A repeats the name, not always the same): English - Official
        # in column C, French in column F.
        rows = {}
        for row in self.wb["Translations"].iter_rows(min_row=4):
            if row[2].value is not None:
                rows[row[0].row] = (_clean(row[2].value), _clean(row[5].value))
                if row[0].value:
                    rows[row[0].value] = rows[row[0].row]
        self.translations = {}
        for name, rng in self.ranges.items():
            if name.startswith("template_label_") and rng.sheet == "Translations":
                row = rng.bounds[1]
                if row in rows:
                    self.translations[name] = rows[row]
        for key, texts in rows.items():
            if isinstance(key, str):
                self.translations.setdefault(key, texts)
        self.headers = self._headers()
        self.validations = {
            sheet: list(self.wb[sheet].data_validations.dataValidation) for sheet in SHEETS
        }
        self.yes_no_cells = self._yes_no_cells()

    # The template's cells

    def cell(self, sheet: str, coordinate: str):
        return self.wb[sheet][coordinate]

    def computed(self, rng: Range) -> bool:
        cell = self.cell(rng.sheet, rng.first)
        return cell.protection.locked and _formula(cell.value)

    def prefilled(self, rng: Range) -> bool:
        cell = self.cell(rng.sheet, rng.first)
        return not cell.protection.locked and _formula(cell.value)

    def validation(self, rng: Range):
        for dv in self.validations.get(rng.sheet, []):
            if rng.first in dv.sqref:
                return dv
        return None

    def named_list(self, name: str) -> list[str]:
        rng = self.ranges[name]
        min_col, min_row, _, max_row = rng.bounds
        sheet = self.values[rng.sheet]
        texts = []
        for row in range(min_row, max_row + 1):
            value = sheet.cell(row, min_col).value
            if value is not None and str(value).strip():
                texts.append(str(value))
        return texts

    def wording(self, formula) -> tuple[str, str, set[str], bool]:
        """A label cell's French and English text, its requirement tags and
        whether it holds a dynamic part (currency, dates)."""
        if not isinstance(formula, str):
            return "", "", set(), False
        if not formula.startswith("="):
            text = _clean(formula)
            return text, text, set(), False
        en, fr, tags, dynamic = [], [], set(), False
        for literal, name, function in TOKENS.findall(formula[1:]):
            if function:
                dynamic = True
            elif name in REQUIREMENT_TAGS or name == ROW_MAY:
                tags.add(name)
            elif name in ("template_label_from", "template_label_to", "template_label_at"):
                dynamic = True
            elif name.startswith("template_label_") and name in self.translations:
                english, french = self.translations[name]
                en.append(english)
                fr.append(french)
            elif name:
                dynamic = True
            else:
                en.append(literal.replace('""', '"'))
                fr.append(literal.replace('""', '"'))

        def finish(parts):
            return _clean("".join(parts)).rstrip(" -–:")

        return finish(fr), finish(en), tags, dynamic

    def _headers(self) -> dict[str, list[tuple[int, int, str]]]:
        """Per sheet, the block headers (row, column, requirement) and rows tagged may."""
        headers = {}
        self.may_rows = set()
        for sheet in SHEETS:
            found = []
            for row in self.wb[sheet].iter_rows():
                for cell in row:
                    if not (isinstance(cell.value, str) and "template_label_" in cell.value):
                        continue
                    _, _, tags, _ = self.wording(cell.value)
                    if ROW_MAY in tags:
                        self.may_rows.add((sheet, cell.row))
                    for tag in tags:
                        if tag in REQUIREMENT_TAGS:
                            found.append((cell.row, cell.column, REQUIREMENT_TAGS[tag]))
            headers[sheet] = sorted(found)
        return headers

    def header(self, rng: Range) -> tuple[int, int, str] | None:
        min_col, min_row, _, _ = rng.bounds
        above = [h for h in self.headers[rng.sheet] if h[0] <= min_row]
        if not above:
            return None
        top = max(h[0] for h in above)
        same = [h for h in above if h[0] == top]
        left = [h for h in same if h[1] <= min_col]
        return max(left, key=lambda h: h[1]) if left else min(same, key=lambda h: h[1])

    def _yes_no_cells(self) -> set[tuple[str, str]]:
        """Cells the template's formulas compare with "YES"."""
        found = set()
        pattern = re.compile(r"(?<![!\w$])\$?([A-Z]{1,3})\$?(\d+)\s*=\s*\"YES\"")
        names = re.compile(r"\b([A-Za-z]\w+)\s*=\s*\"YES\"")
        for sheet in SHEETS:
            for row in self.wb[sheet].iter_rows():
                for cell in row:
                    if isinstance(cell.value, str) and '"YES"' in cell.value:
                        for column, number in pattern.findall(cell.value):
                            found.add((sheet, f"{column}{number}"))
                        for name in names.findall(cell.value):
                            if name in self.ranges:
                                found.add((self.ranges[name].sheet, self.ranges[name].first))
        return found

    def label_cell(self, rng: Range):
        """The wording left of a scalar's input, on its row."""
        min_col, min_row, _, _ = rng.bounds
        sheet = self.wb[rng.sheet]
        for column in range(min_col - 1, 0, -1):
            value = sheet.cell(min_row, column).value
            if isinstance(value, str) and "template_label_" in value:
                return value
        return None

    def column_header(self, rng: Range):
        """A wording above the input in its column, below its block's header
        (a grid's or a table's column header)."""
        min_col, min_row, _, _ = rng.bounds
        sheet = self.wb[rng.sheet]
        header = self.header(rng)
        top = header[0] + 1 if header else max(min_row - 3, 1)
        for row in range(min_row - 1, top - 1, -1):
            value = sheet.cell(row, min_col).value
            if isinstance(value, str) and "template_label_" in value:
                return value
        return None

    def check_formula(self, rng: Range):
        """The formula that checks the input's row (right of it)."""
        _, min_row, max_col, _ = rng.bounds
        sheet = self.wb[rng.sheet]
        for column in range(max_col + 1, sheet.max_column + 1):
            value = sheet.cell(min_row, column).value
            if isinstance(value, ArrayFormula):
                value = value.text
            if isinstance(value, str) and "template_label_ok" in value:
                return value
        return None


class Builder:
    def __init__(self, sources: Sources):
        self.s = sources
        self.report = Report()
        self.codes: set[str] = set()
        self.used_ranges: set[str] = set()
        self.option_lists: dict[str, list[dict]] = {}
        self.table_ids: dict[str, str] = {}  # typed axis -> table numbering its rows

    # Taxonomy texts

    def labels(self, qname: str, role: str = LABEL) -> tuple[str, str]:
        labels = self.s.concepts.get(qname, {}).get("labels", {})

        def one(lang):
            found = labels.get(lang, {})
            return _clean(SUFFIXES.sub("", found.get(role) or found.get(LABEL) or ""))

        return one("fr"), one("en")

    def text(self, fr: str, en: str, what: str) -> dict:
        if not fr:
            self.report.english_only[what] = self.report.english_only.get(what, 0) + 1
        return {"fr": fr or en, "en": en or fr}

    def help(self, qname: str) -> dict:
        labels = self.s.concepts.get(qname, {}).get("labels", {})

        def one(lang):
            found = labels.get(lang, {})
            for role, text in sorted(found.items()):
                if role == DOCUMENTATION:
                    return _clean(text)
            for role, text in sorted(found.items()):
                if role.endswith(GUIDANCE) and not UNITS_ONLY.match(_clean(text)):
                    return _clean(text)
            return ""

        return {"fr": one("fr"), "en": one("en")}

    def references(self, qname: str, disclosure: str) -> tuple[str, str]:
        paragraphs, guidance = [], []
        for reference in self.s.concepts.get(qname, {}).get("references", []):
            parts = dict(reference["parts"])
            if parts.get("ref:Name") != "VSME" or "ref:Paragraph" not in parts:
                continue
            if parts.get("ref:Number") not in (None, disclosure):
                continue
            text = parts["ref:Paragraph"] + "".join(
                f"({parts[key]})"
                for key in ("ref:Subparagraph", "ref:Clause", "ref:Subclause")
                if key in parts
            )
            if text not in paragraphs:
                paragraphs.append(text)
            if parts.get("vsme:RelatedVsmeGuidance") and parts["vsme:RelatedVsmeGuidance"] not in (
                guidance
            ):
                guidance.append(parts["vsme:RelatedVsmeGuidance"])
        return ", ".join(paragraphs), ", ".join(guidance)

    def template_references(self, rng: Range) -> tuple[str, str]:
        """Column A and B of the input's row, else the cells under its block's header."""
        sheet = self.s.wb[rng.sheet]
        _, min_row, _, _ = rng.bounds

        def plain(value):
            if value is None or _formula(value) or str(value).strip() in ("", "N/A"):
                return ""
            return _clean(value)

        paragraph, guidance = (
            plain(sheet.cell(min_row, 1).value),
            plain(sheet.cell(min_row, 2).value),
        )
        header = self.s.header(rng)
        if header and not paragraph:
            paragraph = plain(sheet.cell(header[0] + 1, header[1]).value)
            if not guidance:
                guidance = plain(sheet.cell(header[0] + 2, header[1]).value)
        return paragraph, guidance

    # Requirement

    def requirement(self, rng: Range, nested: bool, scalar: bool) -> str:
        header = self.s.header(rng)
        requirement = header[2] if header else "may"
        if (rng.sheet, rng.bounds[1]) in self.s.may_rows:
            requirement = "may"
        if requirement == "shall" and (nested or (scalar and self.follows(rng, header))):
            requirement = "if_applicable"
        return requirement

    def follows(self, rng: Range, header) -> bool:
        """Whether the template's check of the input's row asks for it only
        when another input of its block is TRUE or "YES", or never."""
        check = self.s.check_formula(rng)
        if check is None:
            return False
        if "template_label_missing_value" not in check:
            return True
        return any(
            f"{column}{row}" != rng.first
            and self.s.header(Range("", rng.sheet, f"{column}{row}")) == header
            for column, row, _ in CELL.findall(check)
        )

    # Kinds, units, storage

    def kind(self, qname: str, rng: Range) -> tuple[str, str]:
        concept = self.s.concepts[qname]
        data_type = concept.get("dataType", "xbrli:stringItemType")
        if data_type not in DATA_TYPES:
            data_type = concept.get("baseDataType", data_type)
        if data_type not in DATA_TYPES:
            raise SystemExit(f"{qname}: unknown data type {data_type}")
        kind, unit = DATA_TYPES[data_type]
        local = _local(qname)
        if kind == "number" and not unit:
            dv = self.s.validation(rng)
            if local in INTEGER_COUNTS or (dv is not None and dv.type == "whole"):
                kind = "integer"
        return kind, UNIT_OVERRIDES.get(local, unit)

    def units(self, rng: Range, unit: str) -> tuple[str, list[dict], str]:
        """The unit cell's name, its choices of the unit's dimension, the unit."""
        unit_range = self.s.ranges.get(f"{rng.name}_unit")
        if unit_range is None:
            return "", [], unit
        self.used_ranges.add(unit_range.name)
        dimension = UNIT_DIMENSIONS.get(unit)
        dv = self.s.validation(unit_range)
        choices = []
        if dv is not None and dv.formula1 in self.s.ranges:
            by_text = dict(self.s.translations.values())
            for text in self.s.named_list(dv.formula1):
                code, french = UNIT_TEXTS[text]
                if UNIT_DIMENSIONS[code] != dimension:
                    continue
                french = by_text.get(text, french)
                choices.append({"code": code, "label": {"fr": french, "en": text}, "value": text})
        preset = self.s.cell(unit_range.sheet, unit_range.first).value
        if isinstance(preset, str) and preset in UNIT_TEXTS:
            unit = UNIT_TEXTS[preset][0]
        return unit_range.name, choices, unit

    def storage(self, kind: str, rng: Range) -> str:
        if kind == "boolean":
            sample = self.s.sample[rng.sheet][rng.first].value
            yes_no = isinstance(sample, str) and sample.upper() in ("YES", "NO")
            if yes_no or (rng.sheet, rng.first) in self.s.yes_no_cells:
                return "yes_no"
            return "checkbox"
        if kind == "choice":
            return "option"
        if kind == "choices":
            _, min_row, _, max_row = rng.bounds
            blank = self.s.cell(rng.sheet, rng.first).value
            if isinstance(blank, bool) or min_row == max_row:
                return "checkbox_per_option"
            return "option_per_cell"
        return "value"

    # Options

    def member_label(self, qname: str, fallback: str) -> dict:
        fr, en = self.labels(qname)
        if qname.startswith("country:"):
            fr = self.country_fr(qname, en or fallback)
        return self.text(fr, en or fallback, "options")

    def country_fr(self, qname: str, english: str) -> str:
        if not hasattr(self, "_countries"):
            self._countries = {}
            try:
                current = gettext.translation("iso_3166-1", LOCALES, ["fr"])
                former = gettext.translation("iso_3166-3", LOCALES, ["fr"])
            except OSError as error:
                raise SystemExit(
                    "French country names come from Debian's iso-codes: apt-get install iso-codes"
                ) from error
            data = json.loads((ISO_CODES / "iso_3166-1.json").read_text(encoding="utf-8"))
            for entry in data["3166-1"]:
                self._countries[entry["alpha_2"]] = current.gettext(entry["name"])
            data = json.loads((ISO_CODES / "iso_3166-3.json").read_text(encoding="utf-8"))
            self._former = {
                entry["name"]: former.gettext(entry["name"]) for entry in data["3166-3"]
            }
        code = _local(qname)
        if code in self._countries:
            return self._countries[code]
        name = english.split(" (before")[0]
        for former_name, french in sorted(self._former.items()):
            if former_name.startswith(name):
                return french
        return ""

    def list_options(self, code: str, candidates: list[str]) -> list[dict] | str:
        """The drop-down's options, matched to the taxonomy's members."""
        source = ENUM_LISTS[code]
        texts = self.s.named_list(source) if isinstance(source, str) else list(source)
        skip = set()
        if source == "enum_ListNACETechnicalName":
            skip = set(self.s.named_list("enum_ListNACECategories"))
        by_label, by_name = {}, {}
        for member in candidates:
            _, en = self.labels(member)
            by_label.setdefault(_norm(en), member)
            by_name.setdefault(_norm(_local(member).removesuffix("Member")), member)
        countries = {}
        if source == "enum_ListCountriesName":
            rng = self.s.ranges[source]
            min_col, min_row, _, max_row = rng.bounds
            sheet = self.s.values[rng.sheet]
            for row in range(min_row, max_row + 1):
                countries[sheet.cell(row, min_col).value] = sheet.cell(row, min_col + 1).value
        options, matched = [], set()
        for text in texts:
            if text in skip:
                continue
            if source == "enum_ListTypeOfWastes" and not re.match(r"\s*\d\d \d\d \d\d", text):
                continue  # a chapter or category heading, not a waste code
            member = MEMBER_OVERRIDES.get(text) or countries.get(text)
            label = None
            if member is None:
                key = _norm(text)
                member = by_label.get(key) or by_label.get(_norm(re.sub(r"^NACE ", "", text)))
            if member is None and by_name.get(_norm(text)):
                # The member's label is misspelt ("Abestos"): its name and the template agree.
                member = by_name[_norm(text)]
                label = {"fr": self.labels(member)[0] or text.strip(), "en": text.strip()}
            if member is None or member not in candidates:
                if source == "enum_ListNACETechnicalName" and "[member]" in text:
                    continue  # the list's root
                raise SystemExit(f"{code}: no taxonomy member for the template's {text!r}")
            matched.add(member)
            options.append(
                {
                    "code": member,
                    "label": label or self.member_label(member, text.strip()),
                    "value": text,
                }
            )
        for member in candidates:
            if member not in matched:
                self.report.dropped_members.append(f"{code}: {member}")
        if isinstance(source, str) and source in SHARED_LISTS:
            name = SHARED_LISTS[source]
            if name in self.option_lists and self.option_lists[name] != options:
                raise SystemExit(f"{code}: list {name} differs between fields")
            self.option_lists[name] = options
            return name
        return options

    def checkbox_options(self, code: str, rng: Range, candidates: list[str]) -> list[dict]:
        min_col, min_row, max_col, max_row = rng.bounds
        sheet = self.s.wb[rng.sheet]
        if min_row == max_row:
            cells = [
                (min_row, column, sheet.cell(min_row - 1, column).value)
                for column in range(min_col, max_col + 1)
            ]
        else:
            cells = [
                (row, min_col, sheet.cell(row, 3).value) for row in range(min_row, max_row + 1)
            ]
        by_label = {}
        for member in candidates:
            _, en = self.labels(member)
            by_label[_norm(en)] = member
        options = []
        for row, column, label in cells:
            _, en, _, _ = self.s.wording(label)
            member = MEMBER_OVERRIDES.get(en) or by_label.get(_norm(en))
            if member is None:
                raise SystemExit(f"{code}: no taxonomy member for the checkbox {en!r}")
            options.append(
                {
                    "code": member,
                    "label": self.member_label(member, en),
                    "cell": f"{get_column_letter(column)}{row}",
                }
            )
        for member in candidates:
            if member not in {option["code"] for option in options}:
                self.report.dropped_members.append(f"{code}: {member}")
        return options

    # Items

    def unique(self, code: str, suffix: str = "") -> str:
        if code in self.codes and suffix:
            code = f"{code}_{suffix}"
        if code in self.codes:
            raise SystemExit(f"code {code} used twice")
        self.codes.add(code)
        return code

    def field(
        self,
        qname: str,
        rng: Range,
        disclosure: str,
        *,
        scalar: bool,
        nested: bool = False,
        preferred: str = LABEL,
        code: str | None = None,
        candidates: list[str] | None = None,
    ) -> dict:
        local = _local(qname)
        kind, unit = self.kind(qname, rng) if qname in self.s.concepts else ("text", "")
        if candidates is not None:
            kind = "choice"
        storage = self.storage(kind, rng)
        fr, en = self.labels(qname, preferred)
        if local in LABEL_FIXES:
            fr, en = LABEL_FIXES[local]
        elif scalar and storage != "checkbox_per_option":
            label_cell = self.s.label_cell(rng)
            if label_cell and not self.s.column_header(rng):
                template_fr, template_en, _, dynamic = self.s.wording(label_cell)
                if template_en and template_fr and not dynamic:
                    fr, en = template_fr, template_en
        if not fr:
            header_fr, header_en, _, _ = self.s.wording(self.s.column_header(rng))
            fr, en = header_fr or fr, en or header_en
        paragraph, guidance = self.references(qname, disclosure)
        template_paragraph, template_guidance = self.template_references(rng)
        unit_range, units, unit = self.units(rng, unit)
        data = {
            "type": "field",
            "code": code or local,
            "concept": qname,
            "label": self.text(fr, en, "labels"),
            "help": self.help(qname),
            "kind": kind,
            "unit": unit,
            "requirement": self.requirement(rng, nested, scalar),
            "paragraph": paragraph or template_paragraph,
            "guidance": guidance or template_guidance,
            "range_name": rng.name,
            "unit_range": unit_range,
            "units": units,
            "storage": storage,
            "options": [],
            "max_items": 0,
            "cells": [],
            "overwrites_formula": self.s.prefilled(rng),
            "alternative": "",
            "refers_to": "",
        }
        if kind in ("choice", "choices"):
            members = candidates
            if members is None:
                members = self.s.concepts[qname].get("other", {}).get("ee20DomainMembers", [])
            if storage == "checkbox_per_option":
                data["options"] = self.checkbox_options(local, rng, members)
            else:
                data["options"] = self.list_options(local, members)
                self.check_validation(local, rng)
            if storage == "option_per_cell":
                data["max_items"] = rng.rows
        self.used_ranges.add(rng.name)
        return data

    def check_validation(self, code: str, rng: Range):
        """The template's own drop-down, where it has one, is the list used."""
        dv = self.s.validation(rng)
        if dv is None or dv.type != "list":
            return
        source = ENUM_LISTS[code]
        formula = dv.formula1
        if isinstance(source, str):
            same = formula == source
        else:
            same = [_clean(part) for part in formula.strip('"').split(",")] == list(source)
        if not same:
            raise SystemExit(f"{code}: the template's drop-down is {formula}, not {source}")

    def scalars(self, role: dict, disclosure: str, computed: list) -> list[dict]:
        items = []
        parents: list[tuple[int, bool]] = []  # (depth, abstract) of the rows above
        for row in role["rows"]:
            depth, qname = row[0], row[1]
            preferred = row[2] if len(row) > 2 else LABEL
            concept = self.s.concepts.get(qname, {})
            while parents and parents[-1][0] >= depth:
                parents.pop()
            nested = bool(parents) and not parents[-1][1]
            parents.append((depth, bool(concept.get("abstract"))))
            if concept.get("abstract"):
                continue
            rng = self.s.ranges.get(_local(qname))
            if rng is None:
                self.report.without_range.append(f"{disclosure} {qname}")
                continue
            item = self.field(
                qname, rng, disclosure, scalar=True, nested=nested, preferred=preferred
            )
            if self.s.computed(rng):
                self.report.computed.append(f"{disclosure} {item['code']} ({rng.name})")
                computed.append(item)
            else:
                self.unique(item["code"])
                items.append(item)
        return items

    def table(self, role: dict, hypercube: str, cube: dict, disclosure: str, computed: list):
        code = _local(hypercube)
        title = self.section_title(role)
        concepts = [q for _, q in cube["primaryItems"] if not self.s.concepts[q].get("abstract")]
        explicit = cube.get("explicitDimensions", {})
        typed = cube.get("typedDimensions", [])
        default = self.s.taxonomy["dimensions"]["_defaults"]
        members = [m for axis in explicit.values() for m in axis]
        named = {
            (q, m): self.s.ranges.get(f"{_local(q)}_{_local(m)}")
            for q in concepts
            for m in members
        }
        if explicit and not typed:
            axis = next(iter(explicit))
            if all(m == default.get(axis) for m in explicit[axis]):
                # Only the default member: plain datapoints.
                rows = [[2, q] for q in concepts]
                return self.default_member_scalars(rows, explicit[axis][0], disclosure, computed)
        if any(named.values()):
            return self.fixed_table(code, title, concepts, explicit, named, disclosure)
        return self.free_table(code, title, concepts, explicit, typed, disclosure)

    def default_member_scalars(self, rows, member, disclosure, computed) -> list[dict]:
        items = []
        for _, qname in rows:
            rng = self.s.ranges.get(_local(qname)) or self.s.ranges.get(
                f"{_local(qname)}_{_local(member)}"
            )
            if rng is None:
                self.report.without_range.append(f"{disclosure} {qname}")
                continue
            item = self.field(qname, rng, disclosure, scalar=True, code=_local(qname))
            if self.s.computed(rng):
                self.report.computed.append(f"{disclosure} {item['code']} ({rng.name})")
                computed.append(item)
            else:
                self.unique(item["code"])
                items.append(item)
        return items

    def fixed_table(self, code, title, concepts, explicit, named, disclosure) -> list[dict]:
        ((_, members),) = explicit.items()
        suffix = CODE_SUFFIXES.get(code, "")
        inputs = {
            key: rng for key, rng in named.items() if rng is not None and not self.s.computed(rng)
        }
        for (qname, member), rng in sorted(named.items()):
            if rng is not None and (qname, member) not in inputs:
                self.report.computed.append(f"{disclosure} {code} cell {rng.name}")
                self.used_ranges.add(rng.name)
        rows = [m for m in members if any((q, m) in inputs for q in concepts)]
        columns = []
        for qname in concepts:
            cells = [inputs.get((qname, m)) for m in rows]
            if not any(cells):
                if not any(named.get((qname, m)) for m in members):
                    self.report.without_range.append(f"{disclosure} {qname}")
                continue
            first = next(c for c in cells if c)
            column = self.field(qname, first, disclosure, scalar=False)
            column["code"] = self.unique(_local(qname), suffix)
            column["range_name"] = ""
            column["cells"] = [c.name if c else "" for c in cells]
            column["overwrites_formula"] = any(self.s.prefilled(c) for c in cells if c)
            for c in cells:
                if c:
                    self.used_ranges.add(c.name)
            columns.append(column)
        rng = self.s.ranges.get(code)
        if rng:
            self.used_ranges.add(rng.name)
        row_options = []
        for member in rows:
            fr, en = self.labels(member)
            row_options.append({"code": member, "label": self.text(fr, en, "labels")})
        return [
            {
                "type": "table",
                "code": self.unique(code),
                "label": title,
                "columns": columns,
                "rows": row_options,
                "max_rows": 0,
                "range_name": rng.name if rng else "",
                "key_range": "",
            }
        ]

    def free_table(self, code, title, concepts, explicit, typed, disclosure) -> list[dict]:
        columns = []
        blocks = []
        for axis, members in explicit.items():
            rng = self.s.ranges.get(_local(axis))
            if rng is None:
                raise SystemExit(f"{code}: no template column for {axis}")
            default = self.s.taxonomy["dimensions"]["_defaults"].get(axis)
            candidates = [m for m in members if m != default]
            column = self.field(axis, rng, disclosure, scalar=False, candidates=candidates)
            column["code"] = self.unique(column["code"])
            blocks.append(rng)
            columns.append(column)
        key_range = ""
        for axis in typed:
            found = [
                rng
                for name, rng in sorted(self.s.ranges.items())
                if name.startswith("IdentifierOf")
                and name.endswith("TypedAxis")
                and self.same_rows(rng, code, concepts)
            ]
            if len(found) != 1:
                raise SystemExit(f"{code}: {len(found)} template columns for {axis}")
            rng = found[0]
            self.used_ranges.add(rng.name)
            if self.s.cell(rng.sheet, rng.first).value not in (None, ""):
                key_range = rng.name
                self.table_ids.setdefault(axis, code)
            else:
                column = self.field(axis, rng, disclosure, scalar=False)
                column["code"] = self.unique(rng.name)
                column["kind"] = "integer"
                fr, en, _, _ = self.s.wording(self.s.column_header(rng))
                column["label"] = self.text(fr, en, "labels")
                column["refers_to"] = self.table_ids[axis]
                blocks.append(rng)
                columns.append(column)
        shared: dict[str, list[dict]] = {}
        for qname in concepts:
            rng = self.s.ranges.get(_local(qname))
            if rng is None:
                self.report.without_range.append(f"{disclosure} {qname}")
                continue
            if self.s.computed(rng):
                self.report.computed.append(f"{disclosure} {code} column {rng.name}")
                self.used_ranges.add(rng.name)
                continue
            column = self.field(qname, rng, disclosure, scalar=False)
            column["code"] = self.unique(column["code"])
            shared.setdefault(rng.ref, []).append(column)
            blocks.append(rng)
            columns.append(column)
        for group in shared.values():
            if len(group) == 2:
                group[0]["alternative"], group[1]["alternative"] = (
                    group[1]["code"],
                    group[0]["code"],
                )
        order = {column["code"]: index for index, column in enumerate(columns)}
        position = {
            column["code"]: self.s.ranges[column["range_name"]].bounds[0] for column in columns
        }
        columns.sort(key=lambda column: (position[column["code"]], order[column["code"]]))
        sizes = {rng.rows for rng in blocks}
        if len(sizes) != 1:
            raise SystemExit(f"{code}: columns of different lengths {sizes}")
        rng = self.s.ranges.get(code)
        if rng:
            self.used_ranges.add(rng.name)
        return [
            {
                "type": "table",
                "code": self.unique(code),
                "label": title,
                "columns": columns,
                "rows": [],
                "max_rows": sizes.pop(),
                "range_name": rng.name if rng else "",
                "key_range": key_range,
            }
        ]

    def same_rows(self, rng: Range, code: str, concepts: list[str]) -> bool:
        for qname in concepts:
            other = self.s.ranges.get(_local(qname))
            if other is not None:
                return (other.sheet, other.bounds[1], other.bounds[3]) == (
                    rng.sheet,
                    rng.bounds[1],
                    rng.bounds[3],
                )
        return False

    # Roles

    def section_title(self, role: dict) -> dict:
        def strip(definition):
            text = re.sub(r"^\[\d+\]\s*", "", _clean(definition))
            text = re.sub(r"^[BC]\d+\s*[-–]\s*", "", text)
            parts = text.split(" - ")
            if len(parts) > 1 and parts[0].strip().lower() in PILLARS:
                parts = parts[1:]
            return re.sub(r"^[BC]\d+\s*[-–]\s*", "", " - ".join(parts).strip())

        labels = role.get("labels", {})
        en = strip(labels.get("en") or role["definition"])
        return self.text(strip(labels.get("fr", "")), en, "labels")

    def disclosure_title(self, code: str) -> dict:
        members = self.s.concepts[
            "vsme:ListOfDisclosuresForWhichNoChangesAreReportedComparedToThePreviousPeriodReporting"
        ]["other"]["ee20DomainMembers"]
        for member in members:
            if _local(member).startswith(f"{code}-"):
                fr, en = self.labels(member)
                prefix = re.compile(r"^[BC]\d+\s*[-–]\s*")
                return self.text(prefix.sub("", fr), prefix.sub("", en), "labels")
        raise SystemExit(f"no title for {code}")

    def build(self) -> dict:
        roles = {}
        for uri, role in self.s.taxonomy["presentation"].items():
            match = re.match(r"\[(\d+)\]\s*(?:([BC]\d+)\b)?", role["definition"])
            if not match.group(2):
                self.report.skipped_roles.append(role["definition"])
                continue
            roles.setdefault(match.group(2), []).append((int(match.group(1)), uri, role))
        order = [f"B{n}" for n in range(1, 12)] + [f"C{n}" for n in range(1, 10)]
        if sorted(roles) != sorted(order):
            raise SystemExit(f"disclosures {sorted(roles)} are not B1-B11, C1-C9")
        disclosures = []
        for code in order:
            sections, computed = [], []
            for number, uri, role in sorted(roles[code], key=lambda found: found[0]):
                cubes = self.s.taxonomy["dimensions"].get(uri, {})
                if cubes:
                    ((hypercube, cube),) = cubes.items()
                    items = self.table(role, hypercube, cube, code, computed)
                else:
                    items = self.scalars(role, code, computed)
                if items:
                    sections.append(
                        {"code": str(number), "title": self.section_title(role), "items": items}
                    )
            disclosures.append(
                {
                    "code": code,
                    "module": "basic" if code.startswith("B") else "comprehensive",
                    "title": self.disclosure_title(code),
                    "sections": sections,
                    "computed": computed,
                }
            )
        for name, rng in sorted(self.s.ranges.items()):
            if name.startswith(("template_", "enum_", "footnote_")) or name in self.used_ranges:
                continue
            self.report.unused_ranges.append(f"{name} ({rng.sheet}!{rng.ref})")
        return {
            "version": VERSION,
            "sources": self.s.hashes,
            "option_lists": self.option_lists,
            "disclosures": disclosures,
        }


def build(
    template: Path = TEMPLATE, sample: Path = SAMPLE, taxonomy: Path = TAXONOMY
) -> tuple[dict, Report]:
    """The catalogue as a JSON document, and what the summary says."""
    builder = Builder(Sources(template, sample, taxonomy))
    return builder.build(), builder.report


def dumps(catalogue: dict) -> str:
    return json.dumps(catalogue, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def summary(catalogue: dict, report: Report) -> str:
    lines = ["Disclosure  sections  fields  tables  columns  computed"]
    totals = [0, 0, 0, 0, 0]
    for disclosure in catalogue["disclosures"]:
        items = [item for section in disclosure["sections"] for item in section["items"]]
        fields = [item for item in items if item["type"] == "field"]
        tables = [item for item in items if item["type"] == "table"]
        counts = [
            len(disclosure["sections"]),
            len(fields),
            len(tables),
            sum(len(table["columns"]) for table in tables),
            len(disclosure["computed"]),
        ]
        totals = [a + b for a, b in zip(totals, counts, strict=True)]
        lines.append(f"{disclosure['code']:<11}" + "".join(f"{n:>9}" for n in counts))
    lines.append(f"{'total':<11}" + "".join(f"{n:>9}" for n in totals))
    for title, entries in (
        ("Computed by the template (no field)", report.computed),
        ("Presentation concepts without template range (left out)", report.without_range),
        ("Template ranges without concept", report.unused_ranges),
        ("Roles without disclosure (left out)", report.skipped_roles),
    ):
        lines.append(f"\n{title}: {len(entries)}")
        lines.extend(f"  {entry}" for entry in entries)
    dropped: dict[str, int] = {}
    for entry in report.dropped_members:
        code = entry.split(":", 1)[0]
        dropped[code] = dropped.get(code, 0) + 1
    lines.append(
        f"\nTaxonomy members the template's lists lack (headings, finer items): {dropped}"
    )
    lines.append("Texts without French (English shown): " + str(report.english_only or "none"))
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--template", type=Path, default=TEMPLATE)
    parser.add_argument("--sample", type=Path, default=SAMPLE)
    parser.add_argument("--taxonomy", type=Path, default=TAXONOMY)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--check", action="store_true", help="compare, write nothing")
    args = parser.parse_args(argv)
    catalogue, report = build(args.template, args.sample, args.taxonomy)
    text = dumps(catalogue)
    print(summary(catalogue, report))
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != text:
            print(f"\n{args.output} is out of date: run {Path(__file__).name}", file=sys.stderr)
            return 1
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    print(f"\nWrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
