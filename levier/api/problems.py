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


def install(api) -> None:
    """Register the handlers that turn every error into a problem."""

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
