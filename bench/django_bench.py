"""Django for the benchmark scripts: a throwaway data folder (unless
LEVIER_DATA_DIR says otherwise), settings that let the test client in, then
``django.setup()``. Call ``setup()`` before importing anything from Levier.

A script seeds and checks data for nobody in particular, so it runs under
the tenancy's ``system()``; the pages it times go through the test client,
each request in the scope of the person signed in, as in production."""

import atexit
import os
import shutil
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path

# Held for the life of the script.
_script_scope = ExitStack()


def setup() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    if "LEVIER_DATA_DIR" not in os.environ:
        os.environ["LEVIER_DATA_DIR"] = tempfile.mkdtemp(prefix="levier-bench-")
        atexit.register(shutil.rmtree, os.environ["LEVIER_DATA_DIR"], ignore_errors=True)
    os.environ.setdefault("LEVIER_SECRET_KEY", "bench-only-" + "x" * 50)
    # A line per request would bury the figures; LEVIER_LOG_LEVEL=INFO shows them.
    os.environ.setdefault("LEVIER_LOG_LEVEL", "WARNING")
    os.environ["LEVIER_HTTPS"] = "0"
    os.environ["LEVIER_ALLOWED_HOSTS"] = "testserver"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "levier.settings")

    import django

    django.setup()

    from levier.tenancy.scope import system

    _script_scope.enter_context(system())
