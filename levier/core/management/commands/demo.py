"""Build a realistic, deterministic demo network.

Run twice, it changes nothing; ``--reset`` rebuilds it from scratch.
"""

from django.db import transaction

from levier.accounts import demo as people
from levier.accounts.models import Network
from levier.assessments import demo as assessments
from levier.carbon import defaults as carbon_defaults
from levier.carbon import demo as carbon
from levier.events import demo as events
from levier.finance import demo as finance
from levier.frameworks.services import sync_shipped_packs
from levier.lib.commands import SystemCommand
from levier.membership import demo as membership
from levier.messaging import demo as messaging
from levier.mission import demo as mission
from levier.plans import demo as plans
from levier.practices import demo as practices
from levier.practices import gains as practice_gains
from levier.programmes import demo as programmes
from levier.trainings import demo as trainings
from levier.vsme import demo as vsme


class Command(SystemCommand):
    help = (
        "Load a deterministic demo network: organisations, people, assessments, "
        "practices, action plans, events and clubs."
    )

    def add_arguments(self, parser):
        parser.add_argument("--reset", action="store_true", help="Rebuild the demo from scratch.")

    def handle(self, *args, reset=False, **options):
        sync_shipped_packs()
        carbon_defaults.sync()
        if reset:
            with transaction.atomic():
                people.delete()
        if Network.objects.filter(slug=people.NETWORK_SLUG).exists():
            self.stdout.write("The demo network is already loaded.")
        else:
            with transaction.atomic():
                network = people.build()
                assessments.build(network)
                practices.build(network)
                plans.build(network)
                carbon.build(network)
                vsme.build(network)
                mission.build(network)
                events.build(network)
                trainings.build(network)
                membership.build(network)
                messaging.build(network)
                finance.build(network)
                # Bulk inserts and backdating bypass the maintained practice gains.
                practice_gains.rebuild([network.pk])
            self.stdout.write(self.style.SUCCESS("Demo network loaded."))
        self.stdout.write(f"\nDemo logins (password for all: {people.PASSWORD}):")
        for label, email in (
            people.logins() + mission.logins() + finance.logins() + programmes.logins()
        ):
            self.stdout.write(f"  {label:<30} {email}")
