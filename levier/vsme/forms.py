"""The report's forms: a new report, and one disclosure's page generated
from the catalogue (a field per datapoint, a grid per table), checked by
``levier.engine.vsme.values`` with messages in the reader's language."""

from dataclasses import dataclass, field
from datetime import date

from django import forms
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from levier.engine.vsme import values
from levier.engine.vsme.catalogue import Disclosure, Field, Table
from levier.vsme.models import Datapoint, Module, VsmeReport

# Blank rows offered under a free-row table's rows (sites, subsidiaries...).
BLANK_ROWS = 3


def invalid_message(error: values.Invalid) -> str:
    params = error.params
    messages = {
        "number": _("Type a number, such as 1234.5 or 1 234,5.")
        + (" " + _("“%(text)s” is not one.") % params if "text" in params else ""),
        "negative": _("This figure cannot be negative."),
        "too_large": _("This figure is far too large: check its unit."),
        "integer": _("Type a whole number."),
        "percent": _("A percentage goes from 0 to 100."),
        "boolean": _("Choose yes or no."),
        "choice": _("Choose one of the options offered."),
        "date": _("Type a date as YYYY-MM-DD."),
        "year": _("Type a year between %(min)s and %(max)s.") % params
        if "min" in params
        else _("Type a year."),
        "too_long": _("At most %(max)s characters (%(length)s typed).") % params
        if "max" in params
        else _("This text is too long."),
    }
    return messages[error.code]


