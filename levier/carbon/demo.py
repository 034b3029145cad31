"""Demo carbon inventories: six members over the last two reporting years,
with Levier's shipped factors and quantities in each company's own units.

Maison Lévêque Traiteur is the showcase: its older inventory is locked, its
latest is in progress, with a commuting survey and two actions of its plan
aimed at its footprint. Atelier Boisvert, the visitor's organisation, has no
inventory: a new user starts from scratch. Everything is deterministic: the
same quantities, answers and actions on every database.
"""

from datetime import datetime, timedelta

from django.utils import timezone, translation

from levier.accounts.models import OrgRole
from levier.assessments.demo import _past as _naive_past
from levier.assessments.demo import demo_year
from levier.carbon import commuting, factors, levers, reductions, services
from levier.carbon.models import (
    CommutingAnswer,
    CommutingSurvey,
    DataQuality,
    EmissionFactor,
    Inventory,
    InventoryLine,
    Post,
)
from levier.engine.carbon import units
from levier.plans import services as plans
from levier.plans.models import Action

SHOWCASE = "Maison Lévêque Traiteur"

M, E = DataQuality.MEASURED, DataQuality.ESTIMATED

# Each member's year: (category, label, factor key, quantity, unit, quality,
# years of use). Quantities are those of the older year; the latest year
# applies the member's trend (``TRENDS``) line by line. A line whose factor
# Levier does not ship (or ships in a unit the line cannot be converted to)
# is left out: the demo never guesses a factor.
INVENTORIES = {
    SHOWCASE: [
        (
            Post.PURCHASED_SERVICES,
            "Assurances et services bancaires",
            "spend-insurance-services-keur",
            9,
            "kEUR",
            M,
            1,
        ),
        (
            Post.FUEL_BUILDINGS,
            "Gaz naturel des fours (factures GRDF)",
            "natural-gas-kwh-pcs",
            96_000,
            "kWh_PCS",
            M,
            1,
        ),
        (
            Post.FUEL_VEHICLES,
            "Gazole des trois camionnettes de livraison",
            "diesel-litre",
            9_400,
            "L",
            M,
            1,
        ),
        (
            Post.REFRIGERANTS,
            "Recharge R404A de la chambre froide",
            "refrigerant-r404a",
            1.5,
            "kg",
            M,
            1,
        ),
        (
            Post.ELECTRICITY,
            "Électricité de la cuisine et des chambres froides",
            "electricity-france",
            61_000,
            "kWh",
            M,
            1,
        ),
        (Post.FIXED_ASSETS, "Ordinateurs portables du bureau", "laptop-item", 3, "item", M, 4),
        (Post.FIXED_ASSETS, "Smartphones des livreurs", "smartphone-item", 4, "item", M, 3),
        (
            Post.WASTE,
            "Déchets de cuisine et emballages",
            "waste-incineration-tonne",
            11,
            "t",
            E,
            1,
        ),
        (
            Post.COMMUTING,
            "Trajets domicile-travail (estimation)",
            "car-average-km",
            96_000,
            "km",
            E,
            1,
        ),
    ],
    "Codéo Solutions": [
        (
            Post.FIXED_ASSETS,
            "Mobilier des nouveaux bureaux",
            "spend-furniture-keur",
            24,
            "kEUR",
            M,
            10,
        ),
        (
            Post.FUEL_BUILDINGS,
            "Chauffage gaz des bureaux",
            "natural-gas-kwh-pcs",
            104_000,
            "kWh_PCS",
            M,
            1,
        ),
        (Post.ELECTRICITY, "Électricité des bureaux", "electricity-france", 58_000, "kWh", M, 1),
        (Post.FIXED_ASSETS, "Ordinateurs portables achetés", "laptop-item", 14, "item", M, 4),
        (Post.FIXED_ASSETS, "Écrans achetés", "screen-item", 10, "item", M, 6),
        (Post.FIXED_ASSETS, "Smartphones professionnels", "smartphone-item", 8, "item", M, 3),
        (Post.PURCHASED_GOODS, "Fournitures et papier", "paper-tonne", 0.6, "t", E, 1),
        (
            Post.BUSINESS_TRAVEL,
            "Déplacements clients en TGV",
            "train-tgv-passenger-km",
            185_000,
            "passenger_km",
            M,
            1,
        ),
        (
            Post.BUSINESS_TRAVEL,
            "Vols intérieurs",
            "plane-short-haul-passenger-km",
            42_000,
            "passenger_km",
            M,
            1,
        ),
        (
            Post.BUSINESS_TRAVEL,
            "Vol vers un client à Montréal",
            "plane-long-haul-passenger-km",
            11_000,
            "passenger_km",
            M,
            1,
        ),
        (Post.BUSINESS_TRAVEL, "Nuits d'hôtel en déplacement", "hotel-night", 140, "item", M, 1),
        (
            Post.COMMUTING,
            "Trajets domicile-travail en voiture (enquête interne)",
            "car-average-km",
            148_000,
            "km",
            E,
            1,
        ),
        (
            Post.COMMUTING,
            "Trajets domicile-travail en métro et tramway",
            "tram-metro-passenger-km",
            96_000,
            "passenger_km",
            E,
            1,
        ),
        (Post.WASTE, "Papier et cartons recyclés", "waste-paper-recycling-tonne", 1.2, "t", M, 1),
    ],
    "Transports Garnier": [
        (Post.FUEL_VEHICLES, "Gazole des poids lourds", "diesel-litre", 2_150_000, "L", M, 1),
        (Post.FUEL_VEHICLES, "Gazole des véhicules de service", "diesel-litre", 18_500, "L", M, 1),
        (
            Post.FUEL_VEHICLES,
            "Essence des voitures commerciales",
            "petrol-litre",
            6_200,
            "L",
            M,
            1,
        ),
        (
            Post.FUEL_BUILDINGS,
            "Gaz naturel de l'entrepôt et de l'atelier",
            "natural-gas-kwh-pcs",
            310_000,
            "kWh_PCS",
            M,
            1,
        ),
        (
            Post.REFRIGERANTS,
            "Fuites des groupes frigorifiques (R404A)",
            "refrigerant-r404a",
            14,
            "kg",
            M,
            1,
        ),
        (
            Post.REFRIGERANTS,
            "Recharge de la climatisation des cabines (R134a)",
            "refrigerant-r134a",
            6,
            "kg",
            M,
            1,
        ),
        (Post.ELECTRICITY, "Électricité du dépôt", "electricity-france", 176_000, "kWh", M, 1),
        (
            Post.FREIGHT_OUT,
            "Trajets confiés au rail-route",
            "rail-freight-tkm",
            2_400_000,
            "t_km",
            M,
            1,
        ),
        (
            Post.FREIGHT_OUT,
            "Sous-traitance de livraisons en camionnette",
            "van-tkm",
            95_000,
            "t_km",
            E,
            1,
        ),
        (
            Post.WASTE,
            "Déchets de l'atelier (huiles, pneus, emballages)",
            "waste-landfill-tonne",
            42,
            "t",
            M,
            1,
        ),
        (
            Post.COMMUTING,
            "Trajets domicile-travail des chauffeurs",
            "car-average-km",
            610_000,
            "km",
            E,
            1,
        ),
    ],
    "Boulangerie des Halles": [
        (
            Post.PURCHASED_GOODS,
            "Sachets, boîtes et emballages en carton",
            "spend-paper-cardboard-keur",
            14,
            "kEUR",
            E,
            1,
        ),
        (
            Post.ELECTRICITY,
            "Électricité des fours et du fournil",
            "electricity-france",
            88_000,
            "kWh",
            M,
            1,
        ),
        (Post.FUEL_BUILDINGS, "Propane du four à sole", "propane-kg", 4_200, "kg", M, 1),
        (Post.FUEL_VEHICLES, "Gazole de la camionnette", "diesel-litre", 2_300, "L", M, 1),
        (
            Post.REFRIGERANTS,
            "Recharge des vitrines réfrigérées (R134a)",
            "refrigerant-r134a",
            0.8,
            "kg",
            M,
            1,
        ),
        (Post.FIXED_ASSETS, "Ordinateur et écran de la caisse", "desktop-item", 1, "item", M, 5),
        (Post.WASTE, "Invendus et emballages", "waste-landfill-tonne", 3.8, "t", E, 1),
        (
            Post.COMMUTING,
            "Trajets domicile-travail (estimation)",
            "car-average-km",
            38_000,
            "km",
            E,
            1,
        ),
    ],
    "Hôtel du Vieux Port": [
        (
            Post.FUEL_BUILDINGS,
            "Gaz naturel (chauffage)",
            "natural-gas-kwh-pcs",
            415_000,
            "kWh_PCS",
            M,
            1,
        ),
        (Post.ELECTRICITY, "Électricité de l'hôtel", "electricity-france", 372_000, "kWh", M, 1),
        (
            Post.HEAT_NETWORK,
            "Chaleur du réseau urbain (eau chaude sanitaire)",
            "heat-network-france",
            120_000,
            "kWh",
            M,
            1,
        ),
        (
            Post.REFRIGERANTS,
            "Recharge de la climatisation (R410A)",
            "refrigerant-r410a",
            3,
            "kg",
            M,
            1,
        ),
        (
            Post.REFRIGERANTS,
            "Recharge des nouveaux climatiseurs (R32)",
            "refrigerant-r32",
            1.2,
            "kg",
            M,
            1,
        ),
        (Post.FIXED_ASSETS, "Téléviseurs des chambres", "screen-item", 12, "item", M, 8),
        (Post.WASTE, "Déchets en mélange", "waste-incineration-tonne", 27, "t", E, 1),
        (
            Post.COMMUTING,
            "Trajets domicile-travail en bus",
            "bus-passenger-km",
            64_000,
            "passenger_km",
            E,
            1,
        ),
        (
            Post.COMMUTING,
            "Trajets domicile-travail en voiture",
            "car-average-km",
            118_000,
            "km",
            E,
            1,
        ),
    ],
    "Mécanique Précise du Rhône": [
        (
            Post.ELECTRICITY,
            "Électricité de l'usine (machines-outils)",
            "electricity-france",
            1_140_000,
            "kWh",
            M,
            1,
        ),
        (
            Post.FUEL_BUILDINGS,
            "Gaz naturel (traitement thermique, chauffage)",
            "natural-gas-kwh-pcs",
            655_000,
            "kWh_PCS",
            M,
            1,
        ),
        (
            Post.FUEL_BUILDINGS,
            "Fioul du groupe de secours et de l'annexe",
            "heating-oil-litre",
            3_800,
            "L",
            M,
            1,
        ),
        (
            Post.FREIGHT_IN,
            "Transport de l'acier jusqu'à l'usine",
            "truck-articulated-tkm",
            380_000,
            "t_km",
            E,
            1,
        ),
        (
            Post.FREIGHT_IN,
            "Pièces importées d'Asie par conteneur",
            "sea-container-tkm",
            610_000,
            "t_km",
            E,
            1,
        ),
        (Post.FREIGHT_IN, "Pièces urgentes par avion", "air-freight-tkm", 4_500, "t_km", M, 1),
        (
            Post.FUEL_VEHICLES,
            "Gazole des véhicules et chariots",
            "diesel-litre",
            13_800,
            "L",
            M,
            1,
        ),
        (Post.FIXED_ASSETS, "Postes de CAO", "desktop-item", 6, "item", M, 5),
        (Post.FIXED_ASSETS, "Écrans des postes de CAO", "screen-item", 12, "item", M, 6),
        (
            Post.WASTE,
            "Copeaux, chutes et déchets d'atelier",
            "waste-landfill-tonne",
            36,
            "t",
            M,
            1,
        ),
    ],
}

