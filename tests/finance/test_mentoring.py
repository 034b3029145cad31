"""Mentoring pairs: the network's staff list, create, edit and end them and
keep dated notes; the model's checks show on the form; nobody else reaches
them."""

from datetime import date

import pytest
from django.urls import reverse

from levier.finance.models import MentoringNote, MentoringPair
from tests.finance.project_fixtures import (  # noqa: F401
    finance_world,
    signed_in,
    themes_fixture,
)

pytestmark = pytest.mark.django_db


def _pair(fw, **fields):
    values = {
        "network": fw["network"],
        "kind": MentoringPair.Kind.PEER,
        "mentor_organisation": fw["neighbour"],
        "mentee": fw["carrier"],
        "started_on": date(2026, 1, 5),
    }
    values.update(fields)
    return MentoringPair.objects.create(**values)


def _post(fw, url, **data):
    return signed_in(fw["animator"]).post(url, data, secure=True)


def test_the_staff_creates_a_pair_with_a_funder_as_mentor(fw):
    url = reverse("mentoring_create", args=[fw["network"].slug])
    assert signed_in(fw["animator"]).get(url, secure=True).status_code == 200
    response = _post(
        fw,
        url,
        kind="accelerator_fund",
        mentor_funder=fw["fund"].pk,
        mentee=fw["carrier"].pk,
        goals="Préparer la levée.",
        started_on="2026-03-01",
    )
    assert response.status_code == 302
    pair = MentoringPair.objects.get()
    assert (pair.network, pair.mentor_funder, pair.mentee) == (
        fw["network"],
        fw["fund"],
        fw["carrier"],
    )
    listing = signed_in(fw["animator"]).get(
        reverse("mentoring_list", args=[fw["network"].slug]), secure=True
    )
    assert "Fonds Impact" in listing.content.decode()


@pytest.mark.parametrize(
    "data",
    [
        {},  # no mentor
        {"mentor_funder": "fund", "mentor_organisation": "neighbour"},  # two mentors
        {"mentor_organisation": "carrier"},  # oneself
        {"mentor_organisation": "neighbour", "ended_on": "2025-01-01"},  # end before start
    ],
)
def test_the_models_checks_show_on_the_form(fw, data):
    post = {"kind": "peer", "mentee": fw["carrier"].pk, "started_on": "2026-03-01"}
    for key, value in data.items():
        post[key] = fw[value].pk if value in ("fund", "neighbour", "carrier") else value
    response = _post(fw, reverse("mentoring_create", args=[fw["network"].slug]), **post)
    assert response.status_code == 400
    assert 'class="form-errors"' in response.content.decode()
    assert not MentoringPair.objects.exists()


def test_another_networks_organisations_are_not_offered(fw):
    response = _post(
        fw,
        reverse("mentoring_create", args=[fw["network"].slug]),
        kind="peer",
        mentor_organisation=fw["far_org"].pk,
        mentee=fw["carrier"].pk,
        started_on="2026-03-01",
    )
    assert response.status_code == 400
    assert not MentoringPair.objects.exists()


def test_edit_end_and_notes(fw):
    pair = _pair(fw)
    slug = fw["network"].slug
    response = _post(
        fw,
        reverse("mentoring_edit", args=[slug, pair.pk]),
        kind="peer",
        mentor_organisation=fw["neighbour"].pk,
        mentee=fw["carrier"].pk,
        goals="Nouveaux objectifs",
        started_on="2026-01-05",
    )
    assert response.status_code == 302
    pair.refresh_from_db()
    assert pair.goals == "Nouveaux objectifs"

    detail = reverse("mentoring_detail", args=[slug, pair.pk])
    assert _post(fw, detail, on="2026-02-01", text="Point d’étape").status_code == 302
    note = MentoringNote.objects.get(pair=pair)
    assert note.written_by == fw["animator"]
    assert "Point d’étape" in signed_in(fw["animator"]).get(detail, secure=True).content.decode()

    # An end before the start is refused; a later one ends the pair.
    _post(fw, reverse("mentoring_end", args=[slug, pair.pk]), ended_on="2025-12-01")
    pair.refresh_from_db()
    assert pair.ended_on is None
    _post(fw, reverse("mentoring_end", args=[slug, pair.pk]), ended_on="2026-06-30")
    pair.refresh_from_db()
    assert pair.ended_on == date(2026, 6, 30)

    _post(fw, reverse("mentoring_note_delete", args=[slug, pair.pk, note.pk]))
    assert not MentoringNote.objects.exists()


def test_only_the_networks_staff_reach_mentoring(fw):
    pair = _pair(fw)
    note = MentoringNote.objects.create(pair=pair, on=date(2026, 2, 1), text="Note")
    slug = fw["network"].slug
    urls = [
        reverse("mentoring_list", args=[slug]),
        reverse("mentoring_create", args=[slug]),
        reverse("mentoring_detail", args=[slug, pair.pk]),
        reverse("mentoring_edit", args=[slug, pair.pk]),
    ]
    for user in (fw["admin"], fw["neighbour_admin"], fw["contact"], fw["far_animator"]):
        client = signed_in(user)
        for url in urls:
            assert client.get(url, secure=True).status_code == 404, (user, url)
        client.post(
            reverse("mentoring_end", args=[slug, pair.pk]), {"ended_on": "2026-06-30"}, secure=True
        )
        client.post(reverse("mentoring_note_delete", args=[slug, pair.pk, note.pk]), secure=True)
    pair.refresh_from_db()
    assert pair.ended_on is None and MentoringNote.objects.filter(pk=note.pk).exists()
    client = signed_in(fw["animator"])
    for url in urls:
        assert client.get(url, secure=True).status_code == 200
    # Another network's animator cannot open this pair through their own network.
    far = reverse("mentoring_detail", args=[fw["elsewhere"].slug, pair.pk])
    assert signed_in(fw["far_animator"]).get(far, secure=True).status_code == 404
