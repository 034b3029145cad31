"""`manage.py backup [PATH]`: the database and every uploaded file in one archive."""

from datetime import UTC, datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from levier.lib.backup import BackupError, backup


class Command(BaseCommand):
    help = "Write the database and every uploaded file to one .tar.gz archive."

    def add_arguments(self, parser):
        parser.add_argument(
            "path",
            nargs="?",
            help="Archive to write (default: levier-backup-<UTC time>.tar.gz here).",
        )

    def handle(self, *args, path=None, **options):
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        destination = Path(path or f"levier-backup-{stamp}.tar.gz")
        try:
            manifest = backup(destination)
        except BackupError as error:
            raise CommandError(str(error)) from None
        size = sum(file["size"] for file in manifest["files"])
        self.stdout.write(
            f"Backup written to {destination}: {manifest['database']['vendor']} database, "
            f"{len(manifest['files'])} files ({size} bytes)."
        )
        for name in manifest["missing_files"]:
            self.stderr.write(f"Deleted during the backup, not in the archive: {name}")
