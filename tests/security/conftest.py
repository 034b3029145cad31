import time
from types import SimpleNamespace

import django_ratelimit.core
import pytest


@pytest.fixture(autouse=True)
def _rate_windows_stand_still(monkeypatch):
    """django-ratelimit counts in fixed windows; one ending in the middle of a
    test would start the count again. Its clock stops for the test."""
    now = time.time()
    monkeypatch.setattr(django_ratelimit.core, "time", SimpleNamespace(time=lambda: now))
