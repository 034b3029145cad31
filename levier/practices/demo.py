"""The demo network's practices: adoptions that follow the answers, and proposals."""

import random
from datetime import datetime, timedelta

from django.utils import timezone

from levier.accounts.models import OrgRole
from levier.assessments import demo as assessment_demo
from levier.assessments import services as assessment_services
from levier.assessments.models import Answer, Assessment, ScoreLine, ScoreSnapshot
from levier.frameworks.services import latest_pack, latest_version
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
    _reassess(network)
    _date_adoptions(network)
    # A bulk insert bypasses the maintained network figures: bring them in step.
    network_figures.refresh_practices(network.pk)
    _proposals(network)


# Members with one assessment that take this year's too, so that enough members
# have assessed twice for a practice's measured gain to show (five adopters and
# five others, docs/practice-gains.md).
REASSESSED = 3


def _reassess(network) -> None:
    rng = random.Random(3030)
    year = assessment_demo.demo_year()
    once = [
        organisation
        for organisation in network.organisations.order_by("-pk")
        if list(organisation.assessments.values_list("status", flat=True))
        == [Assessment.Status.SUBMITTED]
    ][:REASSESSED]
    for index, organisation in enumerate(once):
        admin = organisation.memberships.filter(role=OrgRole.ADMIN).first().user
        assessment = assessment_services.start(organisation, latest_version(), str(year), admin)
        assessment.answers.all().delete()  # answered afresh, not carried over
        assessment_demo.answer(assessment, 0.45 + 0.15 * rng.random(), rng)
        assessment_services.submit(assessment, admin)
        assessment.refresh_from_db()
        spring = datetime(year, 4 + index, 12, 10)
        week_ago = timezone.localtime() - timedelta(days=7)
        assessment_demo.backdate(assessment, min(spring, week_ago.replace(tzinfo=None)))


def _date_adoptions(network) -> None:
    """An adoption whose questions lose fewer points in the member's latest
    assessment than in its first is dated between the two: it is what changed
    the answers. The others stay dated today, after every assessment. The
    measured gains (levier.practices.gains) then have adopters to measure."""
    snapshots: dict[int, list] = {}
    for pk, organisation_id, created_at in (
        ScoreSnapshot.objects.filter(organisation__network=network, is_current=True)
        .order_by("created_at", "pk")
        .values_list("pk", "organisation_id", "created_at")
    ):
        snapshots.setdefault(organisation_id, []).append((pk, created_at))
    pairs = {o: (found[0], found[-1]) for o, found in snapshots.items() if len(found) >= 2}
    lost = {
        (snapshot_id, code): points
        for snapshot_id, code, points in ScoreLine.objects.filter(
            snapshot__in=[s for pair in pairs.values() for s, _at in pair],
            level=ScoreLine.Level.QUESTION,
        ).values_list("snapshot_id", "code", "lost")
    }
    questions: dict[int, set[str]] = {}
    for practice_id, code in PracticeLink.objects.filter(
        practice__network__isnull=True
    ).values_list("practice_id", "question_code"):
        questions.setdefault(practice_id, set()).add(code)
    for adoption in Adoption.objects.filter(organisation_id__in=list(pairs)).order_by("pk"):
        (first, first_at), (last, last_at) = pairs[adoption.organisation_id]
        codes = [
            code
            for code in sorted(questions.get(adoption.practice_id, ()))
            if lost.get((first, code)) is not None and lost.get((last, code)) is not None
        ]
        before = sum(lost[(first, code)] for code in codes)
        after = sum(lost[(last, code)] for code in codes)
        if codes and after < before:
            Adoption.objects.filter(pk=adoption.pk).update(
                created_at=first_at + (last_at - first_at) / 2
            )


def _proposals(network) -> None:
    organisations = list(network.organisations.order_by("pk")[:3])
    if len(organisations) < 3:
        return
    Practice.objects.create(
        network=network,
        code="causeries-rse-atelier",
        title="Des « causeries RSE » d’un quart d’heure chaque mois",
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