# Change of every line from the older year to the latest: a member that acts
# (down), one that grows (up), a few that hold steady.
TRENDS = {
    SHOWCASE: -0.06,
    "Codéo Solutions": 0.08,
    "Transports Garnier": -0.04,
    "Boulangerie des Halles": 0.0,
    "Hôtel du Vieux Port": -0.09,
    "Mécanique Précise du Rhône": 0.03,
}
NOTES = (
    "Périmètre : l'ensemble de l'entreprise, sur l'année civile. Quantités relevées "
    "sur les factures et la comptabilité ; achats estimés à partir des montants HT."
)

# The showcase's commuting survey, twelve answers of fourteen people:
# (one-way km, mode, days on site a week, days of remote work a week).
SURVEY_ANSWERS = [
    (18, "car", 5, 0),
    (7, "car", 5, 0),
    (32, "car", 4, 1),
    (24, "carpool", 5, 0),
    (24, "carpool", 5, 0),
    (4, "bike", 5, 0),
    (2, "walk", 5, 0),
    (15, "bus", 5, 0),
    (41, "train", 3, 2),
    (9, "ebike", 4, 0),
    (12, "motorbike", 5, 0),
    (27, "car", 4.5, 0),
]

# Actions of the plans aimed at the footprint: (organisation, title,
# description, lever of ``levier.carbon.levers``, share, status). The
# projected reduction is the lever's, computed from the older inventory.
REDUCTIONS = [
    (
        SHOWCASE,
        "Éco-conduite et tournées de livraison regroupées",
        "Former les livreurs à l'éco-conduite et regrouper les tournées par secteur.",
        "eco-driving",
        0.15,
        Action.Status.IN_PROGRESS,
    ),
    (
        SHOWCASE,
        "Réduire les fuites de la chambre froide",
        "Contrat d'entretien avec contrôle d'étanchéité deux fois par an.",
        "refrigerant-leaks",
        0.5,
        Action.Status.TODO,
    ),
    (
        "Codéo Solutions",
        "Remplacer un déplacement client sur cinq par une visioconférence",
        "Réunions de suivi en visioconférence, déplacements réservés aux ateliers sur site.",
        "travel-fewer-trips",
        0.2,
        Action.Status.IN_PROGRESS,
    ),
    (
        "Transports Garnier",
        "Formation à l'éco-conduite de tous les chauffeurs",
        "Une journée de formation par chauffeur et un suivi mensuel de la consommation.",
        "eco-driving",
        0.05,
        Action.Status.IN_PROGRESS,
    ),
]


