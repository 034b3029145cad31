"""Business rules of action plans: adding actions, editing without lost
updates, progress, and the score the plan leads to."""

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import get_language

from levier.api import webhooks
from levier.assessments import services as assessments
from levier.assessments.models import Assessment
from levier.engine.answers import Answer as EngineAnswer
from levier.engine.packs import MULTIPLE_CHOICE, Question
from levier.engine.suggestions import plan_projection
from levier.engine.whatif import band_value, what_if_path
from levier.plans import suggesting
from levier.plans.models import Action, ActionUpdate

DUE_IN_DAYS = {"low": 30, "medium": 90, "high": 180}


def target_answer(question: Question, current: EngineAnswer | None, level_code: str):
    """The answer that reaches ``level_code``: for a multiple choice, the option
    added to what is already chosen; for a number, a value inside the band."""
    level = question.level(level_code)
    if level is None:
        return None
    if question.type == MULTIPLE_CHOICE:
        kept = set(current.levels) if current and not current.na else set()
        if level.exclusive:
            return EngineAnswer.of(level_code)
        kept = {code for code in kept if not question.level(code).exclusive}
        return EngineAnswer(levels=frozenset(kept | {level_code}))
    if question.is_numeric:
        return EngineAnswer.of_value(band_value(question, level))
    return EngineAnswer.of(level_code)


def baseline_assessment(organisation) -> Assessment | None:
    """The assessment a plan starts from: the latest submitted one, else the
    one in progress."""
    latest = organisation.assessments.select_related("framework_version__framework")
    return (
        latest.filter(status=Assessment.Status.SUBMITTED).order_by("-submitted_at").first()
        or latest.order_by("-created_at").first()
    )


@transaction.atomic
def add_action(organisation, user, **fields) -> Action:
    action = Action.objects.create(
        organisation=organisation, created_by=user, updated_by=user, **fields
    )
    ActionUpdate.objects.create(action=action, author=user, status=action.status)
    return action


def add_from_suggestion(organisation, assessment, suggestion, practice, user, owner=None):
    question = assessment.pack.question(suggestion.question_code)
    title = practice.display_title if practice else question.text.get(get_language() or "fr")
    effort = practice.effort if practice else "medium"
    return add_action(
        organisation,
        user,
        title=title[:200],
        description=practice.display_summary if practice else "",
        practice=practice,
        assessment=assessment,
        question_code=question.code,
        target_level=suggestion.target_level,
        theme_code=question.theme_code,
        pillar_code=question.pillar_code,
        projected_gain=suggestion.gain.overall,
        owner=owner,
        due_date=timezone.localdate() + timedelta(days=DUE_IN_DAYS.get(effort, 90)),
        priority=Action.Priority.HIGH
        if (suggestion.gain.overall or 0) >= 1
        else Action.Priority.MEDIUM,
    )


def add_practice(organisation, practice, user) -> tuple[Action, bool]:
    """A good practice as an action of the organisation's plan, from the
    practice's page. When the organisation's assessment suggests it, the
    action is the suggestion's, with its exact projected gain (as from where
    to start); otherwise a plain action drawn from the practice. A practice
    already in the plan (and not dropped) is not added twice: that action is
    returned with ``False``."""
    existing = (
        Action.objects.filter(organisation=organisation, practice=practice)
        .exclude(status=Action.Status.DROPPED)
        .first()
    )
    if existing is not None:
        return existing, False
    assessment = baseline_assessment(organisation)
    if assessment is not None:
        found, _practices = suggesting.suggestions(assessment)
        for suggestion in found:
            if any(int(option.practice_id) == practice.pk for option in suggestion.practices):
                action = add_from_suggestion(organisation, assessment, suggestion, practice, user)
                return action, True
    action = add_action(
        organisation,
        user,
        title=practice.display_title[:200],
        description=practice.display_summary,
        practice=practice,
        due_date=timezone.localdate() + timedelta(days=DUE_IN_DAYS.get(practice.effort, 90)),
    )
    return action, True


class StaleAction(Exception):
    """Someone changed the action since it was opened; ``current`` is theirs."""

    def __init__(self, current: Action):
        self.current = current
        super().__init__(f"action {current.pk} changed since it was opened")


