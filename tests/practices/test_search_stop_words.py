"""French (and English) stop words are left out of the search: a query with
"de", "les", "des", "pour"… finds what the same query without them finds."""

import pytest

from levier.practices.models import Practice
from levier.practices.search import ranked_ids
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(db):
    make_practice(code="charte", title="Charte télétravail", summary="Un cadre écrit.")
    make_practice(code="delais", title="Payer vite", summary="Délais paiement raccourcis.")
    make_practice(code="velos", title="Vélos partagés", summary="Pour les trajets des salariés.")
    make_practice(code="interim", title="Sensibiliser les agences d'intérim à l'égalité")


def _found(text):
    codes = dict(Practice.objects.values_list("pk", "code"))
    return [codes[pk] for pk in ranked_ids(Practice.objects.all(), text)]


@pytest.mark.parametrize(
    ("with_stop_words", "without"),
    [
        ("charte de télétravail", "charte télétravail"),
        ("les délais de paiement", "délais paiement"),
        ("des vélos pour les salariés", "vélos salariés"),
        ("agences d'intérim", "agences intérim"),
        ("the charte of télétravail", "charte télétravail"),
    ],
)
def test_stop_words_change_nothing(library, with_stop_words, without):
    assert _found(with_stop_words) == _found(without) != []
