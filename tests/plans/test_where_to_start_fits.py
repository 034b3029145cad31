"""Where to start offers a practice only to organisations of its sizes and
sectors; a question whose practices all fit others keeps its plain suggestion."""

import pytest
from django.core.cache import cache

from levier.plans import suggesting
from levier.practices.models import Adoption, Practice
from levier.tenancy.scope import acting_as, system
from tests.factories import make_organisation

pytestmark = pytest.mark.django_db


def _suggested(assessment, user):
    with acting_as(user):
        found, _practices = suggesting.suggestions(assessment)
    return {s.question_code: s for s in found}


def _a_question_with_two_practices(found):
    return next(s for s in found.values() if len(s.practices) >= 2)


def _set(practice_id, **fields):
    with system():
        practice = Practice.objects.get(pk=practice_id)
        for name, value in fields.items():
            setattr(practice, name, value)
        practice.save()  # through save(): the cached options are forgotten


def test_a_practice_for_other_sizes_or_sectors_is_not_offered(submitted, admin):
    company = submitted.organisation
    assert company.size_band == "small" and submitted.profile.naf_section == "C"
    before = _suggested(submitted, admin)
    suggestion = _a_question_with_two_practices(before)
    large_only, elsewhere, *_rest = [o.practice_id for o in suggestion.practices]
    _set(large_only, size_bands=["large"])
    _set(elsewhere, sectors=["A"])

    after = _suggested(submitted, admin)

    offered = {o.practice_id for s in after.values() for o in s.practices}
    assert large_only not in offered and elsewhere not in offered
    # The same practices for this size and sector are offered again.
    _set(large_only, size_bands=["small", "large"])
    _set(elsewhere, sectors=["A", "C"])
    offered = {o.practice_id for s in _suggested(submitted, admin).values() for o in s.practices}
    assert {large_only, elsewhere} <= offered


def test_a_question_whose_practices_all_fit_others_keeps_a_plain_suggestion(submitted, admin):
    suggestion = _a_question_with_two_practices(_suggested(submitted, admin))
    with system():
        linked = list(
            Practice.objects.filter(
                links__question_code=suggestion.question_code, status="published"
            ).values_list("pk", flat=True)
        )
    for pk in linked:
        _set(pk, size_bands=["large"])

    after = _suggested(submitted, admin)

    plain = after[suggestion.question_code]
    assert plain.practices == ()
    assert plain.gain.overall > 0
    assert not any(
        s.practices and int(s.practices[0].practice_id) in linked for s in after.values()
    )


def test_peers_who_did_it_count_adopters_of_the_same_size(submitted, admin, network):
    suggestion = _a_question_with_two_practices(_suggested(submitted, admin))
    practice_id = int(suggestion.practices[0].practice_id)
    sizes = {"small": 25, "large": 400}
    with system():
        practice = Practice.objects.get(pk=practice_id)
        for headcount in [sizes["small"], sizes["small"], sizes["large"]]:
            Adoption.objects.create(
                practice=practice, organisation=make_organisation(network, headcount=headcount)
            )

    after = _suggested(submitted, admin)[suggestion.question_code]

    option = next(o for o in after.practices if int(o.practice_id) == practice_id)
    assert option.adopters_similar == 2
    assert option.adopters_total == 3


def test_options_kept_in_the_process_are_not_served_after_the_shared_cache_is_flushed(
    submitted, admin
):
    # Each process keeps the counted options decoded, keyed by the practices'
    # generation: after a flush (a Redis restart) the generation must be a new
    # one, or a change made meanwhile would be hidden by the process's copy.
    suggestion = _a_question_with_two_practices(_suggested(submitted, admin))
    practice_id = suggestion.practices[0].practice_id
    before = suggesting.generation()
    cache.clear()
    with system():  # no signal: only a new generation can reveal the change
        Practice.objects.filter(pk=practice_id).update(size_bands=["large"])

    after = _suggested(submitted, admin)

    assert suggesting.generation() != before
    offered = {o.practice_id for s in after.values() for o in s.practices}
    assert practice_id not in offered
