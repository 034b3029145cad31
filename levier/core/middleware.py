"""Refusing a request too large to handle before anything reads its body."""

from django.conf import settings
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils import translation


class RequestSizeLimitMiddleware:
    """Answers 413 to a request declaring a body over LEVIER_MAX_REQUEST_BYTES.

    Django reads a body only when a view asks for it, then spools uploads to disk:
    a gigabyte sent to any URL would still be received and written. Refused on its
    Content-Length, the body is never read. A body sent without a length (chunked)
    reads as empty to Django, so it cannot get past this either.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.LEVIER_MAX_REQUEST_BYTES
        if _declared_length(request) > limit:
            return _too_large(request, limit)
        return self.get_response(request)


def _declared_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0  # Django reads such a body as empty


def _too_large(request, limit: int):
    # The locale middleware comes later: the page speaks the visitor's language itself.
    with translation.override(translation.get_language_from_request(request)):
        return render(request, "413.html", {"limit": filesizeformat(limit)}, status=413)
