"""Business rules of assessments: starting, answering without lost updates,
submitting and reopening."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from levier.accounts.models import Organisation
from levier.api import webhooks
from levier.assessments.models import (
    Answer,
    Assessment,
    AssessmentEvent,
    ScoreLine,
    ScoreSnapshot,
)
from levier.engine import scoring
from levier.engine.answers import Answer as EngineAnswer
from levier.engine.answers import validate_answer
from levier.engine.impact import question_gains
from levier.engine.packs import TEXT, Question
from levier.engine.profile import applies, exclusion_reason


class AssessmentLocked(Exception):
    """A submitted assessment takes no answer until an admin reopens it."""


@transaction.atomic
def start(organisation, framework_version, period: str, user) -> Assessment:
    """A new assessment, its answers pre-filled from the previous one of the same
    framework and marked "to confirm"."""
    previous = (
        organisation.assessments.filter(
            framework_version__framework_id=framework_version.framework_id,
            status=Assessment.Status.SUBMITTED,
        )
        .order_by("-submitted_at")
        .first()
    )
    assessment = Assessment.objects.create(
        organisation=organisation,
        framework_version=framework_version,
        period=period,
        headcount=organisation.headcount,
        naf_section=organisation.naf_section,
        flags=sorted(organisation.flags),
        created_by=user,
    )
    if previous is not None:
        _prefill(assessment, previous)
    return assessment


def _prefill(assessment: Assessment, previous: Assessment) -> None:
    """Copy the answers that still fit: same code, levels that still exist."""
    pack = assessment.pack
    copies = []
    for old in previous.answers.all():
        try:
            question = pack.question(old.question_code)
        except KeyError:
            continue
        answer = old.to_engine()
        if validate_answer(question, answer) is not None:
            continue
        copies.append(
            Answer(
                assessment=assessment,
                question_code=old.question_code,
                levels=old.levels,
                value=old.value,
                text=old.text,
                not_applicable=old.not_applicable,
                comment=old.comment,
                answered_by=old.answered_by,
                to_confirm=True,
            )
        )
    Answer.objects.bulk_create(copies)


def applicable_questions(assessment: Assessment) -> list[Question]:
    profile = assessment.profile
    return [q for q in assessment.pack.questions if applies(q, profile)]


# Clauses that say the same thing to a reader: the size, the sector.
EXCLUSION_KINDS = {
    "min_headcount": "size_bands",
    "max_headcount": "size_bands",
    "exclude_naf_sections": "naf_sections",
}


def left_out(assessment: Assessment) -> list[tuple[Question, object]]:
    """Questions that do not apply to the organisation, with the clause that excludes them."""
    profile = assessment.profile
    return [
        (q, reason)
        for q in assessment.pack.questions
        if (reason := exclusion_reason(q, profile)) is not None
    ]


def stored_answers(assessment: Assessment, *, evidence: bool = False) -> dict[str, Answer]:
    """The assessment's answers by question code; ``evidence`` prefetches their
    files, which only the answering pages show (the prefetch builds a scoped
    queryset per answer: a third of the results page's time when always done)."""
    answers = assessment.answers.select_related("answered_by")
    if evidence:
        answers = answers.prefetch_related("evidence")
    return {a.question_code: a for a in answers}


def unconfirmed_carried_over(assessment: Assessment, answers=None) -> list[Question]:
    """The applicable questions whose answer, copied from the previous
    assessment, nobody has confirmed or changed yet, in pack order."""
    answers = stored_answers(assessment) if answers is None else answers
    return [
        question
        for question in applicable_questions(assessment)
        if (answer := answers.get(question.code)) is not None and answer.to_confirm
    ]


def previous_submitted(assessment: Assessment) -> Assessment | None:
    """The submitted assessment of the same framework that came before this one
    (the one its answers were carried over from)."""
    return (
        assessment.organisation.assessments.filter(
            framework_version__framework_id=assessment.framework_version.framework_id,
            status=Assessment.Status.SUBMITTED,
            created_at__lt=assessment.created_at,
        )
        .exclude(pk=assessment.pk)
        .order_by("-submitted_at")
        .first()
    )


def engine_answers(answers: dict[str, Answer]) -> dict[str, EngineAnswer]:
    return {code: answer.to_engine() for code, answer in answers.items()}


def score(assessment: Assessment, answers: dict[str, Answer] | None = None) -> scoring.Result:
    answers = stored_answers(assessment) if answers is None else answers
    return scoring.score(assessment.pack, assessment.profile, engine_answers(answers))


@dataclass(frozen=True)
class AnswerInput:
    """What a person gave for one question."""

    levels: tuple[str, ...] = ()
    value: float | None = None
    text: str = ""
    not_applicable: bool = False
    comment: str = ""

    def to_engine(self) -> EngineAnswer:
        return EngineAnswer(
            levels=frozenset(self.levels), value=self.value, na=self.not_applicable
        )

    def same_as(self, answer: Answer | None) -> bool:
        if answer is None:
            return self == AnswerInput()
        return (
            sorted(self.levels) == sorted(answer.levels)
            and self.value == answer.value
            and self.text == answer.text
            and self.not_applicable == answer.not_applicable
            and self.comment == answer.comment
        )


def unchanged(given: AnswerInput, stored: Answer | None, based_on_version: int) -> bool:
    """Whether saving ``given`` would change nothing: the same answer, from
    its current version. An answer copied from the previous assessment is
    saved all the same: saving it unchanged confirms it."""
    same = given.same_as(stored) and (stored is None or stored.version == based_on_version)
    return same and not (stored is not None and stored.to_confirm)


@dataclass(frozen=True)
class SaveResult:
    answer: Answer | None
    conflict: Answer | None = None  # the newer answer someone else saved
    error: str | None = None  # an engine validation code


def save_answer(
    assessment: Assessment,
    question: Question,
    given: AnswerInput,
    user,
    based_on_version: int,
) -> SaveResult:
    """Save an answer unless someone saved another since ``based_on_version``.

    The update only applies to the row still at that version (0: no row yet),
    so two people saving at once never silently overwrite each other.
    """
    if not assessment.is_draft:
        raise AssessmentLocked
    error = validate_answer(question, given.to_engine())
    if question.type == TEXT and given.not_applicable and given.text:
        error = "na_with_answer"
    if error:
        return SaveResult(None, error=error)
    fields = {
        "levels": sorted(given.levels),
        "value": given.value,
        "text": given.text,
        "not_applicable": given.not_applicable,
        "comment": given.comment,
        "answered_by": user,
        "updated_at": timezone.now(),
        "to_confirm": False,
    }
    current = Answer.objects.filter(assessment=assessment, question_code=question.code)
    if based_on_version == 0:
        try:
            with transaction.atomic():
                answer = Answer.objects.create(
                    assessment=assessment, question_code=question.code, **fields
                )
            return SaveResult(answer)
        except IntegrityError:
            return SaveResult(None, conflict=current.select_related("answered_by").first())
    updated = current.filter(version=based_on_version).update(version=F("version") + 1, **fields)
    if updated:
        return SaveResult(current.get())
    return SaveResult(None, conflict=current.select_related("answered_by").first())


def points_lost(assessment: Assessment, answers, result: scoring.Result) -> dict[str, float]:
    """Per counted question, its gain (`engine.impact`, follow-ups included), the
    figure the results page shows: what the network's improvement report adds up."""
    return question_gains(assessment.pack, assessment.profile, answers, result)


def snapshot_figures(assessment: Assessment, answers) -> tuple[dict, list[ScoreLine]]:
    """What a snapshot stores for these (engine) answers: its fields and its lines,
    not saved. Submission and the `rescore` command both store exactly this."""
    result = scoring.score(assessment.pack, assessment.profile, answers)
    lost = points_lost(assessment, answers, result)
    fields = {
        "overall": result.overall,
        "answered": len(result.counted) - len(result.missing) + len(result.answered_na),
        "missing": len(result.missing),
    }
    lines = (
        [
            ScoreLine(level=ScoreLine.Level.PILLAR, code=code, score=value)
            for code, value in result.pillars.items()
        ]
        + [
            ScoreLine(
                level=ScoreLine.Level.THEME, code=code, score=theme.score, status=theme.status
            )
            for code, theme in result.themes.items()
        ]
        + [
            ScoreLine(level=ScoreLine.Level.QUESTION, code=code, lost=value)
            for code, value in lost.items()
        ]
    )
    return fields, lines


@transaction.atomic
def submit(assessment: Assessment, user) -> ScoreSnapshot:
    """Lock the assessment and store its scores as submitted.

    The organisation's row is locked first: two of its assessments submitted
    at the same moment take turns, so that exactly one snapshot stays its
    latest (which a unique constraint also guarantees)."""
    Organisation.objects.select_for_update().filter(pk=assessment.organisation_id).first()
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if not assessment.is_draft:
        raise AssessmentLocked
    fields, lines = snapshot_figures(assessment, engine_answers(stored_answers(assessment)))
    now = timezone.now()
    assessment.snapshots.update(is_current=False)
    ScoreSnapshot.objects.filter(
        organisation_id=assessment.organisation_id,
        framework_version_id=assessment.framework_version_id,
        is_latest=True,
    ).update(is_latest=False)
    snapshot = ScoreSnapshot.objects.create(
        assessment=assessment,
        organisation_id=assessment.organisation_id,
        framework_version_id=assessment.framework_version_id,
        is_latest=True,
        year=timezone.localtime(now).year,
        **fields,
    )
    for line in lines:
        line.snapshot = snapshot
    ScoreLine.objects.bulk_create(lines)
    assessment.status = Assessment.Status.SUBMITTED
    assessment.submitted_at = now
    assessment.submitted_by = user
    assessment.save(update_fields=["status", "submitted_at", "submitted_by"])
    AssessmentEvent.objects.create(
        assessment=assessment, kind=AssessmentEvent.Kind.SUBMITTED, user=user
    )
    webhooks.fire(
        "assessment.submitted",
        organisation=assessment.organisation_id,
        payload=webhooks.assessment_data(assessment),
    )
    return snapshot


@transaction.atomic
def reopen(assessment: Assessment, user) -> None:
    """Back to draft; the submitted scores stay in the history."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.is_draft:
        return
    assessment.status = Assessment.Status.DRAFT
    assessment.save(update_fields=["status"])
    AssessmentEvent.objects.create(
        assessment=assessment, kind=AssessmentEvent.Kind.REOPENED, user=user
    )
