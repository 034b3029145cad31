"""Assessments: their scores as the results page computes them, their
answers, and writing an answer to a draft through the same service as the
web autosave (ADR 8): the client sends the version it last read, and a
stale version is a 409 with the current answer.

Submitting stays on the web: it takes an organisation's administrator, and a
token acts as a contributor at most."""

from datetime import datetime
from typing import Annotated, Literal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import OuterRef, Subquery
from django.http import Http404
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from levier.api.auth import organisation_id, require
from levier.api.pagination import CursorPagination, Since
from levier.api.problems import Problem, problem
from levier.api.schemas_org import changed_since, invalid
from levier.assessments import answer_forms, services
from levier.assessments import results as results_data
from levier.assessments.models import Answer, Assessment, ScoreSnapshot
from levier.engine import answers as engine
from levier.engine.packs import TEXT
from levier.lib.limits import validate_measure
from levier.lib.text import clean_multi_line

router = Router(tags=["assessments"])

# Which field of the answer an engine refusal is about.
ERROR_FIELDS = {
    engine.NA_NOT_ALLOWED: "not_applicable",
    engine.NA_WITH_ANSWER: "not_applicable",
    engine.VALUE_ON_CHOICE: "value",
    engine.UNKNOWN_LEVEL: "levels",
    engine.SEVERAL_LEVELS: "levels",
    engine.EXCLUSIVE_COMBINED: "levels",
    engine.LEVELS_ON_NUMERIC: "levels",
    engine.VALUE_NOT_FINITE: "value",
    engine.VALUE_OUT_OF_RANGE: "value",
}


class AssessmentSummary(Schema):
    id: int
    framework: str = Field(description="The framework's code")
    framework_version: str
    title: str = Field(description="The framework's title, in the request's language")
    period: str
    status: Literal["draft", "submitted"]
    created_at: datetime
    submitted_at: datetime | None
    overall: float | None = Field(
        None, description="Overall score (0-100) stored at the latest submission"
    )

    @staticmethod
    def resolve_framework(obj):
        return obj.framework_version.framework.code

    @staticmethod
    def resolve_framework_version(obj):
        return obj.framework_version.version

    @staticmethod
    def resolve_title(obj):
        return obj.framework_version.title

    @staticmethod
    def resolve_overall(obj):
        return getattr(obj, "submitted_overall", None)


class ScoreRow(Schema):
    code: str
    title: str
    score: float | None = Field(description="0-100; null when nothing counts")
    status: str
    previous: float | None = Field(
        description="The score at the previous submitted assessment of the framework"
    )


class ThemeRow(ScoreRow):
    pillar: str = Field(description="The pillar's code")


class Scores(Schema):
    overall: float | None
    previous_overall: float | None
    answered: int = Field(description="Questions answered (not applicable included)")
    missing: int = Field(description="Questions that count and have no answer yet")
    pillars: list[ScoreRow]
    themes: list[ThemeRow]


class AssessmentOut(AssessmentSummary):
    questions: int = Field(description="Questions that apply to the organisation")
    scores: Scores = Field(
        description="As the results page shows them: live while in draft, as submitted after"
    )


class AnswerOut(Schema):
    question_code: str
    levels: list[str] = Field(description="Codes of the chosen levels (choice questions)")
    value: float | None = Field(description="Number or percentage questions")
    text: str | None = Field(description="Written answer (text questions)")
    not_applicable: bool
    comment: str | None
    to_confirm: bool = Field(description="Copied from the previous assessment, to confirm")
    version: int = Field(description="Send it back when writing the answer; 0: no answer yet")
    updated_at: datetime | None

    @staticmethod
    def resolve_text(obj):
        return _get(obj, "text") or None

    @staticmethod
    def resolve_comment(obj):
        return _get(obj, "comment") or None


def _get(obj, name):
    return obj.get(name) if isinstance(obj, dict) else getattr(obj, name)


class AnswerIn(Schema):
    version: int = Field(
        ge=0,
        description="The version of the answer the client last read (0 when there was none)",
    )
    levels: list[str] = Field(default_factory=list, max_length=63)
    value: float | None = None
    text: str = ""
    not_applicable: bool = False
    comment: str = ""


class AnswerConflict(Problem):
    current: AnswerOut | None = Field(
        None, description="The answer as someone else saved it since the version sent"
    )


def _assessment(request, assessment_id: int) -> Assessment:
    return Assessment.objects.select_related("framework_version__framework").get(
        pk=assessment_id, organisation_id=organisation_id(request)
    )


def _with_overall(rows):
    current = ScoreSnapshot.objects.filter(assessment=OuterRef("pk"), is_current=True)
    return rows.annotate(submitted_overall=Subquery(current.values("overall")[:1]))


def _title(item) -> str:
    return item.title.get(get_language() or "fr")


@router.get(
    "/assessments",
    response={200: list[AssessmentSummary], 401: Problem, 403: Problem, 404: Problem},
    summary="The organisation's assessments",
)
@paginate(CursorPagination)
def list_assessments(
    request,
    status: Literal["draft", "submitted"] | None = None,
    updated_since: Annotated[
        Since | None,
        Query(description="Started, submitted or with an answer changed since then"),
    ] = None,
):
    """``updated_since`` matches an assessment created or submitted since
    then, or one of whose answers changed since then (``Answer.updated_at``)."""
    require(request, "assessments")
    rows = Assessment.objects.filter(organisation_id=organisation_id(request))
    if status:
        rows = rows.filter(status=status)
    rows = changed_since(
        rows,
        updated_since,
        "created_at",
        "submitted_at",
        children=(Answer.objects.all(), "assessment", "updated_at"),
    )
    return _with_overall(rows.select_related("framework_version__framework"))


