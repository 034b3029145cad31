"""The network's impact finance outcomes: anonymous figures by year, a page
for its staff with charts, and CSV / XLSX exports."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from openpyxl.workbook import Workbook

from levier.assessments.charts import PHONE_WIDTH
from levier.events.forms import framework_theme_choices
from levier.finance import figures
from levier.finance.models import FollowUp, Instrument
from levier.lib.spreadsheets import append_row, csv_bytes, xlsx_bytes
from levier.reports.charts import BarRow, bar_chart, for_screen_width
from levier.tenancy.views import network_aggregates, network_view


def _euros(value: float) -> str:
    return f"{value:,.0f} €".replace(",", "\u202f")


def _labels():
    instruments = {**dict(Instrument.choices), "": _("Not stated")}
    themes = dict(framework_theme_choices())
    return instruments, themes


def _chart(rows: list[BarRow], title: str, description: str) -> str:
    top = max([r.value for r in rows if r.value is not None] or [1])
    texts = {
        "title": title,
        "description": description,
        "empty_text": _("No amount to show"),
        "max_value": top,
        "value_format": _euros,
    }
    return for_screen_width(bar_chart(rows, **texts), bar_chart(rows, width=PHONE_WIDTH, **texts))


def _hidden_text(amount) -> str:
    return _euros(amount.value) if amount.value is not None else "—"


@network_view("animate")
@network_aggregates
def outcomes(request, access):
    data = figures.outcomes(access.network)
    instruments, themes = _labels()
    outcome_labels = dict(FollowUp.Outcome.choices)
    latest = data.years[-1] if data.years else None
    charts = {}
    if data.years:
        rows = [BarRow(str(y.year), y.granted.value) for y in data.years]
        charts["years"] = _chart(
            rows,
            _("Amounts granted by year"),
            _("Amounts granted to members, by year: %(list)s.")
            % {"list": "; ".join(f"{y.year} {_hidden_text(y.granted)}" for y in data.years)},
        )
        if data.instruments:
            rows = [
                BarRow(instruments.get(i, i), latest.by_instrument[i].value)
                for i in data.instruments
            ]
            charts["instruments"] = _chart(
                rows,
                _("Amounts granted in %(year)s by instrument") % {"year": latest.year},
                "; ".join(
                    f"{instruments.get(i, i)} {_hidden_text(latest.by_instrument[i])}"
                    for i in data.instruments
                ),
            )
    return render(
        request,
        "finance/outcomes.html",
        {
            "network": access.network,
            "data": data,
            "years": list(reversed(data.years)),
            "instrument_rows": [
                (instruments.get(i, i), [y.by_instrument[i] for y in reversed(data.years)])
                for i in data.instruments
            ],
            "theme_rows": [
                (themes.get(t, t), [y.by_theme[t] for y in reversed(data.years)])
                for t in data.themes
            ],
            "outcome_rows": [
                (label, [y.follow_ups.get(value, 0) for y in reversed(data.years)])
                for value, label in outcome_labels.items()
            ],
            "charts": charts,
            "min_group": figures.MIN_GROUP,
        },
    )


def export_rows(data: figures.Outcomes) -> list[list]:
    """One row per figure: year, figure, detail, value, organisations. A
    hidden amount is an empty value."""
    instruments, themes = _labels()
    outcome_labels = dict(FollowUp.Outcome.choices)
    rows = []
    for y in data.years:
        rows.append(
            [
                y.year,
                _("Projects shared"),
                "",
                y.projects_shared.count,
                y.projects_shared.organisations,
            ]
        )
        rows.append([y.year, _("Sessions held"), "", y.sessions_held, ""])
        rows.append(
            [y.year, _("Meetings held"), "", y.meetings_held.count, y.meetings_held.organisations]
        )
        for value, label in outcome_labels.items():
            rows.append([y.year, _("Follow-ups"), label, y.follow_ups.get(value, 0), ""])
        rows.append(
            [y.year, _("Amount granted (€)"), _("All"), y.granted.value, y.granted.organisations]
        )
        for i in data.instruments:
            amount = y.by_instrument[i]
            rows.append(
                [
                    y.year,
                    _("Amount granted (€)"),
                    instruments.get(i, i),
                    amount.value,
                    amount.organisations,
                ]
            )
        for t in data.themes:
            amount = y.by_theme[t]
            rows.append(
                [
                    y.year,
                    _("Amount granted (€)"),
                    themes.get(t, t),
                    amount.value,
                    amount.organisations,
                ]
            )
    return rows


def _header() -> list:
    return [_("Year"), _("Figure"), _("Detail"), _("Value"), _("Organisations")]


@network_view("animate")
@network_aggregates
def outcomes_csv(request, access):
    rows = export_rows(figures.outcomes(access.network))
    response = HttpResponse(
        csv_bytes([_header(), *rows], delimiter=";"), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="impact-finance-{access.network.slug}.csv"'
    )
    return response


@network_view("animate")
@network_aggregates
def outcomes_xlsx(request, access):
    rows = export_rows(figures.outcomes(access.network))
    book = Workbook()
    sheet = book.active
    sheet.title = _("Impact finance")[:31]
    for row in [_header(), *rows]:
        append_row(sheet, row)
    response = HttpResponse(
        xlsx_bytes(book),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="impact-finance-{access.network.slug}.xlsx"'
    )
    return response
