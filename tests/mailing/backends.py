"""Mail servers for the tests: one that is down, one that is slow, one that
lets a second worker in while it sends."""

import threading
import time
from smtplib import SMTPException

from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend

FAILING = "tests.mailing.backends.FailingBackend"
SLOW = "tests.mailing.backends.SlowBackend"
SECOND_WORKER = "tests.mailing.backends.SecondWorkerMeanwhile"


class FailingBackend(BaseEmailBackend):
    """The mail server is down."""

    def send_messages(self, email_messages):
        raise SMTPException("421 Service not available (test server down)")


class SlowBackend(LocmemBackend):
    """Takes its time, so that another worker can try the same email meanwhile."""

    lock = threading.Lock()

    def send_messages(self, messages):
        time.sleep(0.3)
        with self.lock:  # mail.outbox is one list shared by the threads
            return super().send_messages(messages)


class SecondWorkerMeanwhile(LocmemBackend):
    """While it sends, a second worker (the retry task, the cron command)
    tries every email of the outbox; ``seen`` keeps what it got."""

    seen = []

    def send_messages(self, messages):
        from levier.mailing import tasks
        from levier.mailing.models import OutgoingEmail

        for email_id in OutgoingEmail.objects.values_list("pk", flat=True):
            self.seen.append(tasks.send_one(email_id))
        self.seen.append(tasks.send_due())
        return super().send_messages(messages)
