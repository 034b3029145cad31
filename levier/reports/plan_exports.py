"""An action plan as a spreadsheet, for a board, a coach or a funder."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, prefetch_related_objects
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from levier.assessments.models import Assessment
from levier.lib.spreadsheets import append_row, xlsx_bytes
from levier.plans.models import Action, ActionEvidence


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


@dataclass(frozen=True)
class IndicatorProgress:
    """An action's indicator: where it started, where it aims, its latest measurement."""

    name: str
    unit: str
    baseline: float | None
    target: float | None
    latest: float | None
    measured_on: date | None

    @property
    def percent(self) -> int | None:
        """The share of the way from baseline to target covered, 0 to 100."""
        if None in (self.baseline, self.target, self.latest) or self.target == self.baseline:
            return None
        share = (self.latest - self.baseline) / (self.target - self.baseline)
        return round(100 * min(1.0, max(0.0, share)))


@dataclass(frozen=True)
class OwnerLoad:
    name: str
    open: int
    overdue: int
    done: int


@dataclass(frozen=True)
class ActionGroup:
    title: str
    actions: list


# Open work first, then what is done; the most urgent first inside each.
_STATUS_ORDER = {"in_progress": 0, "todo": 1, "done": 2, "dropped": 3}
_PRIORITY_ORDER = {"high": 0, "medium": 1, "low": 2}


def _sort_key(action):
    return (
        _STATUS_ORDER[action.status],
        _PRIORITY_ORDER.get(action.priority, 1),
        action.due_date is None,
        action.due_date or date.min,
        action.pk,
    )


def _indicator(action) -> IndicatorProgress | None:
    if not action.indicator_name:
        return None
    measurements = list(action.measurements.all())
    latest = measurements[-1] if measurements else None
    return IndicatorProgress(
        action.indicator_name,
        action.indicator_unit,
        action.indicator_baseline,
        action.indicator_target,
        latest.value if latest else None,
        latest.date if latest else None,
    )


def _groups(counted, pack, language) -> list[ActionGroup]:
    """The counted actions by theme, in the framework's order; actions tied to no
    theme (added by hand) come last under one heading."""
    by_theme: dict[str, list] = {}
    for action in counted:
        by_theme.setdefault(action.theme_code, []).append(action)
    groups = []
    for theme in pack.themes if pack else ():
        if theme.code in by_theme:
            actions = sorted(by_theme.pop(theme.code), key=_sort_key)
            groups.append(ActionGroup(theme.title.get(language), actions))
    rest = sorted((a for actions in by_theme.values() for a in actions), key=_sort_key)
    if rest:
        groups.append(ActionGroup(_("Other actions") if groups else _("Actions"), rest))
    return groups


def _owners(counted, today) -> list[OwnerLoad]:
    loads: dict[str, list] = {}
    for action in counted:
        name = action.owner.display_name if action.owner else _("No owner")
        loads.setdefault(name, []).append(action)
    rows = [
        OwnerLoad(
            name,
            open=sum(1 for a in actions if a.is_open),
            overdue=sum(1 for a in actions if a.is_open and a.due_date and a.due_date < today),
            done=sum(1 for a in actions if a.status == Action.Status.DONE),
        )
        for name, actions in loads.items()
    ]
    return sorted(rows, key=lambda row: (-row.open, row.name))


def _since_assessment(organisation, counted) -> dict | None:
    """What moved since the organisation's latest submitted assessment."""
    latest = (
        organisation.assessments.filter(status=Assessment.Status.SUBMITTED)
        .select_related("framework_version")
        .order_by("-submitted_at")
        .first()
    )
    if latest is None or latest.submitted_at is None:
        return None
    since = latest.submitted_at
    return {
        "assessment": latest,
        "done": sum(1 for a in counted if a.completed_at and a.completed_at >= since),
        "added": sum(1 for a in counted if a.created_at >= since),
        "measurements": sum(
            1 for a in counted for m in a.measurements.all() if m.date >= since.date()
        ),
    }


def plan_document(context, today: date, language: str) -> dict:
    """What the plan's PDF shows beyond the plan pages' context: the actions by
    theme with their indicator and evidence, and the summary's figures."""
    organisation = context["organisation"]
    everything = context["everything"]
    prefetch_related_objects(everything, "measurements")
    evidence = dict(
        ActionEvidence.objects.filter(action__organisation=organisation)
        .values("action_id")
        .annotate(count=Count("pk"))
        .values_list("action_id", "count")
    )
    for action in everything:
        action.evidence_count = evidence.get(action.pk, 0)
        action.indicator = _indicator(action)
    counted = [a for a in everything if a.status != Action.Status.DROPPED]
    baseline = context["baseline"]
    upcoming = sorted(
        (a for a in counted if a.is_open and a.due_date), key=lambda a: (a.due_date, a.pk)
    )
    return {
        "groups": _groups(counted, baseline.pack if baseline else None, language),
        "by_status": [
            (label, sum(1 for a in everything if a.status == status))
            for status, label in Action.Status.choices
        ],
        "open_count": sum(1 for a in counted if a.is_open),
        "undated_open": sum(1 for a in counted if a.is_open and a.due_date is None),
        "next_deadlines": upcoming[:5],
        "owners": _owners(counted, today)[:8],
        "since": _since_assessment(organisation, counted),
        "today": today,
    }
