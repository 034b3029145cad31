"""The dashboard's aggregated figures as one tidy table, for CSV and XLSX."""

from django.http import HttpResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from openpyxl import Workbook

from levier.engine import benchmarks
from levier.insights import network_stats as stats
from levier.insights import peers
from levier.lib.spreadsheets import append_row, csv_bytes, xlsx_bytes


def rows_for(context) -> list[list]:
    """[section, item, year, figure, value] rows; score figures only for groups
    the anonymity rule allows."""
    counts = context["counts"]
    rows = [
        [_("Members"), _("total"), "", _("organisations"), counts["total"]],
        [_("Members"), _("not started"), "", _("organisations"), counts["not_started"]],
        [_("Members"), _("in progress"), "", _("organisations"), counts["in_progress"]],
        [_("Members"), _("submitted"), "", _("organisations"), counts["submitted"]],
    ]
    if context.get("show_scores"):
        titles = dict(context["pillar_titles"])
        titles[peers.OVERALL] = _("Overall")
        for figure in stats.yearly_scores(context["version"], context["organisations"], titles):
            if not figure.shown:
                continue
            label = titles.get(figure.code, figure.code)
            rows.append(
                [_("Scores"), label, figure.year, _("organisations"), figure.organisations]
            )
            rows.append([_("Scores"), label, figure.year, _("average"), round(figure.average, 1)])
            rows.append([_("Scores"), label, figure.year, _("median"), round(figure.median, 1)])
        for index, count in enumerate(peers.distribution(context["snapshots"])):
            low = index * 100 // benchmarks.BUCKETS
            high = (index + 1) * 100 // benchmarks.BUCKETS
            rows.append([_("Distribution"), f"{low}-{high}", "", _("organisations"), count])
        pack = context["pack"]
        for row in stats.improvement(context["snapshots"])[:30]:
            try:
                text = pack.question(row["code"]).text.get(_language())
            except KeyError:
                text = row["code"]
            rows.append(
                [
                    _("Points lost"),
                    f"{row['code']} {text}",
                    "",
                    _("average"),
                    round(row["average_lost"], 2),
                ]
            )
    if context["enough_members"]:
        total, _by_theme = stats.plan_figures(context["organisations"])
        for key, label in (("open", _("open")), ("done", _("done")), ("overdue", _("overdue"))):
            rows.append([_("Actions"), label, "", _("actions"), total[key]])
        for practice, adopters in stats.top_practices(context["organisations"]):
            rows.append([_("Practices"), practice.display_title, "", _("adopters"), adopters])
    return rows


def _language():
    return get_language() or "fr"


def _header():
    return [_("Section"), _("Item"), _("Year"), _("Figure"), _("Value")]


def to_csv(rows, filename) -> HttpResponse:
    response = HttpResponse(
        csv_bytes([_header(), *rows], delimiter=";"), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def to_xlsx(rows, filename) -> HttpResponse:
    book = Workbook()
    sheet = book.active
    sheet.title = _("Figures")[:31]
    append_row(sheet, _header())
    for row in rows:
        append_row(sheet, row)
    for column, width in zip("ABCDE", (16, 60, 8, 16, 12), strict=True):
        sheet.column_dimensions[column].width = width
    response = HttpResponse(
        xlsx_bytes(book),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
