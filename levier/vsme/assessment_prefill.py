"""What an organisation's VSME report already says for the figures the Levier
360 assessment asks, offered on the assessment as suggestions to confirm (a
person chooses to use one; nothing is answered silently), like the carbon
inventory's (``levier.carbon.prefill``).

Only datapoints a person confirmed count, from the organisation's report of
the latest period. Each figure is computed as the question defines it:

- SOC-EMP-01, share of permanent contracts: B8's permanent contract employees
  over its employees counted by gender;
- SOC-EMP-11 (from version 2), staff turnover: B8's turnover rate, as the
  standard defines it (``extra.turnover_rate``);
- SOC-SKL-01, average training hours: B10's hours per employee of each
  gender, weighted by B8's employees of that gender;
- GOV-PUR-11 (from version 2), women in the governing body: C9's female
  members over all its members.

A question the assessment's version does not ask gets no suggestion.
"""

from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from levier.vsme import extra
from levier.vsme.models import Datapoint, VsmeReport

FRAMEWORK = "levier-360"
PERMANENT, TURNOVER, TRAINING, WOMEN_ON_BOARD = (
    "SOC-EMP-01",
    "SOC-EMP-11",
    "SOC-SKL-01",
    "GOV-PUR-11",
)
# B8's employees by gender and B10's training hours of the same people.
GENDERS = (
    ("NumberOfMaleEmployees", "AverageNumberOfAnnualTrainingHoursPerMaleEmployee"),
    ("NumberOfFemaleEmployees", "AverageNumberOfAnnualTrainingHoursPerFemaleEmployee"),
    ("NumberOfOtherGenderEmployees", "AverageNumberOfAnnualTrainingHoursPerOtherGenderEmployee"),
    (
        "NumberOfNonReportedGenderEmployees",
        "AverageNumberOfAnnualTrainingHoursPerNonReportedGenderEmployee",
    ),
)


@dataclass(frozen=True)
class Suggestion:
    question_code: str
    value: float
    value_text: str
    explanation: str
    report: VsmeReport
    levels: tuple[str, ...] = ()


def _number(values: dict, code: str) -> float | None:
    value = values.get(code)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def employees(values: dict) -> float | None:
    counts = [_number(values, count) for count, _hours in GENDERS]
    given = [count for count in counts if count is not None]
    return sum(given) if given else None


def permanent_share(values: dict) -> float | None:
    permanent, total = _number(values, "NumberOfPermanentContractEmployees"), employees(values)
    if permanent is None or not total:
        return None
    return min(100.0, permanent / total * 100)


def training_hours(values: dict) -> float | None:
    """Hours per employee over all employees; None when a gender with
    employees has no hours given."""
    people = hours = 0.0
    for count_code, hours_code in GENDERS:
        count = _number(values, count_code)
        if not count:
            continue
        per_person = _number(values, hours_code)
        if per_person is None:
            return None
        people += count
        hours += count * per_person
    return hours / people if people else None


def women_on_board(values: dict) -> float | None:
    if values.get(extra.HAS_BOARD) is False:
        return None
    female = _number(values, extra.FEMALE_BOARD)
    male = _number(values, extra.MALE_BOARD)
    if female is None or male is None or not (female + male):
        return None
    return female / (female + male) * 100


def latest_report(organisation) -> VsmeReport | None:
    return (
        VsmeReport.objects.filter(organisation=organisation).order_by("-period_end", "-pk").first()
    )


def confirmed_values(report: VsmeReport) -> dict:
    return dict(
        Datapoint.objects.filter(
            report=report, state=Datapoint.State.CONFIRMED, value__isnull=False
        ).values_list("code", "value")
    )


def _text(value: float, percent: bool) -> str:
    shown = number_format(round(value, 1), use_l10n=True, force_grouping=True)
    return _("%(value)s%%") % {"value": shown} if percent else shown


def suggestions(assessment) -> dict[str, Suggestion]:
    """The VSME suggestions for the assessment's figures, by question code;
    none for another framework or without a VSME report. Two queries at most."""
    if assessment.framework_version.framework.code != FRAMEWORK:
        return {}
    report = latest_report(assessment.organisation)
    if report is None:
        return {}
    values = confirmed_values(report)
    asked = {question.code for question in assessment.pack.questions}
    period = {"end": report.period_end.year}
    figures = (
        (
            PERMANENT,
            permanent_share(values),
            True,
            _(
                "From your VSME report %(end)s (B8): employees on permanent contracts "
                "over all employees."
            ),
        ),
        (
            TURNOVER,
            extra.turnover_rate(values),
            True,
            _(
                "From your VSME report %(end)s (B8): employees who left over the average "
                "number of employees."
            ),
        ),
        (
            TRAINING,
            training_hours(values),
            False,
            _(
                "From your VSME report %(end)s (B10): training hours per employee, "
                "weighted by the number of employees of each gender (B8)."
            ),
        ),
        (
            WOMEN_ON_BOARD,
            women_on_board(values),
            True,
            _("From your VSME report %(end)s (C9): women among the governance body's members."),
        ),
    )
    found = {}
    for code, value, percent, explanation in figures:
        if code in asked and value is not None:
            value = round(value, 1)
            found[code] = Suggestion(
                code, value, _text(value, percent), explanation % period, report
            )
    return found


def shown(found: dict[str, Suggestion], answers) -> dict[str, Suggestion]:
    """The suggestions worth showing: those that differ from the stored
    answer, or whose answer was carried over and is still to confirm."""
    return {
        code: suggestion
        for code, suggestion in found.items()
        if (stored := answers.get(code)) is None
        or stored.to_confirm
        or stored.not_applicable
        or stored.value != suggestion.value
    }
