"""The request, for the audit trail's signal handlers, and the device cookie
after a sign-in.

Django's signals carry no request: a role given or an organisation deleted in
the back office reaches ``signals.py`` as a bare model instance. The request
being answered is kept in a context variable for the length of the response
(a context variable, not a thread-local, so that it follows the request
through async code too and never leaks into the next request of the thread).

``user_logged_in`` carries the request but no response, and recognising a
browser needs both: the cookie is read from one and written to the other. The
signal flags the request (``devices.flag_sign_in``); this middleware does the
rest once the view has answered. A sign-in made on a request that never
passed through here (the test client's ``force_login``) has no browser to
recognise, and is left alone.
"""

from contextvars import ContextVar

from levier.audit import devices

_request: ContextVar = ContextVar("levier_audit_request", default=None)


def current_request():
    """The request being answered, or None in a task, a command, the shell."""
    return _request.get()


class AuditMiddleware:
    """Must follow AuthenticationMiddleware (signal handlers read
    ``request.user``) and ScopeMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request.set(request)
        try:
            response = self.get_response(request)
        finally:
            _request.reset(token)
        signed_in = devices.signed_in(request)
        if signed_in is not None:
            devices.recognise(request, response, signed_in)
        return response
