"""An inventory's results as files: the board's PDF report, a workbook of its
lines and results, and the BEGES regulatory table (CSV or XLSX).

Spreadsheets are written through ``levier.lib.spreadsheets`` (text a
spreadsheet would run as a formula is neutralised). The CSV is for French
Excel: ``;``-separated, UTF-8 with its byte order mark, numbers written with
the reader's decimal separator.
"""

from django.utils import timezone
from django.utils.formats import number_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from levier.carbon import labels
from levier.carbon.results import Results, Row
from levier.engine.carbon.posts import POSTS
from levier.lib.spreadsheets import append_row, csv_bytes, xlsx_bytes
from levier.reports.pdf import render_pdf

CSV_DELIMITER = ";"
TONNES_DECIMALS = 3  # to the kilogram
PERCENT_DECIMALS = 1


def filename(inventory, extension: str, prefix: str = "carbon") -> str:
    parts = [inventory.organisation.name, str(inventory.year), inventory.site]
    name = slugify("-".join(part for part in parts if part))
    return f"levier-{prefix}-{name}.{extension}"


# PDF ----------------------------------------------------------------------------


def pdf(context: dict, request=None) -> bytes:
    context = {**context, "produced_on": timezone.localdate()}
    return render_pdf("carbon/pdf/report.html", context, request)


# Tables shared by the XLSX and the CSV --------------------------------------------


def _tonnes(kg: float) -> float:
    return round(kg / 1000, TONNES_DECIMALS)


def _percent(fraction: float) -> float:
    return round(fraction * 100, PERCENT_DECIMALS)


def _figures(row: Row) -> list:
    return [
        _tonnes(row.kg),
        _tonnes(row.emission.uncertainty_kg),
        _percent(row.emission.relative_uncertainty),
    ]


def _figure_header() -> list:
    return [_("tCO2e"), _("Uncertainty (tCO2e)"), _("Uncertainty (%)")]


def _scope() -> str:
    return pgettext("GHG Protocol", "Scope")


def _title(results: Results) -> list[list]:
    inventory = results.inventory
    title = _("Carbon footprint %(year)s") % {"year": inventory.year}
    rows = [[inventory.organisation.name], [title]]
    if inventory.site:
        rows.append([_("Site"), inventory.site])
    status = _("In progress") if results.is_draft else _("Locked")
    rows.append([_("Status"), status])
    return rows


def beges_table(results: Results) -> list[list]:
    """The 6 categories and 22 posts of the regulatory table, each post with
    its tonnes and uncertainty, zeros included, each category's subtotal
    after its posts, then the total."""
    rows = [[_("Category"), _("Post"), _("Name"), *_figure_header()]]
    for category in results.beges:
        for post in category.posts:
            rows.append([category.row.code, post.code, post.label, *_figures(post)])
        subtotal = _("Subtotal %(category)s") % {"category": category.row.label}
        rows.append([category.row.code, "", subtotal, *_figures(category.row)])
    rows.append(["", "", _("Total"), *_figures(results.total)])
    return rows


def ghg_table(results: Results) -> list[list]:
    """GHG Protocol: scopes 1, 2 (location-based) and 3, scope 3 by its 15
    categories, then the total."""
    rows = [[_scope(), _("Scope 3 category"), _("Name"), *_figure_header()]]
    for scope in results.scopes:
        rows.append([scope.code, "", scope.label, *_figures(scope)])
        if scope.code == 3:
            for category in results.scope3_categories:
                rows.append([3, category.code, category.label, *_figures(category)])
    rows.append(["", "", _("Total"), *_figures(results.total)])
    return rows


def _localised(value):
    """A number as the reader's spreadsheet reads it (a decimal comma in French)."""
    if isinstance(value, float):
        return number_format(value, decimal_pos=None, use_l10n=True, force_grouping=False)
    return value


def beges_csv(results: Results) -> bytes:
    rows = [
        *_title(results),
        [],
        [_("BEGES regulatory table (method version 5)")],
        *beges_table(results),
        [],
        [_("GHG Protocol (scope 2 location-based)")],
        *ghg_table(results),
    ]
    return csv_bytes(
        ([_localised(value) for value in row] for row in rows), delimiter=CSV_DELIMITER
    )


