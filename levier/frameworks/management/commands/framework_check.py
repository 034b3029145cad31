from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from levier.frameworks.services import report


class Command(BaseCommand):
    help = "Check framework pack files and print every problem with its line."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", help="YAML pack files")

    def handle(self, *args, files, **options):
        invalid = 0
        for name in files:
            path = Path(name)
            try:
                source = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as error:
                raise CommandError(f"{name}: {error}") from error
            problems = report(source, path.name)
            if problems:
                invalid += 1
                summary = _("%(file)s: %(count)d problem(s)") % {
                    "file": name,
                    "count": len(problems),
                }
                self.stdout.write(self.style.ERROR(summary))
                for line in problems:
                    self.stdout.write(f"  {line}")
            else:
                self.stdout.write(self.style.SUCCESS(_("%(file)s: valid") % {"file": name}))
        if invalid:
            raise CommandError(_("%(count)d invalid pack(s).") % {"count": invalid}, returncode=1)
