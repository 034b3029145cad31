"""The action plan: actions, their measurements and statuses. Creating and
editing go through the web's action form and the plan's services, so that
the status history, completion date and versions are kept the same way."""

from datetime import date, datetime
from typing import Annotated, Literal

from django.db.models import Prefetch
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from levier.api.auth import organisation_id, require
from levier.api.pagination import CursorPagination, Since
from levier.api.problems import Problem, problem
from levier.api.schemas_org import changed_since, form_data, invalid
from levier.carbon import reductions as carbon_reductions
from levier.plans import services
from levier.plans.forms import ActionForm, MeasurementForm
from levier.plans.models import Action, Measurement

router = Router(tags=["plans"])

ActionStatus = Literal["todo", "in_progress", "done", "dropped"]
Priority = Literal["high", "medium", "low"]


class Person(Schema):
    id: int
    name: str

    @staticmethod
    def resolve_name(obj):
        return obj.display_name


class PracticeRef(Schema):
    id: int
    title: str

    @staticmethod
    def resolve_title(obj):
        return obj.display_title


class MeasurementOut(Schema):
    id: int
    date: date
    value: float
    note: str


class ActionSummary(Schema):
    id: int
    title: str
    status: ActionStatus
    priority: Priority
    owner: Person | None
    due_date: date | None
    is_overdue: bool
    practice: PracticeRef | None
    assessment_id: int | None = Field(description="The assessment the action was drawn from")
    question_code: str | None
    theme_code: str | None
    pillar_code: str | None
    version: int = Field(description="Send it back when editing, to refuse a stale edit")
    created_at: datetime
    updated_at: datetime
    completed_at: datetime | None

    @staticmethod
    def resolve_question_code(obj):
        return obj.question_code or None

    @staticmethod
    def resolve_theme_code(obj):
        return obj.theme_code or None

    @staticmethod
    def resolve_pillar_code(obj):
        return obj.pillar_code or None


class Indicator(Schema):
    name: str
    unit: str
    baseline: float | None
    target: float | None


class CarbonOut(Schema):
    inventory_id: int = Field(description="The inventory the reduction was computed from")
    category: str = Field(description="The inventory category the action targets")
    category_label: str
    lever: str
    share_percent: float
    projected_tco2e: float
    realised_tco2e: float | None = Field(
        description="Reduction of the category at the same site's latest later inventory"
    )


class ActionOut(ActionSummary):
    description: str
    question: str | None = Field(description="The question's text, in the request's language")
    target_level: str | None
    theme: str | None = Field(description="The theme's title, in the request's language")
    projected_gain: float | None = Field(description="Overall points the target would add")
    indicator: Indicator | None
    measurements: list[MeasurementOut]
    carbon: CarbonOut | None


class ActionIn(Schema):
    """The fields of the web's action form."""

    title: str
    description: str = ""
    owner_id: int | None = Field(None, description="A member of the organisation")
    due_date: date | None = None
    status: ActionStatus = "todo"
    priority: Priority = "medium"
    indicator_name: str = ""
    indicator_unit: str = ""
    indicator_baseline: float | None = None
    indicator_target: float | None = None


class ActionPatch(Schema):
    """Only the fields given change. ``version``: the action's version the
    client last read; an edit based on an older one is a 409."""

    version: int | None = Field(None, ge=0)
    title: str | None = None
    description: str | None = None
    owner_id: int | None = None
    due_date: date | None = None
    status: ActionStatus | None = None
    priority: Priority | None = None


class ActionConflict(Problem):
    current: ActionSummary | None = None


class MeasurementIn(Schema):
    date: date
    value: float
    note: str = ""


FORM_FIELDS = {"owner_id": "owner"}  # API name -> the form's


def _actions(request):
    return Action.objects.filter(organisation_id=organisation_id(request)).select_related(
        "owner", "practice"
    )


def _action(request, action_id: int) -> Action:
    return (
        _actions(request)
        .select_related("assessment__framework_version__framework")
        .prefetch_related(Prefetch("measurements", queryset=Measurement.objects.order_by("date")))
        .get(pk=action_id)
    )


def _detail(action: Action) -> Action:
    """The action with what the action page shows besides its fields."""
    language = get_language() or "fr"
    action.question = action.theme = None
    if action.assessment and action.question_code:
        pack = action.assessment.pack
        try:
            question = pack.question(action.question_code)
        except KeyError:
            question = None
        if question is not None:
            action.question = question.text.get(language)
            action.theme = pack.theme(question.theme_code).title.get(language)
    action.indicator = (
        {
            "name": action.indicator_name,
            "unit": action.indicator_unit,
            "baseline": action.indicator_baseline,
            "target": action.indicator_target,
        }
        if action.indicator_name
        else None
    )
    action.target_level = action.target_level or None
    carbon = carbon_reductions.for_actions(action.organisation, [action]).get(action.pk)
    action.carbon = (
        {
            "inventory_id": carbon.reduction.inventory_id,
            "category": carbon.reduction.post,
            "category_label": carbon.post_label,
            "lever": carbon.reduction.lever,
            "share_percent": carbon.percent,
            "projected_tco2e": carbon.projected_tonnes,
            "realised_tco2e": carbon.realised.tonnes if carbon.realised else None,
        }
        if carbon
        else None
    )
    return action


