"""/healthz answers 503 when the database cannot be reached.

The site runs in a process of its own, its DATABASE_URL pointing at a
PostgreSQL port nothing listens on: a real failure, whatever database the
tests themselves run on."""

from tests.core.health_helpers import closed_port
from tests.core.own_process import run_snippet

ASK_HEALTH = """
import json, django
django.setup()
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
response = Client().get("/healthz")
print(json.dumps({"status": response.status_code, "body": response.json()}))
"""


def test_an_unreachable_database_fails_the_database_component():
    answer, logged = run_snippet(
        ASK_HEALTH,
        "tests.settings",
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{closed_port()}/levier",
    )

    assert answer["status"] == 503
    assert answer["body"]["status"] == "failing"
    assert answer["body"]["components"]["database"] == {"status": "failing"}
    # The reason is in the log, for the people running the site.
    assert any("Health check database failed" in line for line in logged)
