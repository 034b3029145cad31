"""LEVIER_LOG_FORMAT=json: one JSON object per line, each request logged with
its id, method, path, status and duration; human-readable lines otherwise.

The site runs in a process of its own so that the settings read the
variable at start, as in a deployment."""

import json

from tests.core.own_process import run_snippet

ASK_A_PAGE = """
import json, logging, django
django.setup()
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
response = Client().get("/no-such-page/?key=secret-reset-key")
logging.getLogger("levier.test").warning("after the request")
print(json.dumps({"status": response.status_code, "request_id": response["X-Request-ID"]}))
"""


def run_site(**variables):
    return run_snippet(ASK_A_PAGE, "tests.settings", drop_prefix="LEVIER_LOG", **variables)


def test_json_logs_are_one_object_per_line_with_the_request():
    answer, lines = run_site(LEVIER_LOG_FORMAT="json")

    entries = [json.loads(line) for line in lines]  # every line parses
    requests = [e for e in entries if e["logger"] == "levier.requests"]
    assert len(requests) == 1
    request = requests[0]
    assert request["method"] == "GET"
    assert request["path"] == "/no-such-page/"
    assert request["status"] == answer["status"] == 404
    assert request["request_id"] == answer["request_id"]
    assert isinstance(request["duration_ms"], float)
    assert request["level"] == "INFO"
    assert "time" in request
    # Outside a request, a line says so.
    after = next(e for e in entries if e["logger"] == "levier.test")
    assert after["request_id"] == "-"
    # Reset and invitation keys travel in query strings: never logged.
    assert "secret-reset-key" not in "\n".join(lines)


def test_logs_are_human_readable_by_default():
    answer, lines = run_site()

    request_lines = [line for line in lines if "levier.requests" in line]
    assert len(request_lines) == 1
    line = request_lines[0]
    assert f"[{answer['request_id']}] GET /no-such-page/ 404" in line
    assert not line.startswith("{")
    assert "secret-reset-key" not in "\n".join(lines)
