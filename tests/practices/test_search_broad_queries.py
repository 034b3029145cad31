"""A query matching more practices than the engine ranks (CANDIDATES) still
puts the practices with every word in their title first: they form a tier of
their own, ranked before the body matches, whatever their age."""

import pytest

from levier.practices import search
from levier.practices.models import Practice
from levier.practices.search import RankedSearch
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(db):
    title_match = make_practice(code="title", title="Un plan vélo", summary="Pour tous.")
    for n in range(6):
        make_practice(code=f"body-{n}", title=f"Mobilité {n}", summary="Un plan vélo.")
    return title_match


def test_title_matches_first_beyond_the_candidates(library, monkeypatch):
    monkeypatch.setattr(search, "CANDIDATES", 3)
    ranked = RankedSearch(Practice.objects.all(), "vélo")

    assert ranked.ids(2)[0] == library.pk
    # One title match and the three newest body matches, never more.
    assert ranked.count() == 4
    newest_body = Practice.objects.exclude(pk=library.pk).order_by("-pk")[:3]
    assert ranked.ids(10)[1:] != [] and set(ranked.ids(10)[1:]) == {p.pk for p in newest_body}
