"""A small finance world for the pages of projects, funders and matching:
a carrier organisation with projects (draft, shared with funders, public), a
neighbour member, the network's animator, two funders (one that fits, one
that does not) and a contact person, and another network with its own."""

import pytest
from django.test import Client

from levier.accounts.models import OrgRole
from levier.finance.models import Funder, FunderContact, Project
from levier.frameworks.services import latest_pack, sync_shipped_packs
from levier.plans.models import Action
from tests.factories import (
    make_member,
    make_network,
    make_network_staff,
    make_organisation,
    make_user,
)

PDF = b"%PDF-1.4\n% a test file\n"


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def make_project(organisation, title, visibility=Project.Visibility.FUNDERS, **fields):
    values = {
        "purpose": "Un atelier de réemploi.",
        "impact_targets": "200 tonnes évitées par an.",
        "region": "32",
        "stage": "launch",
        "amount_sought": 150_000,
        "instruments": ["loan", "grant"],
        "use_of_funds": "Machines.",
    }
    values.update(fields)
    return Project.objects.create(
        organisation=organisation, title=title, visibility=visibility, **values
    )


@pytest.fixture(name="themes")
def themes_fixture(db):
    sync_shipped_packs()
    return [theme.code for theme in latest_pack().themes]


@pytest.fixture(name="fw")
def finance_world(network, themes):
    """The finance world."""
    carrier = make_organisation(network, name="Porteuse", headcount=20, region="32")
    neighbour = make_organisation(network, name="Voisine")
    elsewhere = make_network(name="Ailleurs", slug="ailleurs")
    far_org = make_organisation(elsewhere, name="Lointaine")
    world = {
        "network": network,
        "elsewhere": elsewhere,
        "carrier": carrier,
        "neighbour": neighbour,
        "far_org": far_org,
        "admin": make_member(carrier, OrgRole.ADMIN, full_name="Alice Admin"),
        "viewer": make_member(carrier, OrgRole.VIEWER),
        "neighbour_admin": make_member(neighbour, OrgRole.ADMIN),
        "animator": make_network_staff(network),
        "far_animator": make_network_staff(elsewhere),
        "contact": make_user("fonds@example.org", full_name="Fanny Fonds"),
        "far_contact": make_user("loin@example.org"),
        "themes": themes,
    }
    world["fund"] = Funder.objects.create(
        network=network,
        name="Fonds Impact",
        kind="impact_fund",
        ticket_min=50_000,
        ticket_max=500_000,
        instruments=["loan", "equity"],
        stages=["launch", "growth"],
        themes=[themes[0]],
        regions=["32"],
        size_bands=["small", "medium"],
        requires_accompanied_by=["Alliances Accélérateur"],
    )
    world["bank"] = Funder.objects.create(
        network=network,
        name="Banque Solidaire",
        kind="bank",
        ticket_min=500_000,
        stages=["scale"],
        requires_esus=True,
    )
    world["far_fund"] = Funder.objects.create(network=elsewhere, name="Fonds Loin", kind="bank")
    FunderContact.objects.create(funder=world["fund"], user=world["contact"])
    FunderContact.objects.create(funder=world["far_fund"], user=world["far_contact"])
    world["action"] = Action.objects.create(
        organisation=carrier, title="Installer la presse", created_by=world["admin"]
    )
    world["neighbour_action"] = Action.objects.create(
        organisation=neighbour, title="Action voisine", created_by=world["neighbour_admin"]
    )
    common = {"themes": [themes[0]], "accompanied_by": ["alliances  accélérateur"]}
    world["draft"] = make_project(carrier, "Brouillon", Project.Visibility.DRAFT, **common)
    world["shared"] = make_project(carrier, "Partagé", Project.Visibility.FUNDERS, **common)
    world["public"] = make_project(carrier, "Vitrine", Project.Visibility.PUBLIC, **common)
    world["far_project"] = make_project(far_org, "Loin", Project.Visibility.FUNDERS)
    world["shared"].actions.add(world["action"])
    return world
