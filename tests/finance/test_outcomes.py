"""The network's impact finance outcomes: anonymous figures equal to a direct
recount, amounts of small groups hidden, the page for the network's staff
only, constant queries, exports with formula injection neutralised."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from levier.finance import figures
from levier.finance.models import (
    FollowUp,
    Meeting,
    MeetingSession,
    PipelineStep,
    Project,
    SessionFunder,
    SessionProject,
)
from levier.tenancy import scope as scopes
from levier.tenancy.scope import Scope
from tests.factories import make_organisation
from tests.finance.project_fixtures import (  # noqa: F401
    finance_world,
    make_project,
    signed_in,
    themes_fixture,
)

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year


def _granted(project, amount, instrument="loan", on=None, funder=None):
    return PipelineStep.objects.create(
        project=project,
        funder=funder,
        funder_name="" if funder else "Un financeur",
        stage=PipelineStep.Stage.GRANTED,
        instrument=instrument,
        amount_granted=amount,
        decided_on=on or date(YEAR, 1, 1),
    )


def _members(network, count, prefix="Membre", themes=("SOC-EMP",)):
    """``count`` organisations with a shared project each, granted 1000 € each."""
    projects = []
    for i in range(count):
        organisation = make_organisation(network, name=f"{prefix} {i}")
        project = make_project(
            organisation, f"Projet {prefix} {i}", themes=list(themes), shared_at=timezone.now()
        )
        _granted(project, 1000 * (i + 1))
        projects.append(project)
    return projects


def _figures(user, network):
    scope = Scope.of(user)
    with scopes.activate(scope), scope.aggregating([network.pk]):
        return figures.outcomes(network)


def test_figures_equal_a_direct_recount(fw):
    network = fw["network"]
    projects = _members(network, 6, themes=("SOC-EMP", "ENV-CLI"))
    _granted(projects[0], 500, instrument="grant", on=date(YEAR - 1, 6, 1))
    session = MeetingSession.objects.create(
        network=network,
        title="Rencontres",
        first_slot_at=timezone.now() - timedelta(days=3),
        slots=2,
        tables=2,
        registration_closes_at=timezone.now() - timedelta(days=10),
        picks_close_at=timezone.now() - timedelta(days=5),
        schedule_published_at=timezone.now() - timedelta(days=4),
    )
    SessionFunder.objects.create(session=session, funder=fw["fund"])
    for slot, project in enumerate(projects[:2]):
        SessionProject.objects.create(session=session, project=project)
        meeting = Meeting.objects.create(
            session=session, project=project, funder=fw["fund"], slot=slot, table=1
        )
        FollowUp.objects.create(meeting=meeting, side="project", outcome="next_step")
    data = _figures(fw["animator"], network)

    this = data.year(YEAR)
    steps = PipelineStep.objects.filter(
        project__organisation__network=network, stage="granted", decided_on__year=YEAR
    )
    assert this.granted.total == sum(s.amount_granted for s in steps)
    assert this.granted.organisations == len({s.project.organisation_id for s in steps})
    assert this.by_instrument["loan"].total == sum(
        s.amount_granted for s in steps if s.instrument == "loan"
    )
    assert this.by_theme["ENV-CLI"].total == sum(
        s.amount_granted for s in steps if "ENV-CLI" in s.project.themes
    )
    shared = Project.objects.filter(organisation__network=network, shared_at__year=YEAR).exclude(
        visibility="draft"
    )
    assert this.projects_shared.count == shared.count()
    assert this.sessions_held == 1
    assert this.meetings_held.count == 2
    assert this.meetings_held.organisations == 2
    assert this.follow_ups == {"next_step": 2}
    last = data.year(YEAR - 1)
    assert last.granted.total == 500 and last.granted.hidden and last.granted.value is None


def test_amounts_of_small_groups_are_hidden(fw):
    network = fw["network"]
    _members(network, figures.MIN_GROUP - 1)
    this = _figures(fw["animator"], network).year(YEAR)
    assert this.granted.hidden and this.granted.value is None
    _members(network, 1, prefix="Autre")
    this = _figures(fw["animator"], network).year(YEAR)
    assert not this.granted.hidden and this.granted.value == this.granted.total


def test_the_page_is_for_the_networks_staff_only(fw):
    network = fw["network"]
    _members(network, 5)
    urls = [
        reverse(name, args=[network.slug])
        for name in ("finance_outcomes", "finance_outcomes_csv", "finance_outcomes_xlsx")
    ]
    for user in (fw["admin"], fw["neighbour_admin"], fw["contact"], fw["far_animator"]):
        client = signed_in(user)
        for url in urls:
            assert client.get(url, secure=True).status_code == 404, (user, url)
    client = signed_in(fw["animator"])
    for url in urls:
        assert client.get(url, secure=True).status_code == 200


def test_pipeline_rows_are_never_listed_to_staff(fw):
    network = fw["network"]
    projects = _members(network, 5)
    PipelineStep.objects.filter(project=projects[0]).update(notes="SECRET-NOTE")
    projects[0].organisation.name = "Nom Très Reconnaissable"
    projects[0].organisation.save()
    response = signed_in(fw["animator"]).get(
        reverse("finance_outcomes", args=[network.slug]), secure=True
    )
    html = response.content.decode()
    assert "SECRET-NOTE" not in html
    assert "Nom Très Reconnaissable" not in html
    assert "Un financeur" not in html
    # Outside the aggregating block, the staff reads no step.
    with scopes.activate(Scope.of(fw["animator"])):
        assert not PipelineStep.objects.filter(project__organisation__network=network).exists()


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, secure=True).status_code == 200
    return len(queries)


def test_queries_are_constant_in_the_data_size(fw):
    network = fw["network"]
    client = signed_in(fw["animator"])
    url = reverse("finance_outcomes", args=[network.slug])
    _members(network, 2, prefix="A")
    small = _count_queries(client, url)
    _members(network, 18, prefix="B", themes=("ENV-CLI", "GOV-LOC"))
    assert _count_queries(client, url) == small


def test_exports_neutralise_formulas(fw):
    network = fw["network"]
    _members(network, 5)
    client = signed_in(fw["animator"])
    response = client.get(reverse("finance_outcomes_csv", args=[network.slug]), secure=True)
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows[0]) == 5
    # The total of the year: 1000 + 2000 + ... + 5000 from 5 organisations.
    assert [str(YEAR), "15000", "5"] in [[r[0], r[3], r[4]] for r in rows]
    # No cell starts with a formula trigger.
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
    response = client.get(reverse("finance_outcomes_xlsx", args=[network.slug]), secure=True)
    book = load_workbook(io.BytesIO(response.content))
    assert book.active.max_row == len(rows)


def test_the_dashboard_card_shows_this_years_amount(fw):
    network = fw["network"]
    _members(network, 5)
    response = signed_in(fw["animator"]).get(
        reverse("network_dashboard", args=[network.slug]), secure=True
    )
    html = response.content.decode()
    assert reverse("finance_outcomes", args=[network.slug]) in html
    assert "15" in html and "impact-finance-title" in html