@router.get(
    "/assessments/{assessment_id}",
    response={200: AssessmentOut, 401: Problem, 403: Problem, 404: Problem},
    summary="One assessment with its scores",
)
def get_assessment(request, assessment_id: int):
    require(request, "assessments")
    assessment = _with_overall(
        Assessment.objects.select_related("framework_version__framework").filter(
            organisation_id=organisation_id(request)
        )
    ).get(pk=assessment_id)
    built = results_data.build(assessment)
    result = built.result
    pack = assessment.pack
    assessment.questions = len(services.applicable_questions(assessment))
    assessment.scores = {
        "overall": built.overall,
        "previous_overall": built.previous_overall,
        "answered": len(result.counted) - len(result.missing) + len(result.answered_na),
        "missing": len(result.missing),
        "pillars": [row.__dict__ for row in built.pillars],
        "themes": [
            {**row.__dict__, "pillar": pack.theme(row.code).pillar_code} for row in built.themes
        ],
    }
    return assessment


@router.get(
    "/assessments/{assessment_id}/answers",
    response={200: list[AnswerOut], 401: Problem, 403: Problem, 404: Problem},
    summary="The answers of an assessment",
)
@paginate(CursorPagination)
def list_answers(
    request,
    assessment_id: int,
    updated_since: Annotated[Since | None, Query(description="Answers changed since then")] = None,
):
    """``updated_since`` filters on the answer's ``updated_at``."""
    require(request, "assessments")
    assessment = _assessment(request, assessment_id)
    return changed_since(Answer.objects.filter(assessment=assessment), updated_since, "updated_at")


def _question(assessment: Assessment, question_code: str):
    """A question that applies to the organisation, or 404 (as on the web)."""
    for question in services.applicable_questions(assessment):
        if question.code == question_code:
            return question
    raise Http404


def _refusal(validator, value) -> str | None:
    try:
        validator(value)
    except DjangoValidationError as refused:
        return " ".join(refused.messages)
    return None


def _given(question, payload: AnswerIn) -> services.AnswerInput:
    """The answer as the web autosave reads it from its form, or 422 with
    the field at fault."""
    errors = {}
    text = clean_multi_line(payload.text.strip())
    comment = clean_multi_line(payload.comment.strip())
    if question.type == TEXT:
        refused = _refusal(Answer._meta.get_field("text").run_validators, text)
        if refused:
            errors["text"] = [refused]
    elif text:
        errors["text"] = [_("This question takes no written answer.")]
    if payload.value is not None and (refused := _refusal(validate_measure, payload.value)):
        errors["value"] = [refused]
    if refused := _refusal(Answer._meta.get_field("comment").run_validators, comment):
        errors["comment"] = [refused]
    if errors:
        raise invalid(errors)
    return services.AnswerInput(
        levels=tuple(dict.fromkeys(payload.levels)),
        value=payload.value,
        text=text,
        not_applicable=payload.not_applicable,
        comment=comment,
    )


def _out(answer: Answer | None, question_code: str) -> dict:
    if answer is None:
        return {
            "question_code": question_code,
            "levels": [],
            "value": None,
            "text": None,
            "not_applicable": False,
            "comment": None,
            "to_confirm": False,
            "version": 0,
            "updated_at": None,
        }
    return AnswerOut.from_orm(answer).dict()


def _locked():
    return HttpError(409, _("This assessment is submitted: it can no longer change."))


@router.put(
    "/assessments/{assessment_id}/answers/{question_code}",
    response={
        200: AnswerOut,
        401: Problem,
        403: Problem,
        404: Problem,
        409: AnswerConflict,
        422: Problem,
    },
    summary="Write one answer of a draft assessment",
)
def put_answer(request, assessment_id: int, question_code: str, payload: AnswerIn):
    """The same save as the web autosave: ``version`` is the version of the
    answer the client last read (0 when it had none). When someone saved the
    answer since, nothing changes and the answer is a 409 problem whose
    ``current`` is their answer: send yours again with its version to keep
    yours. A submitted assessment takes no answer (409); a question that does
    not apply to the organisation is a 404."""
    require(request, "assessments", write=True)
    assessment = _assessment(request, assessment_id)
    question = _question(assessment, question_code)
    if not assessment.is_draft:
        raise _locked()
    given = _given(question, payload)
    stored = assessment.answers.filter(question_code=question.code).first()
    if services.unchanged(given, stored, payload.version):
        return _out(stored, question.code)
    try:
        outcome = services.save_answer(
            assessment, question, given, request.auth.created_by, payload.version
        )
    except services.AssessmentLocked:
        raise _locked() from None
    if outcome.error:
        field = ERROR_FIELDS.get(outcome.error, "levels" if given.levels else "value")
        raise invalid({field: [answer_forms.error_message(outcome.error)]})
    if outcome.conflict is not None or outcome.answer is None:
        current = _out(outcome.conflict, question.code)
        return problem(
            409,
            _("This answer changed meanwhile"),
            _(
                "Someone saved this answer since the version you sent; nothing was changed. "
                "Send your answer again with version %(version)s to replace theirs."
            )
            % {"version": current["version"]},
            current=AnswerOut(**current).model_dump(mode="json"),
        )
    return outcome.answer
