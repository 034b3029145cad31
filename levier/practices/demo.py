"""The demo network's practices: adoptions that follow the answers, and proposals."""

import random

from levier.assessments.models import Answer, Assessment
from levier.frameworks.services import latest_pack
from levier.insights import figures as network_figures
from levier.practices.exchange import sync_shipped
from levier.practices.models import Adoption, Practice, PracticeLink


def build(network) -> None:
    sync_shipped()
    pack = latest_pack()
    rng = random.Random(26000)
    # An organisation "does" a practice when its answers reach the level the
    # practice leads to: adoptions then agree with the assessments.
    reached: dict[int, set[tuple[str, str]]] = {}
    submitted = Assessment.objects.filter(
        organisation__network=network, status=Assessment.Status.SUBMITTED
    )
    for answer in (
        Answer.objects.filter(assessment__in=submitted)
        .only("question_code", "levels", "value", "assessment__organisation_id")
        .select_related("assessment")
    ):
        try:
            question = pack.question(answer.question_code)
        except KeyError:
            continue
        levels = set(answer.levels)
        if answer.value is not None and (band := question.band_for(answer.value)) is not None:
            levels.add(band.code)
        points = {level.code: level.points for level in question.levels}
        best = max((points.get(code, 0) for code in levels), default=0)
        organisation = reached.setdefault(answer.assessment.organisation_id, set())
        organisation.update(
            (question.code, code) for code, value in points.items() if 0 < value <= best
        )
    # Stable orders: the random draws must fall the same way on every database.
    links = (
        PracticeLink.objects.filter(practice__network__isnull=True)
        .order_by("practice__code", "question_code", "level_code")
        .values_list("practice_id", "question_code", "level_code")
    )
    adoptions = {
        (practice_id, organisation_id)
        for practice_id, question_code, level_code in links
        for organisation_id, done in sorted(reached.items())
        if (question_code, level_code) in done and rng.random() < 0.5
    }
    Adoption.objects.bulk_create(
        Adoption(practice_id=practice_id, organisation_id=organisation_id)
        for practice_id, organisation_id in sorted(adoptions)
    )
    # A bulk insert bypasses the maintained network figures: bring them in step.
    network_figures.refresh_practices(network.pk)
    _proposals(network)


def _proposals(network) -> None:
    organisations = list(network.organisations.order_by("pk")[:3])
    if len(organisations) < 3:
        return
    Practice.objects.create(
        network=network,
        code="causeries-rse-atelier",
        title="Des « causeries RSE » d’un quart d’heure chaque mois",
        summary="Un temps court, debout, pour parler d’un sujet RSE concret avec toute l’équipe.",
        steps=(
            "Choisir un créneau fixe\nPréparer une question simple\nNoter les idées et les suites"
        ),
        results="Trois idées d’amélioration retenues en six mois, dont le tri des chutes de bois.",
        effort="low",
        cost="none",
        themes=["GOV-PUR"],
        size_bands=["micro", "small"],
        author_organisation=organisations[0],
        author_named=True,
        status=Practice.Status.SUBMITTED,
    )
    Practice.objects.create(
        network=network,
        code="navette-velo-zone",
        title="Une navette vélo entre la gare et la zone d’activité",
        summary="Trois entreprises voisines partagent des vélos à assistance électrique.",
        steps="Compter les trajets gare-zone\nMutualiser l’achat\nOrganiser la réservation",
        effort="medium",
        cost="medium",
        themes=["ENV-MOB"],
        size_bands=["small", "medium"],
        author_organisation=organisations[2],
        status=Practice.Status.DRAFT,
    )
