"""The migration to the weighted index (0004) recomputes the search document
of existing practices and rebuilds each database's index from it: a practice
stored before it, with the old document, is found and weighted afterwards."""

import pytest
from django.core.management import call_command

from levier.practices.models import Practice
from levier.practices.search import ranked_ids
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db(transaction=True)


def test_existing_practices_are_reindexed(db):
    body_match = make_practice(code="body", title="Accueil", summary="Un vélo par salarié.")
    title_match = make_practice(code="title", title="Vélo partagé", summary="Pour tous.")
    call_command("migrate", "practices", "0003", verbosity=0)
    # The documents as the old code wrote them: one line, title twice.
    Practice.objects.filter(pk=body_match.pk).update(search_document="accueil accueil un velo")
    Practice.objects.filter(pk=title_match.pk).update(search_document="velo partage pour tou")

    call_command("migrate", "practices", verbosity=0)

    stored = Practice.objects.get(pk=title_match.pk).search_document
    assert stored == title_match.build_search_document()
    assert ranked_ids(Practice.objects.all(), "vélo") == [title_match.pk, body_match.pk]
