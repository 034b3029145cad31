"""Test settings: production settings with fast hashing and plain static files."""

import atexit
import os
import shutil
import tempfile

os.environ.setdefault("LEVIER_SECRET_KEY", "tests-only-secret-key-" + "x" * 40)
os.environ["LEVIER_HTTPS"] = "0"
_data_dir = tempfile.mkdtemp(prefix="levier-tests-")
atexit.register(shutil.rmtree, _data_dir, ignore_errors=True)
os.environ["LEVIER_DATA_DIR"] = _data_dir

from levier.settings import *  # noqa: F403
from levier.settings import STATIC_ROOT, STORAGES

STATIC_ROOT.mkdir(parents=True, exist_ok=True)

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,
    # Files on the temporary disk, whatever LEVIER_S3_BUCKET a developer has set:
    # tests/storage/ runs its own object store.
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Counters in the test database, rolled back with each test: a developer's
# REDIS_URL must not share them across tests and test workers.
CACHES = {"default": {"BACKEND": "levier.lib.cache.DatabaseCache", "LOCATION": "levier_cache"}}
