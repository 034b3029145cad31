"""The library shipped with Levier: valid, broad, and tied to Levier 360."""

from collections import Counter

import pytest

from levier.frameworks.services import latest_pack
from levier.practices.exchange import shipped_rows, sync_shipped, validate
from levier.practices.models import Practice, PracticeLink

pytestmark = pytest.mark.django_db


def test_the_shipped_library_is_valid_and_large():
    rows = validate(shipped_rows(), None)

    assert len(rows) >= 100


def test_every_theme_has_at_least_five_practices():
    pack = latest_pack()
    first_themes = Counter(row.fields["themes"][0] for row in validate(shipped_rows(), None))

    for theme in pack.themes:
        assert first_themes[theme.code] >= 5, theme.code


def test_practices_lead_to_a_better_level_than_the_lowest():
    for row in validate(shipped_rows(), None):
        assert row.links, row.fields["code"]
        for framework, question_code, level_code in row.links:
            question = latest_pack(framework).question(question_code)
            level = question.level(level_code)
            assert level.points > question.starting_points, (row.fields["code"], question_code)


def test_every_practice_has_an_english_title_and_summary():
    for row in validate(shipped_rows(), None):
        assert row.fields["title_en"] and row.fields["summary_en"], row.fields["code"]


def test_syncing_twice_changes_nothing():
    created, _updated = sync_shipped()
    again_created, again_updated = sync_shipped()

    assert created >= 100 and again_created == 0 and again_updated == created
    assert Practice.objects.filter(network=None, status="published").count() == created
    assert PracticeLink.objects.count() >= created
