"""An assessment's answers and scores as a spreadsheet."""

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from levier.assessments.results import Results
from levier.engine.scoring import MOSTLY_NOT_APPLICABLE, NOT_APPLICABLE, SCORED
from levier.lib.spreadsheets import append_row, xlsx_bytes

BOLD = Font(bold=True)


def _sheet(workbook, title, header, rows, widths):
    sheet = workbook.create_sheet(title)
    for cell in append_row(sheet, header):
        cell.font = BOLD
    for row in rows:
        append_row(sheet, row)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    return sheet


def status_label(status: str) -> str:
    """A pillar's or theme's status as a reader says it, not the engine's code."""
    labels = {
        SCORED: _("Scored"),
        NOT_APPLICABLE: _("Not applicable"),
        MOSTLY_NOT_APPLICABLE: _("Mostly not applicable"),
    }
    return labels.get(status, status)


def _rounded(value):
    return None if value is None else round(value, 1)


def workbook(results: Results) -> bytes:
    language = get_language() or "fr"
    pack = results.assessment.pack
    book = Workbook()
    book.remove(book.active)
    scores = [
        [_("Overall"), "", _rounded(results.overall), "", _rounded(results.previous_overall)]
    ]
    scores += [
        [
            _("Pillar"),
            row.title,
            _rounded(row.score),
            status_label(row.status),
            _rounded(row.previous),
        ]
        for row in results.pillars
    ]
    scores += [
        [
            _("Theme"),
            row.title,
            _rounded(row.score),
            status_label(row.status),
            _rounded(row.previous),
        ]
        for row in results.themes
    ]
    _sheet(
        book,
        _("Scores"),
        [_("Level"), _("Name"), _("Score / 100"), _("Status"), _("Previous assessment")],
        scores,
        [12, 45, 14, 24, 20],
    )
    counted = results.result.questions
    outcome = {}
    for code in results.result.excluded:
        outcome[code] = _("does not apply to the organisation")
    for code in results.result.hidden:
        outcome[code] = _("not shown (follow-up question)")
    rows = []
    for question in pack.questions:
        answer = results.answers.get(question.code)
        levels = []
        if answer is not None:
            levels = [
                (level.label.get(language) if level.label else level.code)
                for level in question.levels
                if level.code in answer.levels
            ]
        score = counted.get(question.code)
        rows.append(
            [
                question.code,
                pack.theme(question.theme_code).title.get(language),
                question.text.get(language),
                outcome.get(question.code, ""),
                ", ".join(levels)
                or (answer.text if answer and answer.text else None)
                or (answer.value if answer and answer.value is not None else None),
                _("yes") if answer and answer.not_applicable else "",
                score.earned if score else None,
                score.max if score else None,
                answer.comment if answer else "",
                answer.answered_by.display_name if answer and answer.answered_by else "",
                timezone.localtime(answer.updated_at).replace(tzinfo=None) if answer else None,
            ]
        )
    _sheet(
        book,
        _("Answers"),
        [
            _("Code"),
            _("Theme"),
            _("Question"),
            _("Scope"),
            _("Answer"),
            _("Not applicable"),
            _("Points"),
            _("Maximum"),
            _("Comment"),
            _("Answered by"),
            _("Updated"),
        ],
        rows,
        [12, 30, 60, 24, 40, 10, 8, 8, 40, 20, 18],
    )
    return xlsx_bytes(book)
