from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from levier.frameworks.services import problem_count, report, size_report


class Command(BaseCommand):
    help = "Check framework pack files and print every problem with its line."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", help="YAML pack files")

    def handle(self, *args, files, **options):
        invalid = 0
        for name in files:
            path = Path(name)
            try:
                # A file too large to be a pack is never read into memory.
                problems = size_report(path.stat().st_size, path.name)
                count = len(problems)
                if not problems:
                    source = path.read_text(encoding="utf-8")
                    problems = report(source, path.name)
                    count = problem_count(source, path.name)
            except (OSError, UnicodeDecodeError) as error:
                raise CommandError(f"{name}: {error}") from error
            if problems:
                invalid += 1
                summary = _("%(file)s: %(count)d problem(s)") % {"file": name, "count": count}
                self.stdout.write(self.style.ERROR(summary))
                for line in problems:
                    self.stdout.write(f"  {line}")
            else:
                self.stdout.write(self.style.SUCCESS(_("%(file)s: valid") % {"file": name}))
        if invalid:
            raise CommandError(_("%(count)d invalid pack(s).") % {"count": invalid}, returncode=1)
