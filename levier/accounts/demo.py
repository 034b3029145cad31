"""The demo network's organisations and people: realistic and deterministic."""

import random
import unicodedata
from functools import cache

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from stdnum import luhn

from levier.accounts.models import (
    Membership,
    Network,
    NetworkRole,
    Organisation,
    OrgRole,
    User,
)
from levier.accounts.regions import Region

NETWORK_SLUG = "horizon"
PASSWORD = "levier-demo"
DOMAIN = "levier.example"

# name, headcount, NAF code, region, legal form, flags
ORGANISATIONS = [
    ("Atelier Boisvert", 6, "16.23Z", Region.OCCITANIE, "sarl", ""),
    ("Maison Lévêque Traiteur", 14, "56.21Z", Region.HAUTS_DE_FRANCE, "sas", ""),
    ("Codéo Solutions", 38, "62.01Z", Region.HAUTS_DE_FRANCE, "sas", "mission"),
    ("Transports Garnier", 120, "49.41A", Region.GRAND_EST, "sas", ""),
    ("Boulangerie des Halles", 9, "10.71C", Region.BRETAGNE, "sarl", ""),
    ("Éco-Bâti Loire", 45, "41.20A", Region.PAYS_DE_LA_LOIRE, "scop", "ess"),
    ("Plasti'Nord Emballages", 210, "22.22Z", Region.HAUTS_DE_FRANCE, "sas", ""),
    ("Cabinet Aubrac Conseil", 4, "70.22Z", Region.OCCITANIE, "eurl", ""),
    ("Vignobles du Causse", 17, "11.02B", Region.OCCITANIE, "sa", "bcorp"),
    ("Mécanique Précise du Rhône", 85, "25.62B", Region.AUVERGNE_RHONE_ALPES, "sas", ""),
    ("Propreté Solidaire 59", 160, "81.21Z", Region.HAUTS_DE_FRANCE, "association", "ess"),
    ("Les Jardins de Traverse", 23, "81.30Z", Region.NORMANDIE, "scic", "ess"),
    ("Hôtel du Vieux Port", 31, "55.10Z", Region.PROVENCE_ALPES_COTE_D_AZUR, "sas", ""),
    ("Agence Kiosque", 12, "73.11Z", Region.ILE_DE_FRANCE, "sas", "mission,bcorp"),
    ("Recyclerie du Pays Lozérien", 8, "38.32Z", Region.OCCITANIE, "association", "ess"),
    ("Électricité Moreau & Fils", 27, "43.21A", Region.CENTRE_VAL_DE_LOIRE, "sarl", ""),
    ("Meubles Artisans de l'Est", 64, "31.09B", Region.GRAND_EST, "sas", ""),
    (
        "Domicile Services Atlantique",
        340,
        "88.10A",
        Region.NOUVELLE_AQUITAINE,
        "association",
        "ess",
    ),
    ("Numeris Conseil", 290, "62.02A", Region.ILE_DE_FRANCE, "sas", "mission"),
    ("Ferme des Trois Chênes", 5, "01.13Z", Region.BOURGOGNE_FRANCHE_COMTE, "other", ""),
    ("Intérim Avenir", 55, "78.20Z", Region.HAUTS_DE_FRANCE, "sas", ""),
    ("Éditions du Rivage", 11, "58.11Z", Region.BRETAGNE, "sarl", ""),
    ("Mutuelle Entraide Nord", 480, "66.22Z", Region.HAUTS_DE_FRANCE, "other", "ess"),
    ("Formation Cap Compétences", 19, "85.59A", Region.AUVERGNE_RHONE_ALPES, "sas", ""),
    ("Distribution Magne", 72, "46.90Z", Region.OCCITANIE, "sas", ""),
    ("Réparation Ordi Sud", 3, "95.11Z", Region.PROVENCE_ALPES_COTE_D_AZUR, "ei", ""),
    ("Énergies Citoyennes Vals", 7, "35.11Z", Region.AUVERGNE_RHONE_ALPES, "scic", "ess,mission"),
    ("Restaurant Le Comptoir Local", 16, "56.10A", Region.NOUVELLE_AQUITAINE, "sarl", ""),
    ("Ingénierie Delta Structures", 130, "71.12B", Region.ILE_DE_FRANCE, "sas", ""),
    ("Compagnie Théâtre en Marche", 6, "90.01Z", Region.GRAND_EST, "association", "ess"),
    ("Atlantic Ship Services", 40, "33.12Z", Region.OUTSIDE_FRANCE, "other", ""),
]

