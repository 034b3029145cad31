from django.core.management.base import BaseCommand

from levier.api import tasks
from levier.tenancy.scope import system


class Command(BaseCommand):
    help = (
        "Send every due webhook delivery now, retries included. Run it every few minutes "
        "from cron, as a safety net beside `manage.py db_worker` (which sends them as "
        "their events happen and retries them when they are due)."
    )

    def handle(self, *args, **options):
        with system():
            outcome = tasks.deliver_due()
        self.stdout.write(
            f"{outcome['delivered']} delivery(ies) delivered, {outcome['pending']} to try "
            f"again later, {outcome['failed']} failed."
        )