def _form_values(values: dict) -> dict:
    return {FORM_FIELDS.get(name, name): value for name, value in values.items()}


@router.get(
    "/actions",
    response={200: list[ActionSummary], 401: Problem, 403: Problem, 404: Problem},
    summary="The actions of the plan",
)
@paginate(CursorPagination)
def list_actions(
    request,
    status: ActionStatus | None = None,
    owner_id: Annotated[int | None, Query(description="Actions of this member")] = None,
    updated_since: Annotated[Since | None, Query(description="Actions edited since then")] = None,
):
    """``updated_since`` filters on the action's ``updated_at`` (an edit or a
    status change; a new measurement leaves it)."""
    require(request, "plans")
    rows = _actions(request)
    if status:
        rows = rows.filter(status=status)
    if owner_id is not None:
        rows = rows.filter(owner_id=owner_id)
    return changed_since(rows, updated_since, "updated_at")


@router.get(
    "/actions/{action_id}",
    response={200: ActionOut, 401: Problem, 403: Problem, 404: Problem},
    summary="One action with its measurements",
)
def get_action(request, action_id: int):
    require(request, "plans")
    return _detail(_action(request, action_id))


@router.post(
    "/actions",
    response={201: ActionOut, 401: Problem, 403: Problem, 404: Problem, 422: Problem},
    summary="Add an action to the plan",
)
def create_action(request, payload: ActionIn):
    require(request, "plans", write=True)
    organisation_pk = organisation_id(request)
    action = Action(organisation_id=organisation_pk)
    form = ActionForm(
        form_data(_form_values(payload.dict())),
        instance=action,
        organisation=organisation_pk,
    )
    if not form.is_valid():
        raise invalid({_api_name(name): errors for name, errors in form.errors.items()})
    fields = {k: v for k, v in form.cleaned_data.items() if k != "version"}
    created = services.add_action(action.organisation, request.auth.created_by, **fields)
    return Status(201, _detail(_action(request, created.pk)))


@router.patch(
    "/actions/{action_id}",
    response={
        200: ActionOut,
        401: Problem,
        403: Problem,
        404: Problem,
        409: ActionConflict,
        422: Problem,
    },
    summary="Edit an action: status, due date, title, description, priority, owner",
)
def patch_action(request, action_id: int, payload: ActionPatch):
    """As the action page's form saves it: a status change goes to the
    action's history, done sets its completion date. Without ``version``
    the edit applies to the action as it is (like the board's status
    buttons)."""
    require(request, "plans", write=True)
    action = _action(request, action_id)
    given = _form_values(payload.dict(exclude_unset=True))
    version = given.pop("version", None)
    current = {name: getattr(action, name) for name in ActionForm.Meta.fields}
    current["owner"] = action.owner_id
    # The form writes into its instance when validating: give it a copy, so
    # that the service still sees the status the action had (as on the web).
    form = ActionForm(
        form_data({**current, **given}),
        instance=Action.objects.get(pk=action.pk),
        organisation=action.organisation_id,
    )
    if not form.is_valid():
        raise invalid({_api_name(name): errors for name, errors in form.errors.items()})
    fields = {name: form.cleaned_data[name] for name in given if name in form.changed_data}
    try:
        services.update_action(
            action,
            fields,
            request.auth.created_by,
            action.version if version is None else version,
        )
    except services.StaleAction as stale:
        return problem(
            409,
            _("This action changed meanwhile"),
            _(
                "Someone edited this action since the version you sent; nothing was changed. "
                "Send your changes again with version %(version)s to apply them."
            )
            % {"version": stale.current.version},
            current=ActionSummary.from_orm(_actions(request).get(pk=stale.current.pk)).model_dump(
                mode="json"
            ),
        )
    return _detail(_action(request, action_id))


def _api_name(form_name: str) -> str:
    return {form: api for api, form in FORM_FIELDS.items()}.get(form_name, form_name)


@router.post(
    "/actions/{action_id}/measurements",
    response={201: MeasurementOut, 401: Problem, 403: Problem, 404: Problem, 422: Problem},
    summary="Record a measurement of an action's indicator",
)
def create_measurement(request, action_id: int, payload: MeasurementIn):
    require(request, "plans", write=True)
    action = _actions(request).get(pk=action_id)
    form = MeasurementForm(form_data(payload.dict()))
    if not form.is_valid():
        raise invalid(form.errors)
    measurement = form.save(commit=False)
    measurement.action = action
    measurement.recorded_by = request.auth.created_by
    measurement.save()
    return Status(201, measurement)
