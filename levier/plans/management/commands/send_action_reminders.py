from django.core.management.base import BaseCommand

from levier.plans.reminders import send_action_digests


class Command(BaseCommand):
    help = (
        "Queue today's digest emails to action owners (run it each weekday morning, "
        "e.g. from cron; `manage.py db_worker` sends them). --now sends them at once."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--now", action="store_true", help="Send the digests now instead of queuing them."
        )

    def handle(self, *args, now=False, **options):
        if now:
            sent = send_action_digests.call()
            self.stdout.write(f"{sent} digest(s) sent.")
            return
        result = send_action_digests.enqueue()
        self.stdout.write(f"Digest task queued ({result.id}).")
