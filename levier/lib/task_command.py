"""A management command that queues a background task, or runs it at once."""

from levier.lib.commands import SystemCommand


class TaskCommand(SystemCommand):
    """Subclasses name the ``task`` (returning how many emails it sent) and
    what it sends, e.g. ``what = "digest"``."""

    task = None
    what = "email"

    def add_arguments(self, parser):
        parser.add_argument(
            "--now",
            action="store_true",
            help=f"Send the {self.what}s now instead of queuing them.",
        )

    def handle(self, *args, now=False, **options):
        if now:
            sent = self.task.call()
            self.stdout.write(f"{sent} {self.what}(s) sent.")
            return
        result = self.task.enqueue()
        self.stdout.write(f"{self.what.capitalize()} task queued ({result.id}).")
