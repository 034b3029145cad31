"""The verification file: everything the independent third-party body (OTI)
needs to verify the statutory objectives (Code de commerce, art. L210-10 4°
and R210-21), in one ZIP archive.

- ``summary.pdf``: the mission, its objectives, indicators with their
  measurements and sources, the actions that serve them, the committee, its
  meetings and the verifications so far, and the archive's contents;
- ``data.xlsx``: the same figures as sheets a verifier can filter and check
  (every cell written through ``levier.lib.spreadsheets``);
- ``evidence/``: the measurements' evidence files;
- ``committee-reports/``: the committee's annual reports, as PDF;
- ``opinions/``: the previous verifiers' signed opinions.

The archive is written to a temporary file, evidence copied in chunks, so a
file with many documents never sits whole in memory.
"""

import re
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePath

from django.db.models import Prefetch
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook

from levier.assessments.uploads import SIGNATURES, StoredFile
from levier.lib.spreadsheets import append_row, xlsx_bytes
from levier.mission import annual_report, services
from levier.mission.models import (
    CommitteeMeeting,
    CommitteeMember,
    CommitteeReport,
    Indicator,
    IndicatorMeasurement,
    Mission,
    OperationalObjective,
    StatutoryObjective,
    Verification,
)
from levier.plans.models import Action
from levier.reports.pdf import render_pdf

NAME_CONTEXT = "file name in the verification archive"


def _archive_word(english: str) -> str:
    """A name inside the archive in the reader's language, as ASCII words (a
    French verifier opens « preuves », an English one "evidence")."""
    return slugify(pgettext(NAME_CONTEXT, english))


def summary_name() -> str:
    return _archive_word("summary") + ".pdf"


def workbook_name() -> str:
    return _archive_word("data") + ".xlsx"


def evidence_folder() -> str:
    return _archive_word("evidence") + "/"


def reports_folder() -> str:
    return _archive_word("committee reports") + "/"


def opinions_folder() -> str:
    return _archive_word("opinions") + "/"


PDF_TEMPLATE = "mission/dossier_pdf.html"
CHUNK = 1024 * 1024
STEM_LENGTH = 60
# Punctuation separates words in a name, like spaces.
PUNCTUATION = re.compile(r"[^\w\s-]")


class Names:
    """Unique, safe names inside the archive: lower-case ASCII words, the
    original extension when it is one Levier accepts."""

    def __init__(self):
        self.taken: set[str] = set()

    def take(self, folder: str, *parts: str, suffix: str) -> str:
        words = (slugify(PUNCTUATION.sub(" ", part))[:STEM_LENGTH].strip("-") for part in parts)
        stem = "-".join(filter(None, words)) or "file"
        name = f"{folder}{stem}{suffix}"
        n = 2
        while name in self.taken:
            name = f"{folder}{stem}-{n}{suffix}"
            n += 1
        self.taken.add(name)
        return name


def _suffix(stored: StoredFile) -> str:
    suffix = PurePath(stored.original_name).suffix.lower()
    return suffix if suffix in SIGNATURES else ".bin"


def _stored_file_exists(stored: StoredFile) -> bool:
    return bool(stored.file.name) and stored.file.storage.exists(stored.file.name)


@dataclass
class FileEntry:
    name: str  # in the archive
    stored: StoredFile | None = None  # copied from storage
    report: CommitteeReport | None = None  # rendered as PDF
    missing: bool = False  # listed, but the file is no longer in storage


@dataclass
class MeasurementRow:
    measurement: IndicatorMeasurement
    files: list[FileEntry]

    @property
    def value_text(self) -> str:
        return annual_report.number_text(self.measurement.value)


