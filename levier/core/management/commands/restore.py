"""`manage.py restore PATH [--force]`: a backup back into an empty database and storage."""

from django.core.management.base import BaseCommand, CommandError

from levier.lib.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore an archive written by `backup` into an empty database and file storage."

    def add_arguments(self, parser):
        parser.add_argument("path", help="Archive written by `manage.py backup`.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace what the database and storage already hold.",
        )

    def handle(self, *args, path, force, **options):
        try:
            report = restore(path, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Restored the database and {report['files']} files from {path}.")
        for name in report["unreferenced_files"]:
            self.stdout.write(f"No row refers to {name} (uploaded after the database snapshot).")
        for name in report["missing_files"]:
            self.stderr.write(f"A row refers to {name}, which the archive lacks.")
        if report["pending_migrations"]:
            self.stdout.write("The backup predates this code: run `manage.py migrate` now.")
