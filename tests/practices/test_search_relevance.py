"""Relevance: a dozen searches over a fixed small library, and the three
practices a person expects first, in order. The same expectations hold on
SQLite (bm25, title weighted) and PostgreSQL (ts_rank, title at weight A,
normalised by length): the CI runs this file on both."""

import pytest

from levier.practices.models import Practice
from levier.practices.search import ranked_ids
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db

LIBRARY = {
    "flotte-velos": (
        "Flotte de vélos partagée",
        "Des vélos à assistance électrique prêtés aux salariés pour leurs trajets courts.",
    ),
    "plan-mobilite": (
        "Plan de mobilité employeur",
        "Covoiturage, vélo, transports en commun : un plan pour les trajets domicile-travail.",
    ),
    "indemnite-velo": (
        "Indemnité kilométrique vélo",
        "Une prime versée aux salariés qui viennent travailler à vélo.",
    ),
    "charte-teletravail": (
        "Charte de télétravail",
        "Un cadre écrit pour travailler à distance, négocié avec les représentants du personnel.",
    ),
    "travail-hybride": (
        "Accord sur le travail hybride",
        "Deux jours de télétravail par semaine et des équipes qui se retrouvent au bureau.",
    ),
    "recrutement-sans-cv": (
        "Recrutement sans CV",
        "Des candidats évalués par des mises en situation plutôt que sur leur parcours.",
    ),
    "egalite-salaires": (
        "Égalité femmes-hommes dans les salaires",
        "Mesurer les écarts de salaire et les corriger chaque année.",
    ),
    "bilan-carbone-achats": (
        "Bilan carbone des achats",
        "Mesurer les émissions des achats et choisir des fournisseurs sobres en carbone.",
    ),
    "carbone-deplacements": (
        "Réduire le carbone des déplacements",
        "Un bilan des déplacements professionnels : le train plutôt que l'avion.",
    ),
    "achats-locaux": (
        "Achats locaux et responsables",
        "Des fournisseurs du territoire payés dans des délais courts.",
    ),
    "delais-paiement": (
        "Délais de paiement des fournisseurs",
        "Payer les petites entreprises fournisseurs à trente jours.",
    ),
    "handicap-managers": (
        "Former les managers au handicap",
        "Des ateliers de formation pour accueillir des salariés en situation de handicap.",
    ),
    "mecenat-competences": (
        "Mécénat de compétences",
        "Des salariés donnent de leur temps et de leurs compétences à des associations.",
    ),
    "fondation": (
        "Fondation d'entreprise",
        "Une fondation qui porte le mécénat de l'entreprise auprès des associations locales.",
    ),
}

EXPECTED_TOP_3 = [
    ("vélos", ["indemnite-velo", "flotte-velos", "plan-mobilite"]),
    ("télétravail", ["charte-teletravail", "travail-hybride"]),
    ("charte de télétravail", ["charte-teletravail"]),
    ("carbone", ["carbone-deplacements", "bilan-carbone-achats"]),
    ("bilan carbone", ["bilan-carbone-achats", "carbone-deplacements"]),
    ("fournisseurs", ["delais-paiement", "achats-locaux", "bilan-carbone-achats"]),
    ("délais de paiement", ["delais-paiement"]),
    ("achats locaux", ["achats-locaux"]),
    ("mécénat", ["mecenat-competences", "fondation"]),
    ("compétences", ["mecenat-competences"]),
    ("handicap", ["handicap-managers"]),
    ("salariés", ["mecenat-competences", "handicap-managers", "indemnite-velo"]),
    ("recrutement sans cv", ["recrutement-sans-cv"]),
    ("egalite des salaires", ["egalite-salaires"]),
    ("travail", ["travail-hybride", "charte-teletravail", "indemnite-velo"]),
]


@pytest.fixture
def library(db):
    for code, (title, summary) in LIBRARY.items():
        make_practice(code=code, title=title, summary=summary, steps="Commencer\nMesurer")


def _top_3(text):
    codes = dict(Practice.objects.values_list("pk", "code"))
    return [codes[pk] for pk in ranked_ids(Practice.objects.all(), text)[:3]]


@pytest.mark.parametrize(("text", "expected"), EXPECTED_TOP_3)
def test_the_expected_practices_come_first(library, text, expected):
    assert _top_3(text) == expected
