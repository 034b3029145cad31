"""The mission's own pages: the raison d'être and the statutory objectives,
their operational objectives with indicators and measurements, and the links
of an operational objective to the plan's actions and the assessment's
questions.

Every object is read through its default manager (the person's scope) and
filtered by the organisation in the address, so another organisation's id is
a 404. Reading needs ``view_work``; changing needs ``contribute``."""

from dataclasses import dataclass
from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from levier.assessments.models import Answer, Assessment
from levier.assessments.uploads import download, stored_fields
from levier.engine.answers import earned_points, is_answered
from levier.engine.packs import is_scoreable
from levier.frameworks.services import latest_pack
from levier.mission import charts, services
from levier.mission.forms import (
    IndicatorForm,
    LinksForm,
    MeasurementForm,
    MissionForm,
    OperationalObjectiveForm,
    StatutoryObjectiveForm,
)
from levier.mission.models import (
    Indicator,
    IndicatorMeasurement,
    MeasurementEvidence,
    Mission,
    OperationalObjective,
    StatutoryObjective,
)
from levier.plans.models import Action
from levier.tenancy.views import org_view

STATES = {
    "reached": gettext_lazy("Reached"),
    "on_track": gettext_lazy("On track"),
    "behind": gettext_lazy("Behind"),
    "missed": gettext_lazy("Missed"),
    "no_data": gettext_lazy("No data yet"),
    "no_target": gettext_lazy("No target"),
}
GOOD_STATES = {"reached", "on_track"}
BAD_STATES = {"behind", "missed"}


# Reading the rows --------------------------------------------------------------


def _mission(access) -> Mission | None:
    return Mission.objects.filter(organisation=access.organisation).first()


def _objective(access, pk) -> StatutoryObjective:
    return get_object_or_404(
        StatutoryObjective.objects.select_related("mission"),
        pk=pk,
        mission__organisation=access.organisation,
    )


def _operational(access, pk) -> OperationalObjective:
    return get_object_or_404(
        OperationalObjective.objects.select_related("statutory_objective", "owner"),
        pk=pk,
        organisation=access.organisation,
    )


def _indicator(access, pk) -> Indicator:
    return get_object_or_404(
        Indicator.objects.select_related("objective__statutory_objective", "responsible"),
        pk=pk,
        objective__organisation=access.organisation,
    )


def _measurements():
    return IndicatorMeasurement.objects.select_related("recorded_by").prefetch_related("evidence")


def _operational_rows():
    """Operational objectives with what their summary needs, in a fixed
    number of queries however many there are."""
    return OperationalObjective.objects.select_related("owner").prefetch_related(
        Prefetch("indicators", queryset=Indicator.objects.prefetch_related("measurements")),
        Prefetch("actions", queryset=Action.objects.only("pk", "status", "due_date")),
    )


def _files_of(measurements) -> list:
    """The evidence files under these measurements, to delete once their rows are."""
    return [
        evidence.file
        for evidence in MeasurementEvidence.objects.filter(measurement__in=measurements)
    ]


def _delete_with_files(instance, measurements) -> None:
    files = _files_of(measurements)
    with transaction.atomic():
        instance.delete()
        for file in files:
            transaction.on_commit(lambda file=file: file.delete(save=False))


# An indicator's standing --------------------------------------------------------


@dataclass(frozen=True)
class IndicatorRow:
    """An indicator as the pages show it: latest value against target,
    progress, state, and when the next measurement is due."""

    indicator: Indicator
    standing: object
    next_due: date | None
    today: date

    @property
    def state(self) -> str:
        return self.standing.state

    @property
    def state_label(self) -> str:
        return STATES[self.state]

    @property
    def tone(self) -> str:
        if self.state in GOOD_STATES:
            return "good"
        return "bad" if self.state in BAD_STATES else "neutral"

    @property
    def latest_text(self) -> str | None:
        latest = self.standing.latest
        return None if latest is None else charts.value_text(latest.value)

    @property
    def percent(self) -> int | None:
        """Progress from baseline to target, in whole percent (may pass 100)."""
        if self.standing.progress is None:
            return None
        return round(self.standing.progress * 100)

    @property
    def bar(self) -> int | None:
        """The same, kept within 0-100 for a progress bar."""
        return None if self.percent is None else min(100, max(0, self.percent))

    @property
    def is_overdue(self) -> bool:
        return self.next_due is not None and self.next_due < self.today

    def text(self, value) -> str:
        return "—" if value is None else charts.value_text(value)

    @property
    def target_text(self) -> str:
        return self.text(self.indicator.target_value)

    @property
    def baseline_text(self) -> str:
        return self.text(self.indicator.baseline_value)


