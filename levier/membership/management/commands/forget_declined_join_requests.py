from levier.lib.commands import SystemCommand
from levier.membership.retention import KEEP_DECLINED_DAYS, forget_declined_requests


class Command(SystemCommand):
    help = "Delete the requests to join declined N days ago (the prospect's details with them)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=KEEP_DECLINED_DAYS,
            help=f"Days to keep a declined request (default {KEEP_DECLINED_DAYS}).",
        )

    def handle(self, *args, days, **options):
        count = forget_declined_requests(days)
        self.stdout.write(f"{count} declined request(s) to join deleted.")
