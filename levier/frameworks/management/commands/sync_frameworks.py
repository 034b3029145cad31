from levier.frameworks.services import sync_shipped_packs
from levier.lib.commands import SystemCommand


class Command(SystemCommand):
    help = "Publish the framework packs shipped with Levier (new versions only)."

    def handle(self, *args, **options):
        for version in sync_shipped_packs():
            self.stdout.write(f"{version.framework.code} {version.version}: {version.title_en}")
