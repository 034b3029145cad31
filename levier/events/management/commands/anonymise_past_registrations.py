from levier.events.anonymise import KEEP_DAYS, anonymise_past_registrations
from levier.lib.commands import SystemCommand


class Command(SystemCommand):
    help = "Erase the name, email and organisation of guests of events ended N days ago."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=KEEP_DAYS,
            help=f"Days to keep after the event ends (default {KEEP_DAYS}).",
        )

    def handle(self, *args, days, **options):
        count = anonymise_past_registrations(days)
        self.stdout.write(f"{count} guest registration(s) anonymised.")
