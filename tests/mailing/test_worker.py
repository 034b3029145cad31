"""Production's path: the database task backend and `manage.py db_worker`.
The request only queues; the worker sends, and a failed attempt is tried
again by a task deferred to the email's next attempt time."""

import threading
from io import StringIO

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.core.management import call_command
from django.db import connection, connections
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from levier.mailing import services, tasks
from levier.mailing.models import OutgoingEmail
from tests.mailing.backends import FAILING, SLOW

pytestmark = pytest.mark.django_db(transaction=True)

LOCMEM = "django.core.mail.backends.locmem.EmailBackend"
Status = OutgoingEmail.Status


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_worker():
    call_command("db_worker", batch=True, startup_delay=False, reload=False, stdout=StringIO())


def ready_tasks():
    return DBTaskResult.objects.ready()


def test_the_worker_sends_and_retries_at_the_next_attempt_time(database_tasks, settings):
    settings.EMAIL_BACKEND = FAILING
    email = services.queue(EmailMessage("Hello", "Words", to=["marie@example.org"]), kind="t")

    email.refresh_from_db()
    assert email.attempts == 0  # queuing talked to no mail server
    assert ready_tasks().count() == 1

    run_worker()

    email.refresh_from_db()
    assert (email.status, email.attempts) == (Status.QUEUED, 1)
    assert not ready_tasks().exists()
    (retry,) = DBTaskResult.objects.filter(run_after=email.next_attempt_at)
    assert retry.args_kwargs == {"args": [email.pk], "kwargs": {}}

    settings.EMAIL_BACKEND = LOCMEM
    now = timezone.now()
    OutgoingEmail.objects.update(next_attempt_at=now)
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=now)  # time passes
    run_worker()
    run_worker()

    email.refresh_from_db()
    assert (email.status, email.attempts) == (Status.SENT, 2)
    assert len(mail.outbox) == 1


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs concurrent transactions (PostgreSQL)"
)
def test_two_workers_delivering_one_email_at_once_send_it_once(database_tasks, settings):
    """Two workers (or a worker and the cron command) run a delivery of the
    same email at the same moment, on separate connections. SQLite
    serialises every writer, so it cannot show the race."""
    settings.EMAIL_BACKEND = SLOW
    email = services.queue(EmailMessage("Hi", "Words", to=["a@example.org"]), kind="t")
    barrier = threading.Barrier(2)
    results, errors = [], []

    def worker():
        try:
            barrier.wait(timeout=10)
            results.append(tasks.deliver.call(email.pk))
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    assert sorted(results, key=str) == [None, Status.SENT]
    assert len(mail.outbox) == 1
    email.refresh_from_db()
    assert (email.status, email.attempts) == (Status.SENT, 1)
