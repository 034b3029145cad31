from levier.audit.retention import KEEP_DAYS, prune
from levier.lib.commands import SystemCommand


class Command(SystemCommand):
    help = (
        "Forget audit entries older than N days, and browsers not seen for a year "
        "(run it from cron, e.g. daily)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than-days",
            type=int,
            default=KEEP_DAYS,
            help=f"Days of the trail to keep (default {KEEP_DAYS}).",
        )

    def handle(self, *args, older_than_days, **options):
        if older_than_days < 1:
            self.stderr.write("--older-than-days must be at least 1.")
            return
        entries, devices = prune(older_than_days)
        self.stdout.write(f"{entries} audit entries and {devices} known devices forgotten.")
