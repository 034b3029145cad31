"""The animators' dashboard: figures equal a direct computation, anonymity under
5, a fixed number of queries, and exports."""

import csv
import statistics
from collections import defaultdict
from io import BytesIO, StringIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from levier.assessments.models import Assessment, ScoreLine, ScoreSnapshot
from levier.insights import figures, peers
from tests.factories import make_network_staff, make_organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def network_of_seven(member_factory):
    members = [member_factory(f"Membre {n}", seed=n) for n in range(6)]
    members.append(member_factory("Industrie", seed=9, naf_code="25.62A", headcount=300))
    make_organisation(members[0].network, name="Nouveau venu")  # no assessment
    return members


def _dashboard(client, animator, network, **params):
    client.force_login(animator)
    return client.get(reverse("network_dashboard", args=[network.slug]), params)


def test_status_counts_and_score_figures_equal_a_direct_computation(
    client, animator, network, network_of_seven, version
):
    draft_owner = network_of_seven[0]
    from levier.assessments import services

    services.start(draft_owner, version, "2027", draft_owner.memberships.get().user)

    response = _dashboard(client, animator, network)

    counts = response.context["counts"]
    assert counts == {"total": 8, "not_started": 1, "in_progress": 1, "submitted": 6}
    overall = [s.overall for s in ScoreSnapshot.objects.filter(is_current=True)]
    year_rows = response.context["years"]
    assert [row["year"] for row in year_rows] == [
        Assessment.objects.filter(status="submitted").first().submitted_at.year
    ]
    cell = year_rows[0]["cells"][0]
    assert cell.organisations == 7
    assert cell.average == pytest.approx(statistics.mean(overall))
    assert cell.median == pytest.approx(statistics.median(overall))
    pillars = defaultdict(list)
    for line in ScoreLine.objects.filter(level="pillar", snapshot__is_current=True):
        pillars[line.code].append(line.score)
    codes = [code for code, _title in response.context["pillar_titles"]]
    for code, pillar_cell in zip(codes, year_rows[0]["cells"][1:], strict=True):
        assert pillar_cell.average == pytest.approx(statistics.mean(pillars[code]))
        assert pillar_cell.median == pytest.approx(statistics.median(pillars[code]))
    distribution = peers.distribution(response.context["snapshots"])
    assert sum(distribution) == 7
    assert distribution[min(int(overall[0] // 10), 9)] >= 1


def test_filters_leaving_four_members_hide_every_score(client, animator, network, member_factory):
    for n in range(4):
        member_factory(f"Petit {n}", seed=n, headcount=20)
    for n in range(3):
        member_factory(f"Grand {n}", seed=10 + n, headcount=400)

    small = _dashboard(client, animator, network, size="small")
    everyone = _dashboard(client, animator, network)

    assert small.context["scored"] == 4 and not small.context["show_scores"]
    assert "years" not in small.context and "practices" not in small.context
    page = small.content.decode()
    assert "Moins de 5 organisations correspondent" in page
    assert small.context["counts"]["total"] == 4  # the members list stays
    assert everyone.context["show_scores"] and everyone.context["scored"] == 7


def test_a_year_with_fewer_than_five_members_is_hidden(
    client, animator, network, network_of_seven
):
    ScoreSnapshot.objects.filter(organisation__in=network_of_seven[:2]).update(year=2025)
    figures.rebuild()  # an update bypasses the maintained figures, as after a bulk load

    rows = _dashboard(client, animator, network).context["years"]

    shown = {row["year"]: row["cells"][0].shown for row in rows}
    assert shown[2025] is False
    assert "moins de 5" in _dashboard(client, animator, network).content.decode()


def test_the_dashboard_queries_do_not_grow_with_the_members(
    client, animator, network, member_factory, django_assert_max_num_queries
):
    for n in range(5):
        member_factory(f"Membre {n}", seed=n)
    with django_assert_max_num_queries(60) as few:
        _dashboard(client, animator, network)
    baseline = len(few)
    for n in range(6):
        member_factory(f"Autre {n}", seed=20 + n, headcount=120, region="84")

    with django_assert_max_num_queries(baseline):
        _dashboard(client, animator, network)


def test_members_never_reach_the_dashboard(client, network, network_of_seven):
    member = network_of_seven[0].memberships.get().user
    client.force_login(member)

    assert client.get(reverse("network_dashboard", args=[network.slug])).status_code == 404


def test_an_animator_of_another_network_gets_404(client, network, network_of_seven):
    other = make_organisation(name="Ailleurs").network
    client.force_login(make_network_staff(other))

    for name in ("network_dashboard", "improvement_report"):
        assert client.get(reverse(name, args=[network.slug])).status_code == 404


def test_csv_and_xlsx_exports_hold_the_figures(client, animator, network, network_of_seven):
    client.force_login(animator)
    overall = [s.overall for s in ScoreSnapshot.objects.filter(is_current=True)]

    csv_response = client.get(reverse("insights_export", args=[network.slug, "csv"]))
    xlsx_response = client.get(reverse("insights_export", args=[network.slug, "xlsx"]))

    rows = list(csv.reader(StringIO(csv_response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Section", "Élément", "Année", "Indicateur", "Valeur"]
    averages = [r for r in rows if r[0] == "Scores" and r[1] == "Global" and r[3] == "moyenne"]
    assert float(averages[0][4]) == pytest.approx(round(statistics.mean(overall), 1))
    sheet = load_workbook(BytesIO(xlsx_response.content)).active
    assert [c.value for c in sheet[1]] == rows[0]
    assert sheet.max_row == len(rows)


def test_exports_leave_out_scores_of_small_groups(client, animator, network, network_of_seven):
    client.force_login(animator)

    response = client.get(
        reverse("insights_export", args=[network.slug, "csv"]), {"size": "large"}
    )

    sections = {row.split(";")[0] for row in response.content.decode("utf-8-sig").splitlines()}
    assert "Scores" not in sections and "Membres" in sections


def test_on_the_demo_network_every_figure_equals_a_direct_computation(client):
    from django.core.management import call_command

    from levier.accounts.models import Network, NetworkRole
    from levier.plans.models import Action
    from levier.practices.models import Adoption

    call_command("demo")
    network = Network.objects.get()
    animator = NetworkRole.objects.filter(network=network, role="animator").first().user
    client.force_login(animator)

    context = client.get(reverse("network_dashboard", args=[network.slug])).context

    # The dashboard shows one framework version at a time (ADR 0028): the demo
    # has members on Levier 360 v1 and v2, the most used is shown first.
    version = context["version"]
    from levier.insights import figures as network_figures

    assert version.pk == network_figures.versions(network)[0][0]
    by_year = defaultdict(list)
    for snapshot in ScoreSnapshot.objects.filter(
        is_current=True, organisation__network=network, framework_version=version
    ):
        by_year[snapshot.year].append(snapshot.overall)
    for row in context["years"]:
        cell, values = row["cells"][0], by_year[row["year"]]
        assert cell.organisations == len(values)
        assert cell.average == pytest.approx(statistics.mean(values))
        assert cell.median == pytest.approx(statistics.median(values))
    from django.utils import timezone

    latest = ScoreSnapshot.objects.filter(
        is_latest=True,
        organisation__network=network,
        framework_version=version,
        created_at__gte=timezone.now() - peers.RECENT,
    )
    assert context["scored"] == latest.count()
    assert sum(peers.distribution(context["snapshots"])) == latest.count()
    actions = Action.objects.filter(organisation__network=network)
    assert context["plans"]["done"] == actions.filter(status="done").count()
    top, adopters = context["practices"][0]
    assert adopters == Adoption.objects.filter(practice=top).count()
