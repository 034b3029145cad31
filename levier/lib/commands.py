"""Management commands act for nobody in particular."""

from django.core.management.base import BaseCommand

from levier.tenancy.scope import system


class SystemCommand(BaseCommand):
    """A command that reads and writes tenant data for the whole platform
    (demo data, shipped content, maintenance): it runs under ``system()``,
    whether started from a shell, cron or ``call_command``."""

    def execute(self, *args, **options):
        with system():
            return super().execute(*args, **options)
