"""Every request runs inside the scope of the person who makes it."""

from django.utils.functional import SimpleLazyObject

from levier.tenancy.scope import Scope, activate


class ScopeMiddleware:
    """Attach ``request.scope`` (loaded at first use) and activate it for the
    whole response, templates included. Must follow AuthenticationMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.scope = SimpleLazyObject(lambda: Scope.of(request.user))
        with activate(request.scope):
            return self.get_response(request)
