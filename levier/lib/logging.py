"""Logs: one line per event, human-readable by default, one JSON object per
line with LEVIER_LOG_FORMAT=json for a log collector (docs/adr/0023).

Every request is logged once, when its answer leaves, by RequestLogMiddleware,
with an id that every other line logged while it runs carries too, and that
the answer's X-Request-ID header gives back, so that a person's report ("it
failed at 10:02, reference 3f2a...") leads to the lines. The query string is
never logged, and the parts of the path that are secrets (an invitation's
token, the key of a reset or confirmation link: URL parameters named ``token``
or ``key``) are replaced: whoever reads the logs must not be able to use them.

gunicorn's own lines (deploy/gunicorn.conf.py) use the same configuration.
"""

import contextvars
import logging
import re
import time
import uuid

from django.conf import settings
from pythonjsonlogger.core import RESERVED_ATTRS

REQUEST_ID_HEADER = "X-Request-ID"
# An id a trusted proxy passes on is kept only when it looks like one.
_INCOMING_ID = re.compile(r"^[A-Za-z0-9._:-]{1,100}$")

_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")

logger = logging.getLogger("levier.requests")

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"
JSON_FIELDS = "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s"


def logging_config(log_format: str = "text", level: str = "INFO", *, gunicorn_access=None) -> dict:
    """The dictConfig for Django's LOGGING and, with `gunicorn_access` True or
    False (whether gunicorn's access lines are wanted), gunicorn's logconfig_dict."""
    if log_format == "json":
        formatter = {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": JSON_FIELDS,
            "datefmt": "%Y-%m-%dT%H:%M:%S%z",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
            "timestamp": False,
            # Django attaches the request to its own lines (django.request): its
            # text holds the query string, with any key in it. Not written out.
            "reserved_attrs": [*RESERVED_ATTRS, "request"],
        }
    else:
        formatter = {"format": TEXT_FORMAT}
    handler = {
        "class": "logging.StreamHandler",
        "formatter": "levier",
        "filters": ["request_id"],
        # stderr, like gunicorn's own lines; stdout stays for what commands print.
        "stream": "ext://sys.stderr",
    }
    loggers = {
        # WeasyPrint narrates every step of every PDF at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    }
    if gunicorn_access is not None:
        # gunicorn's lines through the same handler, in the same format.
        loggers["gunicorn.error"] = {"level": level, "handlers": [], "propagate": True}
        loggers["gunicorn.access"] = {
            "level": "INFO",
            "handlers": [],
            "propagate": bool(gunicorn_access),
        }
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "levier.lib.logging.RequestIdFilter"}},
        "formatters": {"levier": formatter},
        "handlers": {"console": handler},
        "root": {"handlers": ["console"], "level": level},
        "loggers": loggers,
    }


class RequestIdFilter(logging.Filter):
    """Gives every line the id of the request being answered ("-" outside one)."""

    def filter(self, record):
        if not hasattr(record, "request_id"):
            record.request_id = _request_id.get()
        return True


def current_request_id() -> str:
    return _request_id.get()


def _incoming_id(request) -> str | None:
    """The id a trusted reverse proxy set, so that its log and ours agree.
    From the client directly it is ignored, as any forwarded header is."""
    if not settings.LEVIER_TRUSTED_PROXIES:
        return None
    value = request.headers.get(REQUEST_ID_HEADER, "")
    return value if _INCOMING_ID.match(value) else None


SECRET_URL_PARAMETERS = ("token", "key")
REDACTED = "[secret]"


def loggable_path(request) -> str:
    """The path, with the values of secret URL parameters replaced."""
    path = request.path
    match = getattr(request, "resolver_match", None)
    if match is not None:
        for name in SECRET_URL_PARAMETERS:
            value = match.kwargs.get(name)
            if value:
                path = path.replace(str(value), REDACTED)
    return path


class RequestLogMiddleware:
    """First in MIDDLEWARE: one line per request, with its id, method, path,
    status and duration, even for answers other middleware gives early."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = _incoming_id(request) or uuid.uuid4().hex
        token = _request_id.set(request_id)
        started = time.monotonic()
        try:
            response = self.get_response(request)
            duration_ms = round((time.monotonic() - started) * 1000, 1)
            response[REQUEST_ID_HEADER] = request_id
            path = loggable_path(request)
            logger.info(
                "%s %s %s %sms",
                request.method,
                path,
                response.status_code,
                duration_ms,
                extra={
                    "method": request.method,
                    "path": path,
                    "status": response.status_code,
                    "duration_ms": duration_ms,
                },
            )
            return response
        finally:
            _request_id.reset(token)