FIRST_NAMES = [
    "Camille",
    "Léa",
    "Hugo",
    "Manon",
    "Lucas",
    "Inès",
    "Nathan",
    "Chloé",
    "Yanis",
    "Sarah",
    "Thomas",
    "Emma",
    "Karim",
    "Julie",
    "Mathis",
    "Amina",
    "Pierre",
    "Louise",
    "Malik",
    "Anaïs",
    "Antoine",
    "Zoé",
    "Romain",
    "Nadia",
    "Baptiste",
    "Élise",
    "Samuel",
    "Clara",
    "Mehdi",
    "Lina",
]
LAST_NAMES = [
    "Martin",
    "Bernard",
    "Dubois",
    "Moreau",
    "Laurent",
    "Simon",
    "Michel",
    "Lefèvre",
    "Leroy",
    "Roux",
    "David",
    "Bertrand",
    "Morel",
    "Fournier",
    "Girard",
    "Bonnet",
    "Dupont",
    "Lambert",
    "Fontaine",
    "Rousseau",
    "Vincent",
    "Muller",
    "Faure",
    "André",
    "Mercier",
    "Blanc",
    "Guérin",
    "Boyer",
    "Garnier",
    "Chevalier",
]

# The accounts printed for a first visit: one per role.
FEATURED = [
    ("network_admin", "admin-reseau", "Julien Moreau"),
    ("animator", "animation", "Camille Martin"),
]
FEATURED_MEMBERS = [  # people of the first organisation, Atelier Boisvert
    (OrgRole.ADMIN, "claire", "Claire Boisvert"),
    (OrgRole.CONTRIBUTOR, "hugo", "Hugo Ferrand"),
    (OrgRole.VIEWER, "lea", "Léa Castel"),
]


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c for c in folded.lower() if c.isalnum())


def delete():
    """Remove the demo network and its people."""
    network = Network.objects.filter(slug=NETWORK_SLUG).first()
    if network:
        Organisation.objects.filter(network=network).delete()
        network.delete()
    User.objects.filter(email__endswith=f"@{DOMAIN}").delete()
    User.objects.filter(email__endswith=".example").delete()


@cache
def _password_hash() -> str:
    # Hashing is slow on purpose; a hundred demo accounts share one hash.
    return make_password(PASSWORD)


def _person(email: str, full_name: str) -> User:
    user = User.objects.create(email=email, full_name=full_name, password=_password_hash())
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    return user


def build() -> Network:
    """Create the demo network, its organisations and people in every role."""
    rng = random.Random(2026)
    network = Network.objects.create(
        name="Réseau Horizon RSE",
        slug=NETWORK_SLUG,
        description=(
            "Réseau régional d’entreprises engagées : clubs, ateliers de bonnes pratiques "
            "et programmes d’accompagnement."
        ),
    )
    for role, local, name in FEATURED:
        NetworkRole.objects.create(
            user=_person(f"{local}@{DOMAIN}", name), network=network, role=role
        )
    NetworkRole.objects.create(
        user=_person(f"sophie.animation@{DOMAIN}", "Sophie Lambert"),
        network=network,
        role=NetworkRole.Role.ANIMATOR,
    )

    used_names: set[str] = set()
    for index, (name, headcount, naf_code, region, legal_form, flags) in enumerate(ORGANISATIONS):
        siren_body = f"{rng.randrange(10**7, 10**8):08d}"
        organisation = Organisation.objects.create(
            network=network,
            name=name,
            headcount=headcount,
            naf_code=naf_code,
            region=region,
            legal_form=legal_form,
            siren=siren_body + luhn.calc_check_digit(siren_body),
            is_ess="ess" in flags,
            is_mission="mission" in flags,
            is_bcorp="bcorp" in flags,
        )
        domain = f"{organisation.slug}.example"
        if index == 0:
            people = [(role, f"{local}@{domain}", full) for role, local, full in FEATURED_MEMBERS]
        else:
            # Bigger organisations bring more people to Levier.
            team = 1 + min(5, headcount // 25) + rng.randrange(0, 2)
            roles = [OrgRole.ADMIN] + [
                rng.choice([OrgRole.CONTRIBUTOR, OrgRole.CONTRIBUTOR, OrgRole.VIEWER])
                for _ in range(team - 1)
            ]
            people = []
            for role in roles:
                while True:
                    full = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
                    if full not in used_names:
                        break
                used_names.add(full)
                first, last = full.split(" ", 1)
                people.append((role, f"{_ascii(first)}.{_ascii(last)}@{domain}", full))
        for role, email, full in people:
            Membership.objects.create(
                user=_person(email, full), organisation=organisation, role=role
            )
    return network


def logins() -> list[tuple[str, str]]:
    """The accounts to try first, one per role: (role, email)."""
    first = Organisation.objects.filter(network__slug=NETWORK_SLUG).order_by("pk").first()
    domain = f"{first.slug}.example" if first else ""
    return [
        ("Network admin (back office)", f"admin-reseau@{DOMAIN}"),
        ("Animator", f"animation@{DOMAIN}"),
        ("Organisation admin", f"claire@{domain}"),
        ("Contributor", f"hugo@{domain}"),
        ("Viewer", f"lea@{domain}"),
    ]
