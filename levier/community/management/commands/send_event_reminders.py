from django.core.management.base import BaseCommand

from levier.community.reminders import send_event_reminders


class Command(BaseCommand):
    help = (
        "Queue reminder emails for events starting within 48 hours (run it hourly or daily, "
        "e.g. from cron; `manage.py db_worker` sends them). --now sends them at once."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--now", action="store_true", help="Send the reminders now instead of queuing them."
        )

    def handle(self, *args, now=False, **options):
        if now:
            sent = send_event_reminders.call()
            self.stdout.write(f"{sent} reminder(s) sent.")
            return
        result = send_event_reminders.enqueue()
        self.stdout.write(f"Reminder task queued ({result.id}).")
