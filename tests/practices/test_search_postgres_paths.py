"""On PostgreSQL, a search reads its matches through the GIN index when the
planner expects few of them, and walks the primary key from the newest
practice otherwise; both ways list exactly the same practices."""

import pytest
from django.db import connection

from levier.practices import search
from levier.practices.models import Practice
from levier.practices.search import RankedSearch
from tests.practices.factories import make_practice

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner"),
]


@pytest.fixture
def library(db):
    for n in range(120):
        rare = "Un compost partagé." if n % 40 == 0 else ""
        make_practice(
            code=f"p-{n}",
            title=f"Plan vélo {n}" if n % 3 == 0 else f"Action {n}",
            summary=f"Un plan pour les salariés. {rare}",
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE practices_practice")


@pytest.mark.parametrize("text", ["compost", "plan", "vélo", "plan salariés", "pla"])
def test_both_ways_list_the_same_practices(library, monkeypatch, text):
    monkeypatch.setattr(search, "CANDIDATES", 25)
    listed = {}
    for selective in (True, False):
        ranked = RankedSearch(Practice.objects.all(), text)
        ranked.__dict__["_postgres_selective"] = selective
        listed[selective] = (ranked.ids(50), ranked.count())

    assert listed[True] == listed[False]
    assert listed[True][1] > 0


def test_a_rare_word_is_read_through_the_index_and_a_common_one_is_not(library):
    assert RankedSearch(Practice.objects.all(), "compost")._postgres_selective
    assert not RankedSearch(Practice.objects.all(), "plan")._postgres_selective
