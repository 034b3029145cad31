"""The demo's join page, two requests waiting for an answer, and people who
agreed to be listed in the directory (the featured members first)."""

import random
from datetime import timedelta

from django.utils import timezone
from stdnum import luhn

from levier.accounts.models import Membership, OrgRole
from levier.membership.models import DirectoryEntry, JoinPage, JoinRequest

WELCOME = (
    "Le Réseau Horizon RSE accueille les entreprises de toutes tailles qui veulent "
    "progresser dans leur démarche de responsabilité sociétale, entre pairs."
)
PROSPECTS = [
    # company, headcount, NAF code, region, contact, job, motivation
    (
        "Fromagerie des Trois Vallées",
        23,
        "10.51C",
        "84",
        "Élodie Marchand",
        "Cogérante",
        "Nous voulons réduire nos emballages et partager nos essais avec d’autres PME.",
    ),
    (
        "Clair Logiciel",
        7,
        "62.01Z",
        "32",
        "Karim Benali",
        "Fondateur",
        "Un client nous demande un rapport VSME : nous cherchons méthode et entraide.",
    ),
]
# What listed people say they can help with, by position in the network.
HELP = [
    ("Dirigeante", "Démarche société à mission, comité de mission"),
    ("Responsable RH", "Grille de salaires, entretiens de parcours"),
    ("Responsable QSE", "Bilan carbone, plan de mobilité"),
    ("Directeur administratif et financier", "Rapport VSME, banque et finance responsable"),
]


def build(network) -> None:
    rng = random.Random(2026)
    JoinPage.objects.create(network=network, is_open=True, welcome=WELCOME)
    now = timezone.now()
    for days, (company, headcount, naf, region, contact, job, motivation) in zip(
        (2, 5), PROSPECTS, strict=True
    ):
        body = f"{rng.randrange(10**7, 10**8):08d}"
        request = JoinRequest.objects.create(
            network=network,
            company_name=company,
            siren=body + luhn.calc_check_digit(body),
            headcount=headcount,
            naf_code=naf,
            region=region,
            contact_name=contact,
            contact_job=job,
            contact_email=f"{contact.split()[0].lower().replace('é', 'e')}@prospect.example",
            motivation=motivation,
        )
        JoinRequest.objects.filter(pk=request.pk).update(created_at=now - timedelta(days=days))
    admins = Membership.objects.filter(organisation__network=network, role=OrgRole.ADMIN).order_by(
        "organisation_id"
    )[: len(HELP) * 2 : 2]
    DirectoryEntry.objects.bulk_create(
        DirectoryEntry(membership=membership, listed=True, job_title=job, can_help_with=text)
        for membership, (job, text) in zip(admins, HELP, strict=False)
    )
