"""A network's token reads its members, its dashboard's figures (the
dashboard's own computation, with its anonymity rule) and their export;
nothing of another network."""

import csv
import io
from types import SimpleNamespace

import pytest
from django.test import override_settings
from django.urls import reverse

from levier.accounts.models import NetworkRole, OrgRole
from levier.assessments import services as assessments
from levier.audit.models import AuditEntry
from levier.frameworks.services import latest_version, sync_shipped_packs
from levier.insights.models import Sharing
from levier.practices.models import Adoption
from tests.api.factories import make_token
from tests.clubs.factories import make_club
from tests.factories import make_member, make_network, make_network_staff, make_organisation
from tests.insights.conftest import submit_assessment
from tests.practices.factories import make_practice

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_no_rate_limit")]

DASHBOARD = "/api/v1/network/dashboard"
MEMBERS = "/api/v1/network/members"
EXPORT = "/api/v1/network/exports/figures.csv"


@pytest.fixture
def _no_rate_limit():
    with override_settings(RATELIMIT_ENABLE=False):
        yield


def _tenant(label):
    network = make_network(name=f"Réseau {label}", slug=f"reseau-{label}")
    admin = make_network_staff(network, NetworkRole.Role.NETWORK_ADMIN)
    return SimpleNamespace(
        network=network,
        admin=admin,
        headers=make_token(admin, network=network, scopes=["network:read"])[1],
    )


@pytest.fixture
def ours():
    return _tenant("ours")


@pytest.fixture
def theirs():
    return _tenant("theirs")


def add_members(network, count, *, prefix="Membre", **fields):
    members = []
    for n in range(count):
        organisation = make_organisation(network, name=f"{prefix} {n}", **fields)
        make_member(organisation, OrgRole.ADMIN)
        members.append(organisation)
    return members


@pytest.fixture
def version(db):
    sync_shipped_packs()
    return latest_version()


# Members ------------------------------------------------------------------------


def test_the_network_lists_its_members_as_its_dashboard_shows_them(client, ours, theirs, version):
    alpha, beta = add_members(ours.network, 2)
    alpha.is_mission = True
    alpha.save()
    Sharing.objects.create(organisation=alpha, shared_by=alpha.memberships.get().user)
    submit_assessment(alpha, version, seed=1)
    assessments.start(beta, version, "2026", beta.memberships.get().user)
    add_members(theirs.network, 1, prefix="Leur membre")

    response = client.get(MEMBERS, **ours.headers)

    assert response.status_code == 200, response.content
    rows = {row["name"]: row for row in response.json()["items"]}
    assert set(rows) == {"Membre 0", "Membre 1"}
    assert rows["Membre 0"]["is_mission"] is True
    assert rows["Membre 0"]["shares_results"] is True
    assert rows["Membre 0"]["latest_assessment_status"] == "submitted"
    assert rows["Membre 0"]["last_submitted_at"]
    assert rows["Membre 1"]["latest_assessment_status"] == "draft"
    assert rows["Membre 1"]["shares_results"] is False
    assert rows["Membre 1"]["slug"] == beta.slug
    # What the members answered is not there: statuses only.
    assert "score" not in response.content.decode()


def test_members_filter_by_size_and_region(client, ours):
    add_members(ours.network, 2, headcount=5, region="32")
    add_members(ours.network, 1, prefix="Grande", headcount=400, region="11")

    large = client.get(MEMBERS, {"size_band": "large"}, **ours.headers).json()["items"]
    assert [row["name"] for row in large] == ["Grande 0"]
    assert len(client.get(MEMBERS, {"region": "32"}, **ours.headers).json()["items"]) == 2
    response = client.get(MEMBERS, {"region": "00"}, **ours.headers)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "region"


def test_one_member_by_its_slug_and_not_another_networks(client, ours, theirs):
    (ours_member,) = add_members(ours.network, 1)
    (their_member,) = add_members(theirs.network, 1, prefix="Leur membre")

    response = client.get(f"{MEMBERS}/{ours_member.slug}", **ours.headers)
    assert response.status_code == 200
    assert response.json()["name"] == "Membre 0"
    url = f"{MEMBERS}/{their_member.slug}"
    assert client.get(url, **ours.headers).status_code == 404
    assert client.get(url, **theirs.headers).status_code == 200


def test_listing_members_takes_as_many_queries_for_20_as_for_2(
    client, ours, django_assert_max_num_queries
):
    add_members(ours.network, 2)
    with django_assert_max_num_queries(99) as few:
        assert len(client.get(MEMBERS, **ours.headers).json()["items"]) == 2
    add_members(ours.network, 18, prefix="Autre")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get(MEMBERS, **ours.headers).json()["items"]) == 20


# Dashboard ----------------------------------------------------------------------


