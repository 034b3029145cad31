"""/healthz answers 503 when the database cannot be reached.

The site runs in a process of its own, its DATABASE_URL pointing at a
PostgreSQL port nothing listens on: a real failure, whatever database the
tests themselves run on."""

import json
import os
import subprocess
import sys

from django.conf import settings

from tests.core.health_helpers import closed_port

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
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{closed_port()}/levier",
    }
    result = subprocess.run(
        [sys.executable, "-c", ASK_HEALTH],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout.strip().splitlines()[-1])

    assert answer["status"] == 503
    assert answer["body"]["status"] == "failing"
    assert answer["body"]["components"]["database"] == {"status": "failing"}
    # The reason is in the log, for the people running the site.
    assert "Health check database failed" in result.stderr