def build(network) -> None:
    """Inventories for the members of ``INVENTORIES``: the older year locked,
    the latest locked too except the showcase's, in progress."""
    year = demo_year()
    older, latest = year - 2, year - 1
    organisations = {o.name: o for o in network.organisations.filter(name__in=INVENTORIES)}
    shipped = {}
    for name, lines in INVENTORIES.items():
        organisation = organisations[name]
        admin = _admin(organisation)
        first = _inventory(organisation, older, lines, 0.0, admin, shipped)
        _lock(first, admin, _past(older + 1, 4, 10))
        if name == SHOWCASE:
            # Its latest commuting lines come from its survey, not by hand.
            by_hand = [line for line in lines if line[0] != Post.COMMUTING]
            second = _inventory(organisation, latest, by_hand, TRENDS[name], admin, shipped)
            with translation.override("fr"):  # the demo's labels are French
                commuting.count_answers(_survey(second, admin), admin)
        else:
            second = _inventory(organisation, latest, lines, TRENDS[name], admin, shipped)
            _lock(second, admin, _past(latest + 1, 4, 20))
    for name, title, description, code, share, status in REDUCTIONS:
        organisation = organisations[name]
        base = organisation.inventories.get(year=older, site="")
        _reduction(organisation, base, title, description, levers.get(code), share, status)