def test_the_dashboard_figures_are_the_web_dashboards(client, ours, version):
    members = add_members(ours.network, 6)
    for seed, organisation in enumerate(members):
        submit_assessment(organisation, version, seed=seed)
    practice = make_practice(ours.network, title="Covoiturage", code="covoiturage")
    for organisation in members[:5]:
        Adoption.objects.create(practice=practice, organisation=organisation)

    response = client.get(DASHBOARD, **ours.headers)

    assert response.status_code == 200, response.content
    body = response.json()
    client.force_login(ours.admin)
    web = client.get(reverse("network_dashboard", args=[ours.network.slug])).context
    assert body["counts"] == web["counts"]
    assert body["min_group"] == 5
    assert body["framework"]["id"] == web["version"].pk
    scores = body["scores"]
    assert scores["shown"] is True and scores["withheld_reason"] is None
    assert scores["scored"] == web["scored"] == 6
    overall = next(cell for cell in web["years"][0]["cells"] if cell)
    (api_overall,) = [y for y in scores["years"] if y["code"] == "overall"]
    assert api_overall["organisations"] == overall.organisations == 6
    assert api_overall["average"] == pytest.approx(overall.average, abs=0.01)
    assert api_overall["median"] == pytest.approx(overall.median, abs=0.01)
    assert sum(scores["distribution"]) == 6
    assert body["practices"]["most_adopted"] == [
        {"practice_id": practice.pk, "title": "Covoiturage", "adopters": 5}
    ]
    assert body["plans"]["shown"] is True
    assert body["participation"]["shown"] is True


def test_fewer_members_than_the_threshold_give_no_figure(client, ours, version):
    members = add_members(ours.network, 4)
    for seed, organisation in enumerate(members):
        submit_assessment(organisation, version, seed=seed)

    response = client.get(DASHBOARD, HTTP_ACCEPT_LANGUAGE="en", **ours.headers)

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["counts"] == {"total": 4, "not_started": 0, "in_progress": 0, "submitted": 4}
    for section in ("scores", "plans", "participation", "practices"):
        assert body[section]["shown"] is False
        assert body[section]["withheld_reason"].startswith("Fewer than 5 organisations match")
    assert body["scores"]["years"] is None
    assert body["scores"]["distribution"] is None
    assert body["scores"]["scored"] is None
    assert body["plans"]["open"] is None
    assert body["practices"]["most_adopted"] is None


def test_a_filter_narrowing_the_group_under_the_threshold_hides_its_figures(client, ours, version):
    members = add_members(ours.network, 5, headcount=20)
    members += add_members(ours.network, 1, prefix="Grande", headcount=400)
    for seed, organisation in enumerate(members):
        submit_assessment(organisation, version, seed=seed)

    assert client.get(DASHBOARD, **ours.headers).json()["scores"]["shown"] is True
    body = client.get(DASHBOARD, {"size": "large"}, **ours.headers).json()
    assert body["filters"] == {"size": "large"}
    assert body["counts"]["total"] == 1
    assert body["scores"]["shown"] is False
    assert body["scores"]["years"] is None


def test_an_unknown_club_is_not_found(client, ours, theirs):
    their_club = make_club(theirs.network)
    response = client.get(
        DASHBOARD, {"club": their_club.pk}, HTTP_ACCEPT_LANGUAGE="en", **ours.headers
    )
    assert response.status_code == 404
    assert response.json()["title"] == "Unknown in this network: club."
    assert client.get(DASHBOARD, {"club": their_club.pk}, **theirs.headers).status_code == 200
    make_club(ours.network)  # now the form has a club field: still not theirs
    assert client.get(DASHBOARD, {"club": their_club.pk}, **ours.headers).status_code == 404


def test_the_export_is_the_webs_with_formulas_neutralised(client, ours):
    members = add_members(ours.network, 5)
    practice = make_practice(ours.network, title='=HYPERLINK("http://evil.example")', code="x")
    for organisation in members:
        Adoption.objects.create(practice=practice, organisation=organisation)

    response = client.get(EXPORT, **ours.headers)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert ["Membres", "total", "", "organisations", "5"] in rows
    practice_row = next(row for row in rows if "evil" in row[1])
    assert practice_row[1].startswith("'=")
    client.force_login(ours.admin)
    web = client.get(reverse("insights_export", args=[ours.network.slug, "csv"]))
    assert web.content == response.content
    entry = AuditEntry.objects.filter(network=ours.network, action="network_figures_exported")
    assert entry.count() == 2


def test_a_token_without_the_network_area_is_forbidden(client, ours):
    (member,) = add_members(ours.network, 1)
    _token, headers = make_token(ours.admin, network=ours.network, scopes=["events:read"])
    for url in (MEMBERS, f"{MEMBERS}/{member.slug}", DASHBOARD, EXPORT):
        response = client.get(url, **headers)
        assert response.status_code == 403, url
        assert response["Content-Type"] == "application/problem+json"


def test_an_organisations_token_reads_no_network_figures(client, ours):
    (member,) = add_members(ours.network, 1)
    _token, headers = make_token(
        member.memberships.get().user, organisation=member, scopes=["profile:read"]
    )
    for url in (MEMBERS, f"{MEMBERS}/{member.slug}", DASHBOARD, EXPORT):
        assert client.get(url, **headers).status_code == 403, url