@dataclass
class IndicatorRow:
    indicator: Indicator
    measurements: list[MeasurementRow]
    state: str
    latest_value: float | None
    latest_on: date | None
    next_due: date | None

    @property
    def state_label(self) -> str:
        return str(annual_report.STATES[self.state])

    @property
    def baseline_text(self) -> str:
        return annual_report.number_text(self.indicator.baseline_value)

    @property
    def target_text(self) -> str:
        return annual_report.number_text(self.indicator.target_value)

    @property
    def latest_text(self) -> str:
        return annual_report.number_text(self.latest_value)


@dataclass
class OperationalBlock:
    objective: OperationalObjective
    indicators: list[IndicatorRow]
    actions: list[Action]

    @property
    def questions(self) -> list[str]:
        return [" · ".join(str(part) for part in pair) for pair in self.objective.questions or []]


@dataclass
class StatutoryBlock:
    objective: StatutoryObjective
    number: int
    operational: list[OperationalBlock]


@dataclass
class Dossier:
    mission: Mission
    organisation: object
    produced_on: date
    statutory: list[StatutoryBlock]
    members: list[CommitteeMember]
    meetings: list[CommitteeMeeting]
    reports: list[CommitteeReport]
    verifications: list[Verification]
    calendar: services.VerificationCalendar
    committee_problems: list[str]
    evidence: list[FileEntry] = field(default_factory=list)
    report_files: list[FileEntry] = field(default_factory=list)
    opinion_files: list[FileEntry] = field(default_factory=list)

    @property
    def files(self) -> list[FileEntry]:
        return self.evidence + self.report_files + self.opinion_files

    @property
    def indicator_count(self) -> int:
        return sum(len(block.indicators) for s in self.statutory for block in s.operational)

    @property
    def measurement_count(self) -> int:
        return sum(
            len(row.measurements)
            for s in self.statutory
            for block in s.operational
            for row in block.indicators
        )

    @property
    def current_members(self) -> list[CommitteeMember]:
        return [m for m in self.members if m.is_current(self.produced_on)]


def _statutory(mission: Mission):
    organisation = mission.organisation
    measurements = IndicatorMeasurement.objects.order_by("on", "pk").prefetch_related("evidence")
    indicators = Indicator.objects.select_related("responsible").prefetch_related(
        Prefetch("measurements", queryset=measurements)
    )
    actions = Action.objects.filter(organisation=organisation).select_related("owner")
    operational = (
        OperationalObjective.objects.filter(organisation=organisation)
        .select_related("owner")
        .prefetch_related(
            Prefetch("indicators", queryset=indicators),
            Prefetch("actions", queryset=actions.order_by("due_date", "pk")),
        )
    )
    return list(
        StatutoryObjective.objects.filter(mission=mission).prefetch_related(
            Prefetch("operational", queryset=operational)
        )
    )


def collect(mission: Mission, on: date | None = None) -> Dossier:
    """Everything the file holds, read once, with the archive's names given."""
    on = on or services.today()
    names = Names()
    verifications = list(
        Verification.objects.filter(mission=mission).prefetch_related("documents")
    )
    dossier = Dossier(
        mission=mission,
        organisation=mission.organisation,
        produced_on=on,
        statutory=[],
        members=list(CommitteeMember.objects.filter(mission=mission)),
        meetings=list(
            CommitteeMeeting.objects.filter(mission=mission).prefetch_related("attendees")
        ),
        reports=list(CommitteeReport.objects.filter(mission=mission).order_by("year")),
        verifications=verifications,
        calendar=services.verification_calendar(mission, verifications, on),
        committee_problems=[str(p) for p in services.committee_problems(mission, on)],
    )
    for number, statutory in enumerate(_statutory(mission), start=1):
        blocks = []
        for objective in statutory.operational.all():
            rows = []
            for indicator in objective.indicators.all():
                rows.append(_indicator_row(dossier, names, indicator, on))
            blocks.append(OperationalBlock(objective, rows, list(objective.actions.all())))
        dossier.statutory.append(StatutoryBlock(statutory, number, blocks))
    for report in dossier.reports:
        draft = "" if report.adopted_on else _archive_word("draft")
        name = names.take(
            reports_folder(),
            _archive_word("committee report"),
            str(report.year),
            draft,
            suffix=".pdf",
        )
        dossier.report_files.append(FileEntry(name, report=report))
    for verification in verifications:
        for document in verification.documents.all():
            name = names.take(
                opinions_folder(),
                verification.done_on.isoformat(),
                PurePath(document.original_name).stem,
                suffix=_suffix(document),
            )
            dossier.opinion_files.append(
                FileEntry(name, stored=document, missing=not _stored_file_exists(document))
            )
    return dossier