def indicator_row(indicator, measurements=None, today=None) -> IndicatorRow:
    today = today or services.today()
    rows = list(indicator.measurements.all() if measurements is None else measurements)
    return IndicatorRow(
        indicator,
        services.standing(indicator, rows, today),
        services.next_measurement(indicator, rows),
        today,
    )


def _summarise(operational, today) -> None:
    """Attach the rows a summary shows to a prefetched operational objective."""
    operational.rows = [indicator_row(i, today=today) for i in operational.indicators.all()]
    actions = list(operational.actions.all())
    operational.actions_total = len(actions)
    operational.actions_done = sum(1 for a in actions if a.status == Action.Status.DONE)


@dataclass(frozen=True)
class IndicatorsSummary:
    """All the mission's indicators at a glance: how many stand in each
    state, how many measurements are late and when the next one is due."""

    total: int
    states: list  # (label, count, tone) of the states some indicator is in
    overdue: int
    next_due: date | None


def _indicators_summary(objectives) -> IndicatorsSummary:
    rows = [
        row
        for objective in objectives
        for operational in objective.operational.all()
        for row in operational.rows
    ]
    counts = {state: sum(1 for row in rows if row.state == state) for state in STATES}
    states = [
        (
            STATES[state],
            count,
            "good" if state in GOOD_STATES else "bad" if state in BAD_STATES else "neutral",
        )
        for state, count in counts.items()
        if count
    ]
    upcoming = [row.next_due for row in rows if row.next_due and not row.is_overdue]
    return IndicatorsSummary(
        total=len(rows),
        states=states,
        overdue=sum(1 for row in rows if row.is_overdue),
        next_due=min(upcoming, default=None),
    )


# The mission ----------------------------------------------------------------------


@org_view("view_work")
def overview(request, access):
    organisation = access.organisation
    mission = (
        Mission.objects.filter(organisation=organisation)
        .prefetch_related(
            "verifications",
            "committee",
            Prefetch(
                "objectives",
                queryset=StatutoryObjective.objects.prefetch_related(
                    Prefetch("operational", queryset=_operational_rows())
                ),
            ),
        )
        .first()
    )
    context = {"access": access, "organisation": organisation, "mission": mission}
    if mission is not None:
        today = services.today()
        objectives = list(mission.objectives.all())
        for objective in objectives:
            for operational in objective.operational.all():
                _summarise(operational, today)
        context.update(
            objectives=objectives,
            indicators=_indicators_summary(objectives),
            calendar=services.verification_calendar(mission, on=today),
            committee_problems=services.committee_problems(mission, on=today),
            report=services.report_due(mission, on=today),
            today=today,
        )
    return render(request, "mission/overview.html", context)


