"""An action plan as a spreadsheet, for a board, a coach or a funder."""

from django.db.models import prefetch_related_objects
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from levier.lib.spreadsheets import append_row, xlsx_bytes


def plan_workbook(context) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _("Action plan")[:31]
    projection, progress = context["projection"], context["progress"]
    (name,) = append_row(sheet, [context["organisation"].name])
    name.font = Font(bold=True, size=14)
    if projection.before is not None:
        append_row(
            sheet,
            [_("Score today"), round(projection.before, 1), _("Score with the plan done"),
             round(projection.after, 1)],
        )  # fmt: skip
    append_row(sheet, [_("Actions done"), progress.done, _("Actions counted"), progress.total])
    carbon_total = context.get("carbon_total")
    if carbon_total:
        append_row(
            sheet,
            [_("Expected reduction (tCO2e a year)"), round(carbon_total.projected_tonnes, 3),
             _("Carbon actions"), carbon_total.actions],
        )  # fmt: skip
    append_row(sheet, [])
    header = [
        _("Action"), _("Pillar"), _("Question"), _("Owner"), _("Due"), _("Status"),
        _("Priority"), _("Projected gain"), _("Realised gain"), _("Indicator"), _("Unit"),
        _("Baseline"), _("Target"), _("Latest measurement"), _("Good practice"),
        _("Expected reduction (tCO2e a year)"), _("Realised reduction (tCO2e)"),
    ]  # fmt: skip
    for cell in append_row(sheet, header):
        cell.font = Font(bold=True)
    pillars = context["pillar_titles"]
    prefetch_related_objects(context["everything"], "measurements")
    for action in context["everything"]:
        measurements = list(action.measurements.all())
        latest = measurements[-1] if measurements else None
        carbon = getattr(action, "carbon", None)
        realised = carbon.realised if carbon else None
        append_row(
            sheet,
            [
                action.title,
                pillars.get(action.pillar_code, ""),
                action.question_code,
                action.owner.display_name if action.owner else "",
                action.due_date,
                action.get_status_display(),
                action.get_priority_display(),
                round(action.projected_gain, 2) if action.projected_gain is not None else None,
                round(action.realised_gain, 2) if action.realised_gain is not None else None,
                action.indicator_name,
                action.indicator_unit,
                action.indicator_baseline,
                action.indicator_target,
                latest.value if latest else None,
                action.practice.display_title if action.practice else "",
                round(carbon.projected_tonnes, 3) if carbon else None,
                round(realised.tonnes, 3) if realised else None,
            ],
        )
    widths = [45, 24, 12, 20, 12, 12, 10, 10, 10, 25, 10, 10, 10, 12, 40, 14, 14]
    for index, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    return xlsx_bytes(book)
