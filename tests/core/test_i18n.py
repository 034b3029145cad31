import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from tests.factories import make_member, make_organisation

pytestmark = pytest.mark.django_db

CATALOGUES = sorted(Path(settings.LOCALE_PATHS[0]).glob("*/LC_MESSAGES/django.po"))


def test_french_is_the_default(client):
    page = client.get(reverse("home")).content.decode()
    assert '<html lang="fr"' in page
    assert "Se connecter" in page


def test_english_can_be_chosen_and_sticks(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302

    page = client.get(reverse("home")).content.decode()

    assert '<html lang="en"' in page
    assert "Sign in" in page


def test_dates_and_numbers_are_localised(client, network):
    organisation = make_organisation(network, headcount=1250)
    client.force_login(make_member(organisation))

    french = client.get(reverse("my_data")).content.decode()
    client.post(reverse("set_language"), {"language": "en"})
    english = client.get(reverse("my_data")).content.decode()

    year = str(timezone.localtime().year)
    month_fr = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ][timezone.localtime().month - 1]
    assert f"{month_fr} {year}" in french
    assert year in english and month_fr not in english


def test_the_time_zone_is_paris():
    assert settings.TIME_ZONE == "Europe/Paris"


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.parts[-3])
def test_every_string_is_translated(path):
    catalogue = polib.pofile(str(path))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert not untranslated, untranslated
    assert not fuzzy, fuzzy


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.parts[-3])
def test_translations_keep_their_placeholders(path):
    import re

    placeholder = re.compile(r"%\(\w+\)[sd]|\{\w*\}")
    for entry in polib.pofile(str(path)).translated_entries():
        translations = [entry.msgstr] if not entry.msgid_plural else entry.msgstr_plural.values()
        for translation in translations:
            expected = set(placeholder.findall(entry.msgid))
            assert set(placeholder.findall(translation)) <= expected | set(
                placeholder.findall(entry.msgid_plural or "")
            ), entry.msgid


# French typography: a no-break space (U+00A0) before « : », « % » and « » »
# and after « « », a narrow one (U+202F) before « ; », « ! » and « ? », so
# that no line starts with a punctuation mark. A « % » that starts a
# placeholder (« de %(name)s ») is not a percent sign.
BREAKING_SPACE_IN_FRENCH = re.compile(r" (?=[:;!?»]|%%|%(?![(a-z]))|« ")


def test_french_punctuation_never_follows_a_breaking_space():
    catalogue = polib.pofile(str(Path(settings.LOCALE_PATHS[0]) / "fr/LC_MESSAGES/django.po"))
    wrong = []
    for entry in catalogue.translated_entries():
        translations = [entry.msgstr] if not entry.msgid_plural else entry.msgstr_plural.values()
        wrong += [t for t in translations if BREAKING_SPACE_IN_FRENCH.search(t)]
    assert not wrong, wrong


# French text uses the typographic apostrophe (« l’évaluation »), as most of
# the catalogue always did: one form, not two, on the same page.
STRAIGHT_APOSTROPHE = re.compile(r"(?<=[A-Za-zÀ-ÿ])'(?=[A-Za-zÀ-ÿ])")


def test_french_uses_the_typographic_apostrophe():
    catalogue = polib.pofile(str(Path(settings.LOCALE_PATHS[0]) / "fr/LC_MESSAGES/django.po"))
    wrong = []
    for entry in catalogue.translated_entries():
        translations = [entry.msgstr] if not entry.msgid_plural else entry.msgstr_plural.values()
        wrong += [t for t in translations if STRAIGHT_APOSTROPHE.search(t)]
    assert not wrong, wrong
