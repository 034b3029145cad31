"""French search that forgives accents, case and plurals, on SQLite and PostgreSQL."""

import pytest

from levier.practices.models import Practice
from levier.practices.search import ranked_ids
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(db):
    return {
        "cv": make_practice(
            title="Recrutement sans CV, par mises en situation",
            summary="Des candidats évalués sur des exercices concrets, pas sur leur parcours.",
        ),
        "egalite": make_practice(
            title="Sensibiliser les agences d'intérim à l'égalité",
            summary="Des partenaires de recrutement formés aux biais.",
        ),
        "velo": make_practice(
            title="Une flotte de vélo partagée entre entreprises voisines",
            summary="Des vélos à assistance électrique pour les trajets courts.",
        ),
        "teletravail": make_practice(
            title="Charte de télétravail",
            summary="Un cadre écrit pour travailler à distance.",
            steps="Consulter l'équipe\nRédiger la charte",
        ),
    }


def _found(text):
    codes = dict(Practice.objects.values_list("pk", "code"))
    return [codes[pk] for pk in ranked_ids(Practice.objects.all(), text)]


def test_case_does_not_matter(library):
    assert _found("recrutement sans cv")[0] == library["cv"].code
    assert _found("RECRUTEMENT SANS CV")[0] == library["cv"].code


def test_accents_do_not_matter(library):
    assert _found("egalite") == [library["egalite"].code]
    assert _found("télétravail") == _found("teletravail") == [library["teletravail"].code]


@pytest.mark.parametrize("text", ["vélos", "vélo", "velo", "VELOS"])
def test_singular_and_plural_alike(library, text):
    assert library["velo"].code in _found(text)


def test_the_last_word_matches_as_a_prefix(library):
    assert _found("recrut")[0] == library["cv"].code


def test_a_title_match_ranks_above_a_body_match(library):
    make_practice(
        title="Accueillir les nouveaux arrivants",
        summary="Un parcours d'intégration ; le recrutement se prolonge par un accueil soigné.",
        code="accueil",
    )

    found = _found("recrutement")

    assert found.index(library["cv"].code) < found.index("accueil")


def test_nothing_found_for_unknown_words(library):
    assert _found("blockchain") == []


def test_search_follows_edits(library):
    practice = library["teletravail"]
    practice.title = "Charte du travail hybride"
    practice.save()

    assert _found("hybride") == [practice.code]
    practice.delete()
    assert _found("hybride") == []


def test_other_filters_still_apply(library):
    allowed = Practice.objects.exclude(pk=library["velo"].pk)

    assert ranked_ids(allowed, "vélo") == []
