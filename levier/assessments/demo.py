"""Plausible, deterministic answers for the demo network."""

import random
from datetime import datetime, timedelta

from django.utils import timezone

from levier.accounts.models import OrgRole
from levier.assessments import services
from levier.assessments.models import Answer, Assessment, AssessmentEvent, ScoreSnapshot
from levier.engine.packs import MULTIPLE_CHOICE, NUMBER, PERCENTAGE, TEXT, Question
from levier.engine.whatif import band_value
from levier.frameworks.models import FrameworkVersion
from levier.insights import figures as network_figures

COMMENTS = [
    "Point abordé en comité de direction au printemps.",
    "À compléter avec les chiffres du service RH.",
    "Démarche lancée cette année, premiers résultats attendus.",
    "Voir le compte rendu de la dernière réunion du CSE.",
]


def _level_index(count: int, maturity: float, rng: random.Random) -> int:
    """A level around the organisation's maturity, with some spread."""
    centre = maturity * (count - 1)
    return max(0, min(count - 1, round(rng.gauss(centre, 0.9))))


def _answer_fields(question: Question, maturity: float, rng: random.Random) -> dict:
    if question.allow_na and rng.random() < 0.08:
        return {"not_applicable": True}
    if question.type == TEXT:
        return {"text": "Nous en parlons chaque année avec l’équipe."}
    if question.type == MULTIPLE_CHOICE:
        plain = [level for level in question.levels if not level.exclusive]
        chosen = [level.code for level in plain if rng.random() < maturity]
        if not chosen:
            exclusive = [level for level in question.levels if level.exclusive]
            chosen = [exclusive[0].code] if exclusive else [plain[0].code]
        return {"levels": sorted(chosen)}
    ranked = sorted(question.levels, key=lambda level: level.points)
    level = ranked[_level_index(len(ranked), maturity, rng)]
    if question.type in (NUMBER, PERCENTAGE):
        return {"value": band_value(question, level)}
    return {"levels": [level.code]}


def answer(assessment: Assessment, maturity: float, rng: random.Random, share=1.0) -> None:
    """Answer ``share`` of the shown questions (follow-ups once their parent allows)."""
    pack = assessment.pack
    authors = [m.user for m in assessment.organisation.memberships.select_related("user")]
    done: set[str] = set(assessment.answers.values_list("question_code", flat=True))
    for _round in range(3):  # follow-ups appear once their parent is answered
        result = services.score(assessment)
        pending = [
            code
            for code in (*result.missing, *_shown_text(assessment, result))
            if code not in done
        ]
        if not pending:
            break
        rows = []
        for code in pending:
            done.add(code)
            if rng.random() > share:
                continue
            fields = _answer_fields(pack.question(code), maturity, rng)
            if rng.random() < 0.07:
                fields["comment"] = rng.choice(COMMENTS)
            rows.append(
                Answer(
                    assessment=assessment,
                    question_code=code,
                    answered_by=rng.choice(authors) if authors else None,
                    **fields,
                )
            )
        Answer.objects.bulk_create(rows)


def _shown_text(assessment, result):
    hidden = set(result.hidden) | set(result.excluded)
    return [q.code for q in assessment.pack.questions if q.type == TEXT and q.code not in hidden]


def backdate(assessment: Assessment, when: datetime) -> None:
    """Place a demo assessment in the past, as if taken then."""
    moment = timezone.make_aware(when)
    Assessment.objects.filter(pk=assessment.pk).update(
        created_at=moment, submitted_at=moment if not assessment.is_draft else None
    )
    ScoreSnapshot.objects.filter(assessment=assessment).update(
        created_at=moment, year=timezone.localtime(moment).year
    )
    AssessmentEvent.objects.filter(assessment=assessment).update(at=moment)
    Answer.objects.filter(assessment=assessment).update(updated_at=moment)
    # Updates bypass the maintained network figures: bring them in step.
    network_figures.refresh_organisation(assessment.organisation_id)


def demo_year() -> int:
    """The year of the demo's latest assessments: this year once spring's have
    been submitted, else last year, so that the demo never ages out of the
    24-month benchmarks nor dates anything in the future."""
    return (timezone.localdate() - timedelta(days=240)).year


def _past(year: int, month: int, day: int) -> datetime:
    """That day at 10:00, or a week ago if that is still to come."""
    week_ago = timezone.localtime() - timedelta(days=7)
    return min(datetime(year, month, day, 10), week_ago.replace(tzinfo=None, microsecond=0))


def build(network) -> None:
    """Two years of assessments across the network: submitted, in progress, none yet."""
    rng = random.Random(360)
    year = demo_year()
    previous, current = str(year - 1), str(year)
    # Last year's assessments on the first version of Levier 360, this year's on
    # the newest: the demo shows a member moving from one version to the next,
    # its answers carried over where the question is the same.
    versions = FrameworkVersion.objects.filter(framework__code="levier-360").order_by(
        "published_at", "pk"
    )
    older, version = versions.first(), versions.last()
    for index, organisation in enumerate(network.organisations.order_by("pk")):
        maturity = 0.15 + 0.65 * rng.random()
        if index % 7 == 6:
            continue  # a newcomer: no assessment yet
        admin = organisation.memberships.filter(role=OrgRole.ADMIN).first().user
        first = services.start(organisation, older, previous, admin)
        answer(first, maturity, rng)
        services.submit(first, admin)
        first.refresh_from_db()
        backdate(first, _past(year - 1, 3 + index % 7, 3 + index % 25))
        if index == 0:
            continue  # Atelier Boisvert's next assessment is the visitor's to take
        if index % 3 == 1:
            second = services.start(organisation, version, current, admin)
            second.answers.all().delete()  # answered afresh, not carried over
            answer(second, min(1.0, maturity + 0.12), rng)
            services.submit(second, admin)
            second.refresh_from_db()
            backdate(second, _past(year, 3 + index % 7, 3 + index % 25))
        elif index % 3 == 0:
            draft = services.start(organisation, version, current, admin)
            answer(draft, min(1.0, maturity + 0.08), rng, share=0.5)
            backdate(draft, _past(year, 10, 1 + index % 28))
