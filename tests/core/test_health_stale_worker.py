"""/healthz answers 503 when a due task has waited too long for a worker."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks.base import TaskResultStatus

from tests.core.health_helpers import DATABASE_TASKS, queue_task

pytestmark = pytest.mark.usefixtures("db")


@pytest.fixture(autouse=True)
def _database_tasks(settings):
    settings.TASKS = DATABASE_TASKS
    settings.LEVIER_WORKER_MAX_DELAY = 300


def worker_state(client):
    response = client.get(reverse("health"))
    return response.status_code, response.json()["components"]["worker"]


def test_a_task_waiting_past_the_limit_fails_the_worker(client):
    queue_task(queued_ago=timedelta(minutes=10))

    status, worker = worker_state(client)

    assert status == 503
    assert worker["status"] == "failing"
    assert 599 <= worker["oldest_due_task_seconds"] <= 660


def test_a_task_queued_a_moment_ago_is_fine(client):
    queue_task(queued_ago=timedelta(seconds=5))

    status, worker = worker_state(client)

    assert status == 200
    assert worker["status"] == "ok"
    assert worker["oldest_due_task_seconds"] < 60


def test_a_scheduled_task_counts_from_its_date_not_from_when_it_was_queued(client):
    """A retry queued an hour ago for later is not late; one due for ten minutes is."""
    queue_task(queued_ago=timedelta(hours=1), run_after=timezone.now() + timedelta(minutes=5))
    assert worker_state(client)[0] == 200

    queue_task(queued_ago=timedelta(hours=1), run_after=timezone.now() - timedelta(minutes=10))
    assert worker_state(client)[0] == 503


def test_tasks_already_taken_or_done_are_not_waiting(client):
    for status in (TaskResultStatus.RUNNING, TaskResultStatus.SUCCESSFUL):
        queue_task(queued_ago=timedelta(hours=1), status=status)

    assert worker_state(client)[0] == 200


@override_settings(LEVIER_WORKER_MAX_DELAY=3600)
def test_the_limit_comes_from_the_settings(client):
    queue_task(queued_ago=timedelta(minutes=10))

    assert worker_state(client)[0] == 200
