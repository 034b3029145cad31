"""The suggestions of "where to start" for one assessment, from the practices
the active scope sees (the person's networks and the shared library): the
Django side of `levier.engine.suggestions`."""

import hashlib
import time
import uuid
from collections import OrderedDict

from django.core.cache import cache
from django.db.models import Count, Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from levier.assessments import services as assessments
from levier.engine import suggestions as engine
from levier.practices.models import Adoption, Practice, PracticeLink

# The practices and their adopters, counted over every member of the person's
# networks, are the same for everyone of a size in those networks: counted once,
# kept until a practice, link or adoption changes (or at most OPTIONS_SECONDS,
# for an organisation that changes size), so that the page costs the same in a
# federation of 10,000 members as in a club of thirty (ADR 0027).
OPTIONS_SECONDS = 600
# Renewed whenever a practice, its links or an adoption change: the library's
# cached pages are keyed by it too. A random token rather than a counter, so that
# a value never comes back once replaced (after a cache flush, a counter would
# restart at a number that process memories below may still hold).
GENERATION_KEY = "practices:generation"
# The counted options are also kept decoded in each process, under the same key:
# the shared entry holds every fitting practice (over a megabyte pickled at 1,000
# members, ten at 10,000), and fetching and unpickling it was most of the page's
# time and grew with the library. A few entries only: each is that large.
LOCAL_ENTRIES = 8
_local: OrderedDict[str, tuple[float, tuple]] = OrderedDict()


@receiver(post_save, sender=Adoption)
@receiver(post_delete, sender=Adoption)
@receiver(post_save, sender=Practice)
@receiver(post_delete, sender=Practice)
@receiver(post_save, sender=PracticeLink)
@receiver(post_delete, sender=PracticeLink)
def forget_options(**_kwargs) -> None:
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)


def generation() -> str:
    """The practices' current generation (see GENERATION_KEY), set when missing."""
    found = cache.get(GENERATION_KEY)
    if found is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
        found = cache.get(GENERATION_KEY)
    return found


def fits(practice: Practice, size_band: str | None, naf_section: str | None) -> bool:
    """Whether a practice is meant for an organisation of this size and sector:
    a practice with no size (sector) suits every size (sector); an organisation
    whose size (sector) is unknown is not held back by it."""
    sized = not practice.size_bands or size_band is None or size_band in practice.size_bands
    placed = not practice.sectors or naf_section is None or naf_section in practice.sectors
    return sized and placed


def _options(assessment) -> tuple[list[engine.PracticeOption], dict[int, Practice], frozenset]:
    """Every published practice in scope that leads to a level of the
    assessment's framework and is meant for the organisation's size and sector,
    with how many peers of the same size adopted it; and the questions whose
    practices are all meant for other sizes or sectors."""
    framework = assessment.framework_version.framework.code
    in_scope = Practice.objects.published().filter(links__framework=framework).distinct()
    profile = assessment.profile
    size_band, naf_section = profile.size_band, profile.naf_section
    # The scope is in the query's text (its networks): one entry per scope, size
    # and sector.
    scoped = (
        f"{in_scope.query}|{Adoption.objects.all().query}|{size_band}|{naf_section}|{generation()}"
    )
    key = "where-to-start:" + hashlib.sha256(scoped.encode()).hexdigest()
    now = time.monotonic()
    kept = _local.get(key)
    if kept is not None and kept[0] > now:
        _local.move_to_end(key)
        return kept[1]
    found = cache.get(key)
    if found is None:
        found = _count_options(in_scope, framework, size_band, naf_section)
        cache.set(key, found, OPTIONS_SECONDS)
    _local[key] = (now + OPTIONS_SECONDS, found)
    while len(_local) > LOCAL_ENTRIES:
        _local.popitem(last=False)
    return found


def _count_options(in_scope, framework, size_band, naf_section):
    every = {p.pk: p for p in in_scope}
    practices = {pk: p for pk, p in every.items() if fits(p, size_band, naf_section)}
    adopters = {
        row["practice"]: row
        for row in Adoption.objects.filter(practice__in=practices)
        .values("practice")
        .annotate(
            total=Count("pk"),
            similar=Count("pk", filter=Q(organisation__size_band=size_band)),
        )
    }
    options = []
    linked, fitting = set(), set()
    for link in PracticeLink.objects.filter(practice__in=every, framework=framework):
        linked.add(link.question_code)
        practice = practices.get(link.practice_id)
        if practice is None:
            continue
        fitting.add(link.question_code)
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
    # Questions whose practices are all meant for others still get their
    # suggestion, without a practice.
    return options, practices, frozenset(linked - fitting)


def suggestions(assessment, stored=None):
    """Ranked suggestions for the assessment's answers as they are now (its
    ``stored_answers``, when the caller has them already), and the practices
    they name, by primary key."""
    stored = assessments.stored_answers(assessment) if stored is None else stored
    answers = assessments.engine_answers(stored)
    options, practices, unfit = _options(assessment)
    found = engine.suggest(
        assessment.pack, assessment.profile, answers, options, plain_questions=unfit
    )
    return found, practices
