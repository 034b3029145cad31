"""Levier's production settings, for the stack the smoke test starts, with
two concessions to speed that change nothing of what it checks: fast
password hashing, and static files served as they are rather than collected
and compressed (a minute's work; tests/core/test_deployment.py covers it)."""

from levier.settings import *  # noqa: F403
from levier.settings import STORAGES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
