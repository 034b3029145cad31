"""What the health check tests share: a port nothing listens on, and
queued tasks as django-tasks-db stores them."""

import socket
from datetime import timedelta

from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def closed_port() -> int:
    """A port that was free a moment ago: connecting to it is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def queue_task(*, queued_ago=timedelta(0), run_after=None, status=TaskResultStatus.READY):
    """A task row as `enqueue` writes it, queued `queued_ago` and due at
    `run_after` (None: as soon as a worker takes it)."""
    task = DBTaskResult.objects.create(
        task_path="levier.mailing.tasks.deliver",
        args_kwargs={"args": [1], "kwargs": {}},
        backend_name="default",
        run_after=run_after or get_date_max(),
        status=status,
    )
    DBTaskResult.objects.filter(pk=task.pk).update(enqueued_at=timezone.now() - queued_ago)
    return task
