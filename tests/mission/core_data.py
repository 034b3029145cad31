"""A small mission to test the mission's own pages: one organisation with
its people, a mission, and helpers to add objectives and indicators."""

from dataclasses import dataclass
from datetime import date

from django.urls import reverse

from levier.accounts.models import OrgRole
from levier.mission.models import (
    Indicator,
    IndicatorMeasurement,
    Mission,
    MissionTheme,
    OperationalObjective,
    StatutoryObjective,
)
from tests.factories import make_member, make_network, make_organisation

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@dataclass
class Company:
    organisation: object
    admin: object
    contributor: object
    viewer: object
    mission: Mission | None


def company(with_mission=True, **fields) -> Company:
    """A 32-person brewery with its admin, a contributor and a viewer, and
    (unless told otherwise) a mission published on 1 March 2025."""
    fields.setdefault("name", "Brasserie du Port")
    fields.setdefault("headcount", 32)
    organisation = make_organisation(make_network(), **fields)
    mission = None
    if with_mission:
        mission = Mission.objects.create(
            organisation=organisation,
            purpose="Brasser local pour faire vivre le port",
            published_on=date(2025, 3, 1),
        )
    return Company(
        organisation,
        make_member(organisation, OrgRole.ADMIN, full_name="Alice Admin"),
        make_member(organisation, OrgRole.CONTRIBUTOR, full_name="Chloé Contributrice"),
        make_member(organisation, OrgRole.VIEWER, full_name="Victor Lecteur"),
        mission,
    )


def url(name, organisation, *args):
    return reverse(name, args=[organisation.slug, *args])


def add_objective(mission, wording="Réduire notre empreinte", position=0):
    return StatutoryObjective.objects.create(
        mission=mission, wording=wording, theme=MissionTheme.CLIMATE, position=position
    )


def add_operational(objective, title="Passer au verre consigné", **fields):
    return OperationalObjective.objects.create(
        organisation=objective.mission.organisation,
        statutory_objective=objective,
        title=title,
        **fields,
    )


def add_indicator(operational, name="Bouteilles consignées", unit="%", **fields):
    fields.setdefault("baseline_value", 10)
    fields.setdefault("baseline_on", date(2025, 1, 1))
    fields.setdefault("target_value", 60)
    fields.setdefault("target_on", date(2027, 1, 1))
    return Indicator.objects.create(objective=operational, name=name, unit=unit, **fields)


def measure(indicator, on, value, **fields):
    return IndicatorMeasurement.objects.create(indicator=indicator, on=on, value=value, **fields)