def update_action(action: Action, fields: dict, user, based_on_version: int) -> Action:
    """Save the edited fields unless the action changed since ``based_on_version``."""
    previous_status = action.status
    changes = dict(fields)
    if changes.get("status") == Action.Status.DONE and previous_status != Action.Status.DONE:
        changes["completed_at"] = timezone.now()
    elif "status" in changes and changes["status"] != Action.Status.DONE:
        changes["completed_at"] = None
    with transaction.atomic():
        updated = Action.objects.filter(pk=action.pk, version=based_on_version).update(
            version=F("version") + 1, updated_at=timezone.now(), updated_by=user, **changes
        )
        if not updated:
            raise StaleAction(Action.objects.get(pk=action.pk))
        if "status" in changes and changes["status"] != previous_status:
            ActionUpdate.objects.create(action=action, author=user, status=changes["status"])
    action.refresh_from_db()
    if changes.get("status") == Action.Status.DONE and previous_status != Action.Status.DONE:
        webhooks.fire(
            "action.done",
            organisation=action.organisation_id,
            payload=webhooks.action_data(action),
        )
    return action


@dataclass(frozen=True)
class PlanProgress:
    done: int
    total: int
    projected: float
    realised: float

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


def progress(actions, realised: dict[int, float | None]) -> PlanProgress:
    """Done versus total (dropped actions aside), realised versus projected gain."""
    counted = [a for a in actions if a.status != Action.Status.DROPPED]
    return PlanProgress(
        done=sum(1 for a in counted if a.status == Action.Status.DONE),
        total=len(counted),
        projected=sum(a.projected_gain or 0 for a in counted),
        realised=sum(realised.get(a.pk) or 0 for a in counted),
    )


@dataclass(frozen=True)
class Projection:
    before: float | None
    after: float | None
    assessment: Assessment | None


def answers_of(assessment: Assessment, known: dict | None = None) -> dict:
    """An assessment's engine answers, read once per ``known`` (a page's memory,
    by assessment: the plan reads its baseline for the projection and again as
    the latest submitted one for the realised gains)."""
    if known is None:
        return assessments.engine_answers(assessments.stored_answers(assessment))
    if assessment.pk not in known:
        known[assessment.pk] = assessments.engine_answers(assessments.stored_answers(assessment))
    return known[assessment.pk]


def projection(assessment: Assessment | None, actions, known: dict | None = None) -> Projection:
    """The overall score, from the plan's baseline assessment, if every open or
    done action reached its target, each question counted once (its best target);
    ``known`` as for `answers_of`."""
    if assessment is None:
        return Projection(None, None, None)
    pack = assessment.pack
    answers = answers_of(assessment, known)
    targets = []
    for action in actions:
        if action.status == Action.Status.DROPPED or not action.question_code:
            continue
        try:
            question = pack.question(action.question_code)
        except KeyError:
            continue
        target = target_answer(question, answers.get(question.code), action.target_level)
        if target is not None:
            targets.append((question.code, target))
    projected = plan_projection(pack, assessment.profile, answers, targets)
    return Projection(projected.overall_before, projected.overall_after, assessment)


def realised_gains(organisation, actions, known: dict | None = None) -> dict[int, float | None]:
    """Per action, the overall points its question gained between the assessment
    it came from and the organisation's latest submitted assessment; ``known`` as
    for `answers_of`."""
    latest = (
        organisation.assessments.filter(status=Assessment.Status.SUBMITTED)
        .select_related("framework_version__framework")
        .order_by("-submitted_at")
        .first()
    )
    gains: dict[int, float | None] = {}
    if latest is None:
        return gains
    known = {} if known is None else known
    latest_answers = answers_of(latest, known)
    baselines: dict[int, tuple] = {}
    for action in actions:
        base = action.assessment
        if (
            base is None
            or not action.question_code
            or base.pk == latest.pk
            or base.framework_version.framework_id != latest.framework_version.framework_id
            or base.created_at >= latest.created_at
        ):
            continue
        if base.pk not in baselines:
            baselines[base.pk] = answers_of(base, known)
        now = latest_answers.get(action.question_code)
        if now is None:
            continue
        try:
            gain = what_if_path(
                base.pack,
                base.profile,
                baselines[base.pk],
                action.question_code,
                now,
                latest_answers,
            )
        except (KeyError, ValueError):
            continue
        gains[action.pk] = gain.overall
    return gains
