"""What /healthz checks: the database, the shared cache, the task worker.

Each check answers ok or failing. The reason goes to the log, never into the
answer: /healthz is public (load balancers and monitors call it without an
account) and an error text names hosts and ports.
"""

import logging
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Min, Q
from django.utils import timezone
from django_tasks import task_backends
from django_tasks.base import TaskResultStatus
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult, get_date_max

logger = logging.getLogger(__name__)

OK = "ok"
FAILING = "failing"
NOT_USED = "not used"


def database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"status": OK}


def shared_cache() -> dict:
    """Rate-limit counters and sessions live there: a write must read back.
    The key is this call's own, so that processes checking at the same time
    do not disturb each other."""
    key = f"levier:health:{uuid.uuid4().hex}"
    cache.set(key, key, timeout=30)
    value = cache.get(key)
    cache.delete(key)
    return {"status": OK if value == key else FAILING}


def oldest_due_task_age(now=None) -> timedelta | None:
    """How long the task that has waited longest for a worker has been due,
    or None when none waits. A task without a date is due from the moment
    it was queued (django-tasks-db dates it "never", datetime.max)."""
    now = now or timezone.now()
    never = get_date_max()
    oldest = DBTaskResult.objects.filter(status=TaskResultStatus.READY).aggregate(
        queued=Min("enqueued_at", filter=Q(run_after=never)),
        scheduled=Min("run_after", filter=Q(run_after__lte=now)),
    )
    due_since = [moment for moment in oldest.values() if moment is not None]
    return now - min(due_since) if due_since else None


def worker() -> dict:
    """No heartbeat of its own: a worker is failing when a due task has waited
    longer than LEVIER_WORKER_MAX_DELAY seconds (none running, or all stuck).
    An idle queue says nothing either way, and is fine."""
    if not isinstance(task_backends["default"], DatabaseBackend):
        return {"status": NOT_USED}
    age = oldest_due_task_age()
    waited = round(age.total_seconds()) if age else 0
    late = waited > settings.LEVIER_WORKER_MAX_DELAY
    if late:
        logger.error("A task has waited %s s for a worker", waited)
    return {"status": FAILING if late else OK, "oldest_due_task_seconds": waited}


CHECKS = {"database": database, "cache": shared_cache, "worker": worker}


def report() -> tuple[bool, dict]:
    """Whether everything is healthy, and each component's state."""
    components = {}
    for name, check in CHECKS.items():
        try:
            components[name] = check()
        except Exception:  # any failure of a component is what we report
            logger.exception("Health check %s failed", name)
            components[name] = {"status": FAILING}
    healthy = all(c["status"] != FAILING for c in components.values())
    return healthy, components
