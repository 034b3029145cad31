"""Authentication and token rights of API operations."""

from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.security import HttpBearer

from levier.api.tokens import token_of


class TokenAuth(HttpBearer):
    """A valid token in ``Authorization: Bearer``. The token was already
    checked (once) when the request's tenancy scope was built."""

    openapi_description = "An API token created by an organisation's or a network's admin."

    def authenticate(self, request, token):
        return token_of(request)


def require(request, area: str, *, write: bool = False):
    """The request's token, if it was given ``area`` (for reading, or for
    writing); 403 otherwise. Which objects it reaches is the scope's business."""
    token = request.auth
    if not token.allows(area, write):
        right = "write" if write else "read"
        raise HttpError(
            403,
            _("This token has no %(right)s access to %(area)s.")
            % {
                "right": right,
                "area": area,
            },
        )
    return token


def organisation_id(request) -> int:
    """The organisation of an organisation's token; 404 for a network's."""
    token = request.auth
    if token.organisation_id is None:
        raise HttpError(404, _("This resource belongs to an organisation's token."))
    return token.organisation_id


def network_id(request) -> int:
    """The network of a network's token; 404 for an organisation's."""
    token = request.auth
    if token.network_id is None:
        raise HttpError(404, _("This resource belongs to a network's token."))
    return token.network_id