@org_view("contribute")
def mission_edit(request, access):
    organisation = access.organisation
    mission = _mission(access)
    creating = mission is None
    initial = {"permanent_employees": organisation.headcount} if creating else {}
    form = MissionForm(
        request.POST or None,
        instance=mission or Mission(organisation=organisation),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(
            request,
            _("The mission is defined: add its statutory objectives.")
            if creating
            else _("The mission is saved."),
        )
        return redirect("mission", organisation.slug)
    return render(
        request,
        "mission/mission_form.html",
        {"access": access, "organisation": organisation, "form": form, "creating": creating},
        status=400 if form.errors else 200,
    )


# Statutory objectives ---------------------------------------------------------------


@org_view("contribute")
def objective_new(request, access):
    organisation = access.organisation
    mission = _mission(access)
    if mission is None:
        messages.info(request, _("Define the mission first: its raison d'être comes before."))
        return redirect("mission_edit", organisation.slug)
    highest = mission.objectives.aggregate(top=Max("position"))["top"]
    form = StatutoryObjectiveForm(
        request.POST or None,
        instance=StatutoryObjective(mission=mission),
        initial={"position": 1 if highest is None else highest + 1},
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The statutory objective is added."))
        return redirect("mission", organisation.slug)
    return _objective_form(request, access, form, None)


@org_view("contribute")
def objective_edit(request, access, pk):
    objective = _objective(access, pk)
    form = StatutoryObjectiveForm(request.POST or None, instance=objective)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The statutory objective is saved."))
        return redirect("mission", access.organisation.slug)
    return _objective_form(request, access, form, objective)


def _objective_form(request, access, form, objective):
    return render(
        request,
        "mission/objective_form.html",
        {
            "access": access,
            "organisation": access.organisation,
            "form": form,
            "objective": objective,
        },
        status=400 if form.errors else 200,
    )


def _confirm_delete(request, access, *, title, question, consequences, back):
    return render(
        request,
        "mission/objective_delete.html",
        {
            "access": access,
            "organisation": access.organisation,
            "title": title,
            "question": question,
            "consequences": consequences,
            "back": back,
        },
    )


def _measurements_lost(count: int) -> str:
    return ngettext(
        "%(count)s measurement, with its evidence, is deleted.",
        "%(count)s measurements, with their evidence, are deleted.",
        count,
    ) % {"count": count}


@org_view("contribute")
def objective_delete(request, access, pk):
    objective = _objective(access, pk)
    organisation = access.organisation
    measurements = IndicatorMeasurement.objects.filter(
        indicator__objective__statutory_objective=objective
    )
    if request.method != "POST":
        operational = objective.operational.count()
        return _confirm_delete(
            request,
            access,
            title=_("Delete the statutory objective"),
            question=_("Delete the statutory objective “%(objective)s”? This cannot be undone.")
            % {"objective": objective.wording},
            consequences=[
                ngettext(
                    "Its %(count)s operational objective and its indicators are deleted.",
                    "Its %(count)s operational objectives and their indicators are deleted.",
                    operational,
                )
                % {"count": operational},
                _measurements_lost(measurements.count()),
            ],
            back=reverse("mission", args=[organisation.slug]) + f"#objective-{objective.pk}",
        )
    _delete_with_files(objective, measurements)
    messages.success(request, _("The statutory objective is deleted."))
    return redirect("mission", organisation.slug)


# Operational objectives ---------------------------------------------------------------


@org_view("contribute")
def operational_new(request, access, pk):
    objective = _objective(access, pk)
    organisation = access.organisation
    highest = objective.operational.aggregate(top=Max("position"))["top"]
    form = OperationalObjectiveForm(
        request.POST or None,
        instance=OperationalObjective(
            organisation=organisation,
            statutory_objective=objective,
            position=0 if highest is None else highest + 1,
        ),
        organisation=organisation,
    )
    if request.method == "POST" and form.is_valid():
        operational = form.save()
        messages.success(request, _("The operational objective is added: give it indicators."))
        return redirect("mission_operational", organisation.slug, operational.pk)
    return render(
        request,
        "mission/operational_form.html",
        {
            "access": access,
            "organisation": organisation,
            "form": form,
            "objective": objective,
            "operational": None,
        },
        status=400 if form.errors else 200,
    )


@org_view("view_work")
def operational_detail(request, access, pk):
    operational = get_object_or_404(
        _operational_rows().select_related("statutory_objective"),
        pk=pk,
        organisation=access.organisation,
    )
    today = services.today()
    _summarise(operational, today)
    organisation = access.organisation
    return render(
        request,
        "mission/operational_detail.html",
        {
            "access": access,
            "organisation": organisation,
            "operational": operational,
            "objective": operational.statutory_objective,
            "actions": Action.objects.filter(mission_objectives=operational)
            .select_related("owner")
            .order_by("due_date", "pk")
            if operational.actions_total
            else [],
            "questions": question_rows(organisation, operational.questions),
            "today": today,
        },
    )


@org_view("contribute")
def operational_edit(request, access, pk):
    operational = _operational(access, pk)
    organisation = access.organisation
    form = OperationalObjectiveForm(
        request.POST or None, instance=operational, organisation=organisation
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The operational objective is saved."))
        return redirect("mission_operational", organisation.slug, operational.pk)
    return render(
        request,
        "mission/operational_form.html",
        {
            "access": access,
            "organisation": organisation,
            "form": form,
            "objective": operational.statutory_objective,
            "operational": operational,
        },
        status=400 if form.errors else 200,
    )


@org_view("contribute")
def operational_delete(request, access, pk):
    operational = _operational(access, pk)
    organisation = access.organisation
    measurements = IndicatorMeasurement.objects.filter(indicator__objective=operational)
    if request.method != "POST":
        return _confirm_delete(
            request,
            access,
            title=_("Delete the operational objective"),
            question=_(
                "Delete the operational objective “%(objective)s” and its indicators? "
                "This cannot be undone."
            )
            % {"objective": operational.title},
            consequences=[
                _measurements_lost(measurements.count()),
                _("The linked actions stay in the plan."),
            ],
            back=reverse("mission_operational", args=[organisation.slug, operational.pk]),
        )
    _delete_with_files(operational, measurements)
    messages.success(request, _("The operational objective is deleted."))
    return redirect("mission", organisation.slug)


# Links to the plan and the assessment -------------------------------------------------


def _pack_text(text) -> str:
    return text.get(get_language() or "fr") if text else ""


def question_groups(assessment) -> tuple[str, list]:
    """The questions of an assessment's framework, by theme:
    (framework code, [(theme title, [(value, code, text)])])."""
    code = assessment.framework_version.framework.code
    groups = [
        (
            _pack_text(theme.title),
            [(f"{code}:{q.code}", q.code, _pack_text(q.text)) for q in theme.questions],
        )
        for theme in assessment.pack.themes
    ]
    return code, groups


def question_rows(organisation, pairs) -> list[dict]:
    """For each linked [framework, question]: the question's text and the
    organisation's answer in its latest submitted assessment of that
    framework, with the answer's score (0-100) when the question scores."""
    if not pairs:
        return []
    latest = {}
    submitted = (
        Assessment.objects.filter(organisation=organisation, status=Assessment.Status.SUBMITTED)
        .select_related("framework_version__framework")
        .order_by("-submitted_at")
    )
    for assessment in submitted:
        latest.setdefault(assessment.framework_version.framework.code, assessment)
    rows = []
    for framework in dict.fromkeys(fw for fw, _code in pairs):
        codes = [code for fw, code in pairs if fw == framework]
        assessment = latest.get(framework)
        pack = assessment.pack if assessment else latest_pack(framework)
        answers = {}
        if assessment:
            answers = {
                a.question_code: a
                for a in Answer.objects.filter(assessment=assessment, question_code__in=codes)
            }
        for code in codes:
            question = None
            if pack is not None:
                try:
                    question = pack.question(code)
                except KeyError:
                    question = None
            answer = answers.get(code)
            levels = []
            if answer and question:
                levels = [lvl for lvl in (question.level(c) for c in answer.levels) if lvl]
            rows.append(
                {
                    "framework": framework,
                    "code": code,
                    "question": question,
                    "assessment": assessment,
                    "answer": answer,
                    "levels": levels,
                    "score": _question_score(question, answer),
                }
            )
    return rows


def _question_score(question, answer) -> float | None:
    """The answer's points out of the question's best, 0-100, as the
    assessment's scoring counts them; None when it does not score."""
    if question is None or answer is None or not is_scoreable(question):
        return None
    given = answer.to_engine()
    if not is_answered(question, given):
        return None
    return 100 * earned_points(question, given) / question.max_points


@org_view("contribute")
def operational_links(request, access, pk):
    operational = _operational(access, pk)
    organisation = access.organisation
    latest = (
        Assessment.objects.filter(organisation=organisation)
        .select_related("framework_version__framework")
        .order_by("-created_at")
        .first()
    )
    framework, groups = question_groups(latest) if latest else (None, [])
    choices = [(value, f"{code} {text}") for _t, rows in groups for value, code, text in rows]
    linked = [list(pair) for pair in operational.questions]
    # Questions of another framework stay linked: this page edits the current one's.
    kept = [pair for pair in linked if pair[0] != framework]
    form = LinksForm(
        request.POST or None,
        actions=Action.objects.filter(organisation=organisation).order_by("status", "title"),
        question_choices=choices,
        initial={
            "actions": list(operational.actions.all()),
            "questions": [f"{fw}:{code}" for fw, code in linked if fw == framework],
        },
    )
    if request.method == "POST" and form.is_valid():
        chosen = [value.split(":", 1) for value in form.cleaned_data["questions"]]
        operational.questions = kept + chosen
        with transaction.atomic():
            operational.save(update_fields=["questions"])
            operational.actions.set(form.cleaned_data["actions"])
        messages.success(request, _("The links are saved."))
        return redirect("mission_operational", organisation.slug, operational.pk)
    checked = set(form["questions"].value() or [])
    return render(
        request,
        "mission/operational_links.html",
        {
            "access": access,
            "organisation": organisation,
            "operational": operational,
            "form": form,
            "assessment": latest,
            "groups": [
                (
                    title,
                    [(value, code, text, value in checked) for value, code, text in rows],
                    any(value in checked for value, _c, _t in rows),
                )
                for title, rows in groups
            ],
            "kept": question_rows(organisation, kept),
        },
        status=400 if form.errors else 200,
    )


# Indicators ------------------------------------------------------------------------


@org_view("contribute")
def indicator_new(request, access, pk):
    operational = _operational(access, pk)
    organisation = access.organisation
    highest = operational.indicators.aggregate(top=Max("position"))["top"]
    form = IndicatorForm(
        request.POST or None,
        instance=Indicator(objective=operational, position=0 if highest is None else highest + 1),
        organisation=organisation,
    )
    if request.method == "POST" and form.is_valid():
        indicator = form.save()
        messages.success(request, _("The indicator is added: record its first measurement."))
        return redirect("mission_indicator", organisation.slug, indicator.pk)
    return render(
        request,
        "mission/indicator_form.html",
        {
            "access": access,
            "organisation": organisation,
            "form": form,
            "operational": operational,
            "indicator": None,
        },
        status=400 if form.errors else 200,
    )


@org_view("view_work")
def indicator_detail(request, access, pk):
    indicator = _indicator(access, pk)
    organisation = access.organisation
    form = MeasurementForm(initial={"on": services.today()})
    if request.method == "POST":
        if not access.can_contribute:
            raise PermissionDenied
        form = MeasurementForm(request.POST, request.FILES)
        if form.is_valid():
            with transaction.atomic():
                measurement = form.save(commit=False)
                measurement.indicator = indicator
                measurement.recorded_by = request.user
                measurement.save()
                upload = form.cleaned_data.get("evidence")
                if upload:
                    MeasurementEvidence.objects.create(
                        measurement=measurement, **stored_fields(upload, request.user)
                    )
            messages.success(request, _("The measurement is recorded."))
            return redirect("mission_indicator", organisation.slug, indicator.pk)
    measurements = list(_measurements().filter(indicator=indicator))
    for measurement in measurements:
        measurement.text = charts.value_text(measurement.value)
    row = indicator_row(indicator, measurements)
    return render(
        request,
        "mission/indicator_detail.html",
        {
            "access": access,
            "organisation": organisation,
            "indicator": indicator,
            "operational": indicator.objective,
            "row": row,
            "measurements": measurements,
            "chart": trend(indicator, measurements),
            "form": form,
        },
        status=400 if form.errors else 200,
    )


def trend(indicator, measurements) -> str:
    def pair(on, value):
        return (on, value) if on is not None and value is not None else None

    return charts.trend_chart(
        unit=indicator.unit,
        baseline=pair(indicator.baseline_on, indicator.baseline_value),
        target=pair(indicator.target_on, indicator.target_value),
        measurements=[(m.on, m.value) for m in measurements],
        title=_("Trend of “%(indicator)s” (%(unit)s)")
        % {"indicator": indicator.name, "unit": indicator.unit},
    )


@org_view("contribute")
def indicator_edit(request, access, pk):
    indicator = _indicator(access, pk)
    organisation = access.organisation
    form = IndicatorForm(request.POST or None, instance=indicator, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The indicator is saved."))
        return redirect("mission_indicator", organisation.slug, indicator.pk)
    return render(
        request,
        "mission/indicator_form.html",
        {
            "access": access,
            "organisation": organisation,
            "form": form,
            "operational": indicator.objective,
            "indicator": indicator,
        },
        status=400 if form.errors else 200,
    )


@org_view("contribute")
def indicator_delete(request, access, pk):
    indicator = _indicator(access, pk)
    organisation = access.organisation
    measurements = IndicatorMeasurement.objects.filter(indicator=indicator)
    if request.method != "POST":
        return _confirm_delete(
            request,
            access,
            title=_("Delete the indicator"),
            question=_("Delete the indicator “%(indicator)s”? This cannot be undone.")
            % {"indicator": indicator.name},
            consequences=[_measurements_lost(measurements.count())],
            back=reverse("mission_indicator", args=[organisation.slug, indicator.pk]),
        )
    operational = indicator.objective
    _delete_with_files(indicator, measurements)
    messages.success(request, _("The indicator is deleted."))
    return redirect("mission_operational", organisation.slug, operational.pk)


@org_view("contribute")
@require_POST
def measurement_delete(request, access, pk):
    measurement = get_object_or_404(
        IndicatorMeasurement, pk=pk, indicator__objective__organisation=access.organisation
    )
    indicator_pk = measurement.indicator_id
    _delete_with_files(measurement, [measurement])
    messages.success(request, _("The measurement is deleted."))
    return redirect("mission_indicator", access.organisation.slug, indicator_pk)


@org_view("view_work")
def evidence_download(request, access, pk):
    evidence = get_object_or_404(
        MeasurementEvidence,
        pk=pk,
        measurement__indicator__objective__organisation=access.organisation,
    )
    return download(evidence)
