from django.core.management.base import BaseCommand

from levier.mailing import services, tasks
from levier.tenancy.scope import system


class Command(BaseCommand):
    help = (
        "Send every due email of the outbox now, and forget those sent or failed more than "
        "N days ago. Run it every few minutes from cron, as a safety net beside "
        "`manage.py db_worker` (which sends them as they are queued)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--keep-days",
            type=int,
            default=services.KEEP_DAYS,
            help=f"Days to keep sent and failed emails (default {services.KEEP_DAYS}).",
        )

    def handle(self, *args, keep_days, **options):
        with system():
            outcome = tasks.send_due()
            forgotten = services.prune(keep_days)
        self.stdout.write(
            f"{outcome['sent']} email(s) sent, {outcome['queued']} to try again later, "
            f"{outcome['failed']} failed; {forgotten} old email(s) forgotten."
        )
