from django.core.management.base import CommandError

from levier.lib.commands import SystemCommand
from levier.practices.exchange import ImportRefused, sync_shipped


class Command(SystemCommand):
    help = "Publish the good practices shipped with Levier (created or updated by code)."

    def handle(self, *args, **options):
        try:
            created, updated = sync_shipped()
        except ImportRefused as refused:
            raise CommandError(str(refused)) from refused
        self.stdout.write(f"Shipped practices: {created} created, {updated} updated.")