def _indicator_row(dossier, names, indicator, on) -> IndicatorRow:
    measurements = list(indicator.measurements.all())
    rows = []
    for measurement in measurements:
        files = []
        for evidence in measurement.evidence.all():
            name = names.take(
                evidence_folder(),
                indicator.name[:40],
                measurement.on.isoformat(),
                PurePath(evidence.original_name).stem,
                suffix=_suffix(evidence),
            )
            entry = FileEntry(name, stored=evidence, missing=not _stored_file_exists(evidence))
            files.append(entry)
            dossier.evidence.append(entry)
        rows.append(MeasurementRow(measurement, files))
    standing = services.standing(indicator, measurements, on)
    latest = standing.latest
    return IndicatorRow(
        indicator=indicator,
        measurements=rows,
        state=standing.state,
        latest_value=latest.value if latest else None,
        latest_on=latest.on if latest else None,
        next_due=services.next_measurement(indicator, measurements),
    )


# The summary PDF -------------------------------------------------------------------


def summary_pdf(dossier: Dossier, request=None) -> bytes:
    context = {"dossier": dossier, "organisation": dossier.organisation}
    return render_pdf(PDF_TEMPLATE, context, request)


# The workbook ----------------------------------------------------------------------

DATE_FORMAT = "yyyy-mm-dd"
WIDE = 60


def _sheet(book: Workbook, title: str, headers: list, widths: list[int]):
    sheet = book.create_sheet(title[:31])
    for cell in append_row(sheet, headers):
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    return sheet


def _row(sheet, values):
    for cell in append_row(sheet, values):
        if isinstance(cell.value, date):
            cell.number_format = DATE_FORMAT
        elif isinstance(cell.value, str) and len(cell.value) > WIDE:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def _name(user) -> str:
    return user.display_name if user else ""


def _yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