def _past(year, month, day) -> datetime:
    """That day at 10:00 in the site's time zone, or a week ago if still to come."""
    return timezone.make_aware(_naive_past(year, month, day))


def _admin(organisation):
    return organisation.memberships.filter(role=OrgRole.ADMIN).order_by("pk").first().user


def _factor(key, unit, shipped):
    """The shipped factor of ``key`` if it measures ``unit``'s kind of
    quantity, else None: the demo never guesses a factor."""
    if key not in shipped:
        try:
            shipped[key] = factors.shipped(key)
        except EmissionFactor.DoesNotExist:
            shipped[key] = None
    factor = shipped[key]
    if factor is None or not units.compatible(unit, factor.unit):
        return None
    return factor


def _inventory(organisation, year, lines, trend, author, shipped) -> Inventory:
    inventory = Inventory.objects.create(
        organisation=organisation,
        year=year,
        headcount=organisation.headcount,
        notes=NOTES,
        created_by=author,
    )
    InventoryLine.objects.bulk_create(
        InventoryLine(
            inventory=inventory,
            post=post,
            label=label,
            quantity=round(quantity * (1 + trend), 1),
            unit=unit,
            factor=factor,
            data_quality=quality,
            amortisation_years=years,
            created_by=author,
            updated_by=author,
        )
        for post, label, key, quantity, unit, quality, years in lines
        if (factor := _factor(key, unit, shipped)) is not None
    )
    created = _past(year + 1, 2, 12)
    Inventory.objects.filter(pk=inventory.pk).update(created_at=created, updated_at=created)
    return inventory


def _lock(inventory, user, when: datetime) -> None:
    services.lock(inventory, user)
    Inventory.objects.filter(pk=inventory.pk).update(locked_at=when, updated_at=when)


def _survey(inventory, author) -> CommutingSurvey:
    survey = CommutingSurvey.objects.create(inventory=inventory, created_by=author)
    CommutingAnswer.objects.bulk_create(
        CommutingAnswer(
            survey=survey, distance_km=km, mode=mode, days_on_site=days, remote_days=remote
        )
        for km, mode, days, remote in SURVEY_ANSWERS
    )
    return survey


def _reduction(organisation, inventory, title, description, lever, share, status) -> None:
    """The lever added to the plan the way a member adds it, then under way."""
    author = _admin(organisation)
    with translation.override("fr"):  # the demo's texts are French
        action = reductions.add_to_plan(
            inventory,
            lever,
            share,
            author,
            title=title,
            owner=author,
            due_date=timezone.localdate() + timedelta(days=120),
            description=description,
        )
    if status != action.status:
        plans.update_action(action, {"status": status}, author, action.version)
