"""Around every API call made with a token: the token's rate limit (429 with
Retry-After), the call's log line, ETags on reads (304 when unchanged)."""

from django.conf import settings
from django.utils.cache import get_conditional_response, set_response_etag
from django.utils.translation import gettext as _
from django_ratelimit.core import get_usage

from levier.api.models import ApiCall
from levier.api.problems import problem
from levier.api.tokens import API_PREFIX, token_of, touch
from levier.tenancy.scope import system

LOGGED_PATH_LENGTH = 300


def _token_key(group, request) -> str:
    return str(request._api_token.pk)


class ApiMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(API_PREFIX):
            return self.get_response(request)
        token = token_of(request)
        if token is None:
            return self.get_response(request)  # the operation answers 401 (or serves the docs)
        response = self._limited(request) or self.get_response(request)
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            response = self._conditional(request, response)
        self._log(token, request, response)
        return response

    def _limited(self, request):
        if not getattr(settings, "RATELIMIT_ENABLE", True):
            return None
        usage = get_usage(
            request, group="api-token", key=_token_key, rate=settings.API_RATE, increment=True
        )
        if usage is None or not usage["should_limit"]:
            return None
        wait = max(1, usage["time_left"])
        response = problem(
            429,
            _("Too many requests"),
            _("This token made too many calls; try again in %(seconds)s seconds.")
            % {"seconds": wait},
        )
        response["Retry-After"] = str(wait)
        return response

    def _conditional(self, request, response):
        if response.streaming or not response.get("Content-Type", "").startswith(
            "application/json"
        ):
            return response
        set_response_etag(response)
        return get_conditional_response(request, etag=response["ETag"], response=response)

    def _log(self, token, request, response):
        with system():
            ApiCall.objects.create(
                token=token,
                method=request.method[:8],
                path=request.get_full_path()[:LOGGED_PATH_LENGTH],
                status=response.status_code,
            )
        touch(token)
