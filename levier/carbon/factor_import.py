"""A network admin's import of a Base Carbone / Base Empreinte CSV export.

All or nothing: the file is read whole by ``engine.carbon.base_carbone``;
any problem and nothing changes, the problems listed by line and field.
Otherwise, in one transaction, each element is matched with the network's
current factor of the same source, identifier and unit: new -> created; same
figures -> unchanged; a new value, uncertainty or perimeter -> a new row that
supersedes the old (a locked inventory keeps its factor); only its words
changed -> updated in place when no line uses it, as a new version otherwise.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from levier.carbon.models import EmissionFactor, FactorImport
from levier.engine.carbon import base_carbone
from levier.engine.carbon.units import UNITS

# A whole Base Carbone export weighs about 15 MB; the request limit is 25 MB
# (settings.LEVIER_MAX_REQUEST_BYTES).
MAX_FILE_BYTES = 20 * 1024 * 1024
# Beyond this, nobody reads the list: the page says how many more.
LISTED_PROBLEMS = 50
KNOWN_UNITS = "kWh, kWh PCI, kWh PCS, litre, kg, tonne, m3, km, passager.km, t.km, k€…"
FIGURES = ("value", "uncertainty", "perimeter")
WORDS = (
    "name_fr",
    "name_en",
    "category",
    "location",
    "valid_until",
    "source_unit",
    "source_version",
)


@dataclass(frozen=True)
class LineError:
    line: int
    field: str
    message: str

    def __str__(self):
        if not self.line:
            return self.message
        return _("Line %(line)s, %(field)s: %(message)s") % {
            "line": self.line,
            "field": self.field,
            "message": self.message,
        }


class ImportRefused(Exception):
    def __init__(self, errors: list[LineError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


@dataclass
class Report:
    factor_import: FactorImport
    notices: list[LineError] = field(default_factory=list)


def _refusal_message(refused: base_carbone.Refused) -> str:
    params = refused.params
    messages = {
        "utf16": _("This file is in UTF-16: export it again as CSV in UTF-8 or Windows-1252."),
        "binary": _(
            "This file is not a CSV text file: export the base as CSV and import that file."
        ),
        "encoding": _(
            "The text is neither UTF-8 nor Windows-1252: export the file again as CSV UTF-8."
        ),
        "empty": _("The file is empty."),
        "layout": _(
            "The first line (“%(first)s”) is not the header of a Base Carbone or Base Empreinte "
            "export separated by commas or semicolons."
        ),
        "missing_columns": _("Columns missing from the header: %(columns)s."),
        "columns": _("The header has more than %(limit)s columns."),
        "rows": _("The file has more than %(limit)s lines."),
        "csv": _("Line %(line)s cannot be read as CSV: %(error)s"),
    }
    return (
        messages[refused.code] % params
        if "%(" in messages[refused.code]
        else messages[refused.code]
    )


def _problem_message(problem: base_carbone.Problem) -> str:
    params = problem.params
    if problem.code == "unit":
        return _("unknown unit “%(unit)s” (known: %(known)s).") % {
            "unit": params["unit"],
            "known": KNOWN_UNITS,
        }
    if problem.code == "unit_differs":
        return _("unit “%(unit)s” differs from the other lines of this element.") % params
    if problem.code == "number":
        return _("“%(value)s” is not a number.") % params
    if problem.code == "negative":
        return _("the element's total is negative; Levier takes positive factors only.")
    if problem.code == "uncertainty":
        return _("the uncertainty must be a percentage between 0 and %(limit)s.") % params
    if problem.code == "name":
        return _("the element has no French name.")
    if problem.code == "duplicate":
        return _("identifier %(id)s appears twice: this line was ignored.") % params
    return problem.code


def _line_error(problem: base_carbone.Problem) -> LineError:
    return LineError(problem.line, problem.field, _problem_message(problem))


def read(upload) -> base_carbone.Parsed:
    """The file's elements, or ImportRefused with every problem."""
    if not upload.name.lower().endswith((".csv", ".txt")):
        raise ImportRefused([LineError(0, "", _("Give the .csv file of the export."))])
    if upload.size > MAX_FILE_BYTES:
        raise ImportRefused(
            [
                LineError(
                    0,
                    "",
                    _("The file is larger than %(limit)s, the most an import may weigh.")
                    % {"limit": filesizeformat(MAX_FILE_BYTES)},
                )
            ]
        )
    try:
        parsed = base_carbone.parse(upload.read())
    except base_carbone.Refused as refused:
        raise ImportRefused([LineError(0, "", _refusal_message(refused))]) from None
    if parsed.errors:
        raise ImportRefused([_line_error(p) for p in sorted(parsed.errors, key=lambda p: p.line)])
    if not parsed.elements:
        raise ImportRefused([LineError(0, "", _("The file holds no factor with an identifier."))])
    return parsed


def _fields(element: base_carbone.Element, source_version: str) -> dict:
    assert element.unit in UNITS
    return {
        "name_fr": element.name_fr,
        "name_en": element.name_en,
        "category": element.category,
        "posts": f" {' '.join(element.posts)} " if element.posts else "",
        "unit": element.unit,
        "source_unit": element.source_unit,
        "value": element.value,
        "uncertainty": element.uncertainty,
        "source_id": element.source_id,
        "source_version": source_version,
        "perimeter": element.perimeter,
        "location": element.location,
        "valid_until": element.valid_until,
    }


@transaction.atomic
def save(parsed, network, *, source, source_version, file_name, user=None) -> Report:
    """Apply a parsed file to the network's factors (see the module's docstring)."""
    current = {
        (factor.source_id, factor.unit): factor
        for factor in EmissionFactor.objects.filter(
            network=network, source=source, superseded_by__isnull=True
        )
    }
    used = set(
        EmissionFactor.objects.filter(
            network=network, source=source, superseded_by__isnull=True, lines__isnull=False
        )
        .values_list("pk", flat=True)
        .distinct()
    )
    created = updated = unchanged = 0
    new_rows, replaced = [], []
    for element in parsed.elements:
        fields = _fields(element, source_version)
        factor = current.get((element.source_id, element.unit))
        if factor is None:
            new_rows.append(EmissionFactor(network=network, source=source, **fields))
            created += 1
            continue
        figures = [n for n in FIGURES if getattr(factor, n) != fields[n]]
        words = [n for n in (*WORDS, "posts") if getattr(factor, n) != fields[n]]
        if not figures and not words:
            unchanged += 1
        elif figures or factor.pk in used:
            newer = EmissionFactor(network=network, source=source, **fields)
            new_rows.append(newer)
            replaced.append((factor, newer))
            updated += 1
        else:
            for name in words:
                setattr(factor, name, fields[name])
            factor.save(update_fields=words)
            updated += 1
    for row in new_rows:
        # One by one: bulk_create gives no primary keys back on every database.
        row.save()
    for old, newer in replaced:
        old.superseded_by = newer
        old.save(update_fields=["superseded_by"])
    factor_import = FactorImport.objects.create(
        network=network,
        file_name=file_name[:255],
        source=source,
        source_version=source_version,
        created=created,
        updated=updated,
        unchanged=unchanged,
        skipped=parsed.skipped,
        imported_by=user,
    )
    return Report(factor_import, [_line_error(p) for p in parsed.notices])