# Workbooks ------------------------------------------------------------------------


def _header(sheet, values) -> None:
    for cell in append_row(sheet, values):
        cell.font = Font(bold=True)


def _widths(sheet, widths) -> None:
    for index, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def _table_sheet(book: Workbook, title: str, results: Results, table: list[list]) -> None:
    sheet = book.create_sheet(title[:31])
    for row in _title(results):
        append_row(sheet, row)
    append_row(sheet, [])
    _header(sheet, table[0])
    for row in table[1:]:
        cells = append_row(sheet, row)
        if not row[1]:  # subtotals and totals
            for cell in cells:
                cell.font = Font(bold=True)
    _widths(sheet, [10, 14, 60, 12, 18, 16])


def beges_workbook(results: Results) -> bytes:
    book = Workbook()
    book.remove(book.active)
    _table_sheet(book, _("BEGES"), results, beges_table(results))
    _table_sheet(book, _("GHG Protocol"), results, ghg_table(results))
    return xlsx_bytes(book)


def _lines_sheet(book: Workbook, results: Results) -> None:
    sheet = book.create_sheet(_("Lines")[:31])
    _header(
        sheet,
        [
            _("Category"), _scope(), _("BEGES post"), _("What it is"), _("Quantity"),
            _("Unit"), _("Years of use"), _("Emission factor"), _("Factor value (kgCO2e)"),
            _("Factor unit"), _("Source"), _("Identifier in the source"), _("Version"),
            _("Factor uncertainty (%)"), _("Data quality"), _("kgCO2e"),
            _("Uncertainty (kgCO2e)"), _("Uncertainty (%)"), _("Comment"),
        ],
    )  # fmt: skip
    for result in results.lines:
        line, factor = result.line, result.line.factor
        post = POSTS[line.post]
        append_row(
            sheet,
            [
                line.get_post_display(),
                post.scope,
                post.beges,
                line.label,
                line.quantity,
                labels.unit_symbol(line.unit),
                line.amortisation_years if line.post == "fixed_assets" else None,
                factor.name,
                factor.value,
                labels.unit_symbol(factor.unit),
                factor.get_source_display(),
                factor.source_id,
                factor.source_version,
                factor.uncertainty or None,  # empty: the source publishes none
                line.get_data_quality_display(),
                round(result.kg, 3),
                round(result.emission.uncertainty_kg, 3),
                _percent(result.emission.relative_uncertainty),
                line.comment,
            ],
        )
    _widths(sheet, [34, 7, 9, 40, 12, 12, 9, 40, 12, 12, 20, 14, 10, 12, 20, 12, 14, 12, 40])
    sheet.freeze_panes = "A2"


def _results_sheet(book: Workbook, results: Results) -> None:
    sheet = book.create_sheet(_("Results")[:31])
    for row in _title(results):
        append_row(sheet, row)
    header = [_("Name"), *_figure_header(), _("Share of the total (%)")]

    def block(title: str, rows: list[Row]) -> None:
        append_row(sheet, [])
        (cell,) = append_row(sheet, [title])
        cell.font = Font(bold=True, size=12)
        _header(sheet, header)
        for row in rows:
            append_row(sheet, [row.label, *_figures(row), _percent(row.share)])

    block(_("Total"), [results.total])
    block(_("By GHG Protocol scope (scope 2 location-based)"), results.scopes)
    block(_("Scope 3 by category"), results.scope3_categories)
    block(_("By BEGES category"), [category.row for category in results.beges])
    block(_("By BEGES post"), results.beges_posts)
    block(_("By category of the inventory"), results.posts)
    _widths(sheet, [60, 12, 18, 16, 20])


def workbook(results: Results) -> bytes:
    book = Workbook()
    book.remove(book.active)
    _lines_sheet(book, results)
    _results_sheet(book, results)
    return xlsx_bytes(book)
