from levier.carbon import defaults
from levier.lib.commands import SystemCommand


class Command(SystemCommand):
    help = "Create or update the emission factors shipped with Levier (levier/carbon/data)."

    def handle(self, *args, **options):
        synced = defaults.sync()
        self.stdout.write(
            f"Shipped emission factors: {synced.created} created, {synced.updated} updated, "
            f"{synced.unchanged} unchanged."
        )
