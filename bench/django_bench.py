"""Django for the benchmark scripts: a throwaway data folder (unless
LEVIER_DATA_DIR says otherwise), settings that let the test client in, then
``django.setup()``. Call ``setup()`` before importing anything from Levier."""

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path


def setup() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    if "LEVIER_DATA_DIR" not in os.environ:
        os.environ["LEVIER_DATA_DIR"] = tempfile.mkdtemp(prefix="levier-bench-")
        atexit.register(shutil.rmtree, os.environ["LEVIER_DATA_DIR"], ignore_errors=True)
    os.environ.setdefault("LEVIER_SECRET_KEY", "bench-only-" + "x" * 50)
    os.environ["LEVIER_HTTPS"] = "0"
    os.environ["LEVIER_ALLOWED_HOSTS"] = "testserver"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "levier.settings")

    import django

    django.setup()
