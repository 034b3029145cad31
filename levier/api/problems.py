"""Errors as RFC 9457 problem details (``application/problem+json``), with
the field at fault for invalid input."""

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from ninja import Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

CONTENT_TYPE = "application/problem+json"


class FieldError(Schema):
    field: str
    detail: str


class Problem(Schema):
    type: str = "about:blank"
    title: str
    status: int
    detail: str | None = None
    errors: list[FieldError] | None = None


def problem(status: int, title: str, detail: str | None = None, **extra) -> JsonResponse:
    body = {"type": "about:blank", "title": title, "status": status}
    if detail:
        body["detail"] = detail
    body.update(extra)
    return JsonResponse(body, status=status, content_type=CONTENT_TYPE)


def _field(location) -> str:
    # ("body", "payload", "value") -> "value"; ("query", "limit") -> "limit"
    parts = [str(p) for p in location if p not in ("body", "query", "path", "payload")]
    return ".".join(parts) or ".".join(str(p) for p in location)


# What the framework itself may answer, whatever the operation: documented on
# every operation (the document is a contract, checked by schemathesis).
AROUND_EVERY_CALL = {
    "401": ("Missing, unknown, expired or revoked token", {"WWW-Authenticate"}),
    "429": ("Too many calls with this token: wait Retry-After seconds", {"Retry-After"}),
}
MALFORMED_BODY = ("The body is not JSON", set())
INVALID_INPUT = ("Invalid input: errors name the fields at fault", set())
UNKNOWN_OBJECT = ("Not found, or not this token's", set())


def _problem_response(description: str, headers: set[str]) -> dict:
    response = {
        "description": description,
        "content": {CONTENT_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }
    if headers:
        response["headers"] = {name: {"schema": {"type": "string"}} for name in sorted(headers)}
    return response


def document(schema: dict) -> dict:
    """Problems in the OpenAPI document as they are served: every error with
    the media type application/problem+json (operations answer their errors
    through ``problem`` or an exception handler), and the errors every call
    may meet whatever the operation does."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    if "Problem" not in components:
        definition = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
        components.update(definition.pop("$defs", {}))
        components["Problem"] = definition
    for item in schema.get("paths", {}).values():
        for operation in item.values():
            responses = operation.setdefault("responses", {})
            for status, response in responses.items():
                content = response.get("content", {})
                if str(status)[0] in "45" and "application/json" in content:
                    content[CONTENT_TYPE] = content.pop("application/json")
            if operation.get("security"):
                for status, (description, headers) in AROUND_EVERY_CALL.items():
                    responses.setdefault(status, _problem_response(description, headers))
            if operation.get("requestBody"):
                responses.setdefault("400", _problem_response(*MALFORMED_BODY))
            inputs = operation.get("parameters") or operation.get("requestBody")
            if inputs:
                responses.setdefault("422", _problem_response(*INVALID_INPUT))
            if any(p.get("in") == "path" for p in operation.get("parameters", [])):
                responses.setdefault("404", _problem_response(*UNKNOWN_OBJECT))
    return schema


def install(api) -> None:
    """Register the handlers that turn every error into a problem, and
    document them in the API's OpenAPI document."""
    built = api.get_openapi_schema

    def get_openapi_schema(**kwargs):
        return document(built(**kwargs))

    api.get_openapi_schema = get_openapi_schema

    @api.exception_handler(ValidationError)
    def invalid(request, exc):
        errors = [
            {"field": _field(e.get("loc", ())), "detail": e.get("msg", "")} for e in exc.errors
        ]
        return problem(422, _("Invalid request"), _("Some fields are not valid."), errors=errors)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        response = problem(
            401,
            _("Not authenticated"),
            _("Send a valid API token: Authorization: Bearer <token>."),
        )
        response["WWW-Authenticate"] = "Bearer"
        return response

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return problem(404, _("Not found"))

    @api.exception_handler(ObjectDoesNotExist)
    def does_not_exist(request, exc):
        return problem(404, _("Not found"))

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc):
        return problem(403, _("Forbidden"), str(exc) or None)

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        return problem(exc.status_code, str(exc))
