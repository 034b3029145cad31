"""Rebuild the maintained network figures from assessments and score lines;
with --check, compare them with the direct computation instead."""

import time

from django.core.management.base import BaseCommand, CommandError

from levier.accounts.models import Network
from levier.insights import checks, figures
from levier.insights.models import NetworkFigures
from levier.tenancy.scope import system


class Command(BaseCommand):
    help = (
        "Rebuild the network figures that dashboards and peer groups read (after a bulk "
        "load, a restore or a rescore); --check compares them with a direct computation."
    )

    def add_arguments(self, parser):
        parser.add_argument("--network", action="append", help="a network's slug (repeatable)")
        parser.add_argument(
            "--check", action="store_true", help="compare, change nothing; fail on a difference"
        )

    def handle(self, *args, network=None, check=False, verbosity=1, **options):
        with system():
            networks = Network.objects.order_by("pk")
            if network:
                networks = networks.filter(slug__in=network)
            if check:
                self._check(list(networks), verbosity)
                return
            started = time.perf_counter()
            figures.rebuild([n.pk for n in networks])
            if verbosity:
                self.stdout.write(
                    f"Rebuilt the figures of {networks.count()} networks "
                    f"in {time.perf_counter() - started:.1f} s."
                )

    def _check(self, networks, verbosity):
        found = []
        for network in networks:
            rows = NetworkFigures.objects.filter(network=network, framework_version__isnull=False)
            for row in rows.select_related("framework_version").filter(kind="years"):
                found += checks.differences(network, row.framework_version)
        for line in found:
            self.stderr.write(line)
        if found:
            raise CommandError(f"{len(found)} figures differ from the direct computation.")
        if verbosity:
            self.stdout.write(f"The figures of {len(networks)} networks match.")