def workbook(dossier: Dossier) -> bytes:
    book = Workbook()
    book.remove(book.active)
    objectives = _sheet(
        book,
        _("Objectives"),
        [
            _("No."),
            _("Statutory objective"),
            _("Theme"),
            _("Kind"),
            _("Operational objective"),
            _("Responsible"),
            _("Deadline"),
            _("Description"),
            _("Questions of the assessment"),
        ],
        [6, 50, 24, 18, 40, 22, 12, 50, 24],
    )
    indicators = _sheet(
        book,
        _("Indicators"),
        [
            _("Operational objective"),
            _("Indicator"),
            _("Unit"),
            _("Baseline"),
            _("Baseline date"),
            _("Target"),
            _("Target date"),
            _("Latest value"),
            _("Latest measurement"),
            _("Standing"),
            _("Measured"),
            _("Next measurement"),
            _("Responsible"),
        ],
        [36, 36, 12, 10, 12, 10, 12, 12, 14, 18, 16, 14, 22],
    )
    measurements = _sheet(
        book,
        _("Measurements"),
        [
            _("Indicator"),
            _("Unit"),
            _("Date"),
            _("Value"),
            _("Source"),
            _("Note"),
            _("Recorded by"),
            _("Evidence files"),
        ],
        [36, 12, 12, 12, 30, 30, 22, 50],
    )
    actions = _sheet(
        book,
        _("Actions"),
        [
            _("Operational objective"),
            _("Action"),
            _("Status"),
            _("Due date"),
            _("Owner"),
        ],
        [36, 50, 14, 12, 22],
    )
    for statutory in dossier.statutory:
        objective = statutory.objective
        head = [
            statutory.number,
            objective.wording,
            objective.get_theme_display(),
            objective.get_kind_display(),
        ]
        if not statutory.operational:
            _row(objectives, head)
        for block in statutory.operational:
            operational = block.objective
            _row(
                objectives,
                [
                    *head,
                    operational.title,
                    _name(operational.owner),
                    operational.due_on,
                    operational.description,
                    "; ".join(block.questions),
                ],
            )
            for action in block.actions:
                _row(
                    actions,
                    [
                        operational.title,
                        action.title,
                        action.get_status_display(),
                        action.due_date,
                        _name(action.owner),
                    ],
                )
            for row in block.indicators:
                indicator = row.indicator
                _row(
                    indicators,
                    [
                        operational.title,
                        indicator.name,
                        indicator.unit,
                        indicator.baseline_value,
                        indicator.baseline_on,
                        indicator.target_value,
                        indicator.target_on,
                        row.latest_value,
                        row.latest_on,
                        row.state_label,
                        indicator.get_every_months_display(),
                        row.next_due,
                        _name(indicator.responsible),
                    ],
                )
                for line in row.measurements:
                    measurement = line.measurement
                    _row(
                        measurements,
                        [
                            indicator.name,
                            indicator.unit,
                            measurement.on,
                            measurement.value,
                            measurement.source,
                            measurement.note,
                            _name(measurement.recorded_by),
                            "\n".join(entry.name for entry in line.files),
                        ],
                    )
    committee = _sheet(
        book,
        _("Committee"),
        [_("Name"), _("Quality"), _("Employee of the company"), _("Member since"), _("Left on")],
        [30, 30, 14, 14, 14],
    )
    for member in dossier.members:
        _row(
            committee,
            [
                member.name,
                member.quality,
                _yes_no(member.is_employee),
                member.joined_on,
                member.left_on,
            ],
        )
    meetings = _sheet(
        book,
        _("Meetings"),
        [
            _("Date"),
            _("Place or link"),
            pgettext("committee meeting", "Present"),
            pgettext("committee meeting", "Agenda"),
            _("Minutes"),
        ],
        [12, 24, 36, 50, 80],
    )
    for meeting in sorted(dossier.meetings, key=lambda m: (m.held_on, m.pk)):
        _row(
            meetings,
            [
                meeting.held_on,
                meeting.place,
                ", ".join(member.name for member in meeting.attendees.all()),
                meeting.agenda,
                meeting.minutes,
            ],
        )
    return xlsx_bytes(book)


# The archive -----------------------------------------------------------------------


def filename(organisation, on: date) -> str:
    return f"verification-{slugify(organisation.name) or 'organisation'}-{on.isoformat()}.zip"


def write(dossier: Dossier, target, request=None) -> None:
    """Write the archive of ``dossier`` into the binary file ``target``."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(summary_name(), summary_pdf(dossier, request))
        archive.writestr(workbook_name(), workbook(dossier))
        for entry in dossier.files:
            if entry.report is not None:
                archive.writestr(entry.name, annual_report.pdf_bytes(entry.report, request))
            elif not entry.missing:
                with entry.stored.file.open("rb") as source, archive.open(entry.name, "w") as out:
                    shutil.copyfileobj(source, out, CHUNK)


def build(mission: Mission, on: date | None = None, request=None):
    """The archive as an open temporary file, at its start; whoever reads it
    closes it (a ``FileResponse`` does)."""
    target = tempfile.TemporaryFile()  # noqa: SIM115 (the response closes it)
    try:
        write(collect(mission, on), target, request)
    except BaseException:
        target.close()
        raise
    target.seek(0)
    return target
