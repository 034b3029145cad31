"""Rebuild the measured practice gains from assessments, adoptions and actions."""

import time

from django.core.management.base import BaseCommand

from levier.accounts.models import Network
from levier.practices import gains
from levier.tenancy.scope import system


class Command(BaseCommand):
    help = (
        "Rebuild the measured gains of the good practices (after changing practice links, "
        "a bulk load, a restore or a rescore)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--network", action="append", help="a network's slug (repeatable)")

    def handle(self, *args, network=None, verbosity=1, **options):
        with system():
            networks = Network.objects.order_by("pk")
            if network:
                networks = networks.filter(slug__in=network)
            ids = list(networks.values_list("pk", flat=True))
            started = time.perf_counter()
            kept = gains.rebuild(ids)
            if verbosity:
                self.stdout.write(
                    f"Rebuilt the practice gains of {len(ids)} networks: {kept} figures shown, "
                    f"in {time.perf_counter() - started:.1f} s."
                )
