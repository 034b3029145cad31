"""An action plan as a spreadsheet, for a board, a coach or a funder."""

from io import BytesIO

from django.db.models import prefetch_related_objects
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter


def plan_workbook(context) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _("Action plan")[:31]
    projection, progress = context["projection"], context["progress"]
    sheet.append([context["organisation"].name])
    sheet["A1"].font = Font(bold=True, size=14)
    if projection.before is not None:
        sheet.append(
            [_("Score today"), round(projection.before, 1), _("Score with the plan done"),
             round(projection.after, 1)]
        )  # fmt: skip
    sheet.append([_("Actions done"), progress.done, _("Actions counted"), progress.total])
    sheet.append([])
    header = [
        _("Action"), _("Pillar"), _("Question"), _("Owner"), _("Due"), _("Status"),
        _("Priority"), _("Projected gain"), _("Realised gain"), _("Indicator"), _("Unit"),
        _("Baseline"), _("Target"), _("Latest measurement"), _("Good practice"),
    ]  # fmt: skip
    sheet.append(header)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    pillars = context["pillar_titles"]
    prefetch_related_objects(context["everything"], "measurements")
    for action in context["everything"]:
        measurements = list(action.measurements.all())
        latest = measurements[-1] if measurements else None
        sheet.append(
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
            ]
        )
    for index, width in enumerate([45, 24, 12, 20, 12, 12, 10, 10, 10, 25, 10, 10, 10, 12, 40], 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
