"""The suggestions of "where to start" for one assessment, from the practices
the active scope sees (the person's networks and the shared library): the
Django side of `levier.engine.suggestions`."""

from django.db.models import Count, Q

from levier.assessments import services as assessments
from levier.engine import suggestions as engine
from levier.practices.models import Adoption, Practice, PracticeLink


def _options(assessment) -> tuple[list[engine.PracticeOption], dict[int, Practice]]:
    """Every published practice in scope that leads to a level of the
    assessment's framework, with how many peers of the same size adopted it."""
    framework = assessment.framework_version.framework.code
    practices = {
        p.pk: p for p in Practice.objects.published().filter(links__framework=framework).distinct()
    }
    adopters = {
        row["practice"]: row
        for row in Adoption.objects.filter(practice__in=practices)
        .values("practice")
        .annotate(
            total=Count("pk"),
            similar=Count("pk", filter=Q(organisation__size_band=assessment.profile.size_band)),
        )
    }
    options = []
    for link in PracticeLink.objects.filter(practice__in=practices, framework=framework):
        practice = practices[link.practice_id]
        counts = adopters.get(practice.pk, {})
        options.append(
            engine.PracticeOption(
                practice_id=str(practice.pk),
                question_code=link.question_code,
                level_code=link.level_code,
                effort=practice.effort,
                cost=practice.cost,
                adopters_similar=counts.get("similar", 0),
                adopters_total=counts.get("total", 0),
            )
        )
    return options, practices


def suggestions(assessment, stored=None):
    """Ranked suggestions for the assessment's answers as they are now (its
    ``stored_answers``, when the caller has them already), and the practices
    they name, by primary key."""
    stored = assessments.stored_answers(assessment) if stored is None else stored
    answers = assessments.engine_answers(stored)
    options, practices = _options(assessment)
    found = engine.suggest(assessment.pack, assessment.profile, answers, options)
    return found, practices
