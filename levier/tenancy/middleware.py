"""Every request runs inside the scope of the person who makes it, or of the
API token it carries."""

from django.utils.functional import SimpleLazyObject

from levier.api.tokens import API_PREFIX, token_of
from levier.tenancy.scope import Scope, activate


def _scope_of(request) -> Scope:
    # The API answers to its token only, never to a browser's session: a
    # page open in the same browser must not lend its rights to a script.
    if request.path_info.startswith(API_PREFIX):
        token = token_of(request)
        return Scope.of_token(token) if token is not None else Scope(user_id=None)
    return Scope.of(request.user)


class ScopeMiddleware:
    """Attach ``request.scope`` (loaded at first use) and activate it for the
    whole response, templates included. Must follow AuthenticationMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.scope = SimpleLazyObject(lambda: _scope_of(request))
        with activate(request.scope):
            return self.get_response(request)