class NewReportForm(forms.ModelForm):
    start_from = forms.TypedChoiceField(
        label=gettext_lazy("Start from a previous report"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=gettext_lazy(
            "Its values are copied into the new report, each marked to confirm: "
            "what did not change is confirmed in one click."
        ),
    )

    class Meta:
        model = VsmeReport
        fields = ["period_start", "period_end", "module"]
        widgets = {
            "period_start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "period_end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "module": forms.RadioSelect,
        }
        help_texts = {
            "period_start": gettext_lazy("Usually the first day of your financial year."),
            "module": gettext_lazy(
                "The Basic Module is what banks and clients usually ask; the Comprehensive "
                "Module adds strategy, climate targets and risks, and human rights."
            ),
        }

    def __init__(self, *args, organisation, previous, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        self.previous = {report.pk: report for report in previous}
        self.fields["start_from"].choices = [("", _("No: an empty report"))] + [
            (report.pk, f"{report.period_start:%d/%m/%Y} – {report.period_end:%d/%m/%Y}")
            for report in previous
        ]
        self.fields["module"].choices = Module.choices

    def clean(self):
        cleaned = super().clean()
        start = cleaned.get("period_start")
        if (
            start
            and VsmeReport.objects.filter(
                organisation=self.instance.organisation, period_start=start
            ).exists()
        ):
            self.add_error("period_start", _("A report of this period exists already."))
        return cleaned

    def clean_start_from(self):
        chosen = self.cleaned_data.get("start_from")
        if chosen is None:
            return None
        if chosen not in self.previous:
            raise forms.ValidationError(_("Choose a report from the list."))
        return self.previous[chosen]


class IdentificationForm(forms.ModelForm):
    class Meta:
        model = VsmeReport
        fields = ["identifier_scheme", "identifier"]
        help_texts = {
            "identifier": gettext_lazy(
                "The XBRL report names your company by this identifier: your LEI if you "
                "have one, else your EUID (European Unique Identifier, from the business "
                "register)."
            )
        }

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("identifier_scheme")) != bool(cleaned.get("identifier")):
            raise forms.ValidationError(_("Give both the scheme and the identifier, or neither."))
        return cleaned


# One disclosure's page -------------------------------------------------------------


@dataclass
class Input:
    """One datapoint of the page, as the template shows it."""

    field: Field
    name: str
    text: str | list
    point: Datapoint | None
    error: str = ""
    not_applicable: bool = False

    @property
    def label(self) -> str:
        return self.field.label.get(get_language() or "fr")

    @property
    def help(self) -> str:
        return self.field.help.get(get_language() or "fr") if self.field.help else ""

    @property
    def options(self):
        language = get_language() or "fr"
        return [(option.code, option.label.get(language)) for option in self.field.options]

    @property
    def may_be_not_applicable(self) -> bool:
        return self.field.requirement != "shall"


@dataclass
class Grid:
    """A table of the page: its rows of inputs."""

    table: Table
    rows: list[tuple[str, str, list[Input]]]  # (row key, row label, cells)
    point: Datapoint | None
    errors: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.table.label.get(get_language() or "fr")

    @property
    def columns(self) -> list[str]:
        language = get_language() or "fr"
        return [column.label.get(language) for column in self.table.columns]


def _text(item: Field, value) -> str | list:
    if item.kind == "choices":
        return list(value or [])
    return values.as_text(item.kind, value)


def _option_codes(item: Field) -> tuple[str, ...]:
    return tuple(option.code for option in item.options)


class DisclosureForm:
    """The inputs of ``disclosure`` filled from ``points`` (or from ``data``
    when posted), and their parsed values once ``is_valid``."""

    def __init__(self, disclosure: Disclosure, points: dict[str, Datapoint], data=None):
        self.disclosure = disclosure
        self.points = points
        self.data = data
        self.sections = []
        self.values: dict[str, object] = {}
        self.not_applicable: set[str] = set()
        self.has_errors = False
        for section in disclosure.sections:
            items = [self._item(item) for item in section.items]
            self.sections.append((section, items))

    def _posted(self, name: str, kind: str):
        if kind == "choices":
            return self.data.getlist(name)
        return self.data.get(name, "")

    def _input(self, item: Field, name: str, stored) -> Input:
        point = self.points.get(item.code)
        if self.data is None:
            return Input(
                item,
                name,
                _text(item, stored),
                point,
                not_applicable=bool(point and point.not_applicable),
            )
        return Input(
            item,
            name,
            self._posted(name, item.kind),
            point,
            not_applicable=self.data.get(f"na-{name}") == "on",
        )

    def _item(self, item):
        if isinstance(item, Table):
            return self._grid(item)
        point = self.points.get(item.code)
        return self._input(item, item.code, point.value if point else None)

    def _grid(self, table: Table) -> Grid:
        point = self.points.get(table.code)
        stored = point.value if point and point.value else ([] if not table.rows else {})
        language = get_language() or "fr"
        rows = []
        if table.rows:
            for row in table.rows:
                cells = stored.get(row.code, {}) if isinstance(stored, dict) else {}
                rows.append(
                    (
                        row.code,
                        row.label.get(language),
                        [
                            self._input(
                                column,
                                f"{table.code}-{row.code}-{column.code}",
                                cells.get(column.code),
                            )
                            for column in table.columns
                        ],
                    )
                )
        else:
            stored = stored if isinstance(stored, list) else []
            count = len(stored) + BLANK_ROWS
            if self.data is not None:
                count = int(self.data.get(f"{table.code}-rows", count) or count)
            count = min(count, table.max_rows or count)
            for index in range(count):
                cells = stored[index] if index < len(stored) else {}
                rows.append(
                    (
                        str(index),
                        str(index + 1),
                        [
                            self._input(
                                column,
                                f"{table.code}-{index}-{column.code}",
                                cells.get(column.code),
                            )
                            for column in table.columns
                        ],
                    )
                )
        return Grid(table, rows, point)

    def _parse(self, cell: Input):
        try:
            return values.parse(cell.field.kind, cell.text, _option_codes(cell.field))
        except values.Invalid as error:
            cell.error = invalid_message(error)
            self.has_errors = True
            return None

    def is_valid(self) -> bool:
        assert self.data is not None
        for _section, items in self.sections:
            for item in items:
                if isinstance(item, Grid):
                    self._clean_grid(item)
                elif item.not_applicable:
                    self.not_applicable.add(item.field.code)
                    self.values[item.field.code] = None
                else:
                    self.values[item.field.code] = self._parse(item)
        return not self.has_errors

    def _clean_grid(self, grid: Grid) -> None:
        table = grid.table
        if table.rows:
            value = {}
            for key, _label, cells in grid.rows:
                row = {cell.field.code: self._parse(cell) for cell in cells}
                row = {code: v for code, v in row.items() if v is not None}
                if row:
                    value[key] = row
        else:
            value = []
            for _key, _label, cells in grid.rows:
                row = {cell.field.code: self._parse(cell) for cell in cells}
                row = {code: v for code, v in row.items() if v is not None}
                self._one_of_alternatives(cells, row)
                if row:
                    value.append(row)
        self.values[table.code] = value or None

    def _one_of_alternatives(self, cells: list[Input], row: dict) -> None:
        """A mass and a volume column share the template's cells: a row
        gives one of them."""
        for cell in cells:
            other = cell.field.alternative
            if other and cell.field.code in row and other in row and cell.field.code < other:
                cell.error = _("Give this quantity as a mass or as a volume, not both.")
                self.has_errors = True


def default_period(today: date) -> tuple[date, date]:
    """Last calendar year: most SMEs' financial year."""
    year = today.year - 1
    return date(year, 1, 1), date(year, 12, 31)
