"""The mission's pages speak French to a French reader: every choice of the
models and every rule's message has its French translation, the section
nav and the themes are in French, and a committee meeting has an "ordre du
jour" (not the events' "agenda") with the members present."""

import polib
import pytest
from django.conf import settings
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext

from levier.mission import models, services
from levier.mission.models import CommitteeMeeting
from tests.mission import core_data as d

pytestmark = pytest.mark.django_db

CHOICES = [
    models.Governance,
    models.ObjectiveKind,
    models.MissionTheme,
    models.MeasureEvery,
]
CATALOGUE = settings.LOCALE_PATHS[0] / "fr" / "LC_MESSAGES" / "django.po"


def _labels():
    """The labels as written in the code: in English, Levier's source language."""
    with translation.override("en"):
        for choices in CHOICES:
            yield from (str(label) for label in choices.labels)
        for messages in (services.COMMITTEE_PROBLEMS, services.DEADLINE_RULES):
            yield from (str(message) for message in messages.values())


def _fields():
    with translation.override("en"):
        yield from _field_texts()


def _field_texts():
    for model in (
        models.Mission,
        models.StatutoryObjective,
        models.OperationalObjective,
        models.Indicator,
        models.IndicatorMeasurement,
        models.CommitteeMember,
        models.CommitteeMeeting,
        models.CommitteeReport,
        models.Verification,
    ):
        for field in model._meta.get_fields():
            if getattr(field, "auto_created", False) or not field.concrete:
                continue
            if field.name in ("id", "created_at", "updated_at") or not field.editable:
                continue
            if isinstance(field.verbose_name, Promise):  # named for the reader
                yield str(field.verbose_name)
            if field.help_text:
                yield str(field.help_text)


@pytest.mark.parametrize("msgid", sorted(set(_labels()) | set(_fields())))
def test_every_label_of_the_mission_is_in_the_french_catalogue(msgid):
    entry = polib.pofile(str(CATALOGUE)).find(msgid)
    assert entry is not None and entry.msgstr, msgid


def test_the_overview_is_in_french(client):
    company = d.company()
    d.add_objective(company.mission)
    client.force_login(company.viewer)

    page = client.get(d.url("mission", company.organisation)).content.decode()

    assert "Mission et objectifs" in page
    assert "Climat et énergie" in page
    assert "Mission and objectives" not in page
    with translation.override("fr"):
        assert gettext("Then at least every two years after the last verification.") != (
            "Then at least every two years after the last verification."
        )


def test_a_meeting_has_an_ordre_du_jour_and_members_present(client):
    company = d.company()
    meeting = CommitteeMeeting.objects.create(
        mission=company.mission, held_on=company.mission.published_on, agenda="Bilan"
    )
    client.force_login(company.viewer)

    committee = client.get(d.url("mission_committee", company.organisation)).content.decode()
    detail = client.get(
        d.url("mission_meeting", company.organisation, meeting.pk)
    ).content.decode()

    assert '<th scope="col">Ordre du jour</th>' in committee
    assert '<th scope="col" class="number">Présents</th>' in committee
    assert '<h2 id="agenda-title">Ordre du jour</h2>' in detail
    assert "<dt>Présents</dt>" in detail
