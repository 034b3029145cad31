"""Run a snippet of Python in a process of its own, as a deployment starts:
settings read once from the environment it is given. The snippet prints one
JSON object on its last line; the caller gets it and the lines logged."""

import json
import os
import subprocess
import sys

from django.conf import settings


def run_snippet(code: str, settings_module: str, drop_prefix: str = "", **variables):
    """(the JSON the snippet printed last, the lines it wrote to stderr).
    Variables of this process starting with ``drop_prefix`` are left out, so
    that a developer's own setting cannot decide the case."""
    env = {
        **{k: v for k, v in os.environ.items() if not (drop_prefix and k.startswith(drop_prefix))},
        "DJANGO_SETTINGS_MODULE": settings_module,
        **variables,
    }
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1]), result.stderr.strip().splitlines()
