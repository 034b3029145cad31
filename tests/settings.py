"""Test settings: production settings with fast hashing and plain static files."""

import os
import tempfile

os.environ.setdefault("LEVIER_SECRET_KEY", "tests-only-secret-key-" + "x" * 40)
os.environ["LEVIER_HTTPS"] = "0"
os.environ.setdefault("LEVIER_DATA_DIR", tempfile.mkdtemp(prefix="levier-tests-"))

from levier.settings import *  # noqa: F403
from levier.settings import STATIC_ROOT, STORAGES

STATIC_ROOT.mkdir(parents=True, exist_ok=True)

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
