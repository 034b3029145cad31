import json
from collections import Counter

import pytest
from django.core.management import call_command

from levier.accounts.models import Membership, NetworkRole, Organisation, User
from levier.assessments.demo import demo_year
from levier.assessments.models import Answer, Assessment, ScoreSnapshot
from levier.carbon.models import CarbonReduction, Inventory, InventoryLine
from levier.membership.models import DirectoryEntry, JoinPage, JoinRequest
from levier.plans.models import Action
from levier.plans.services import realised_gains
from levier.practices.models import Adoption, PracticeGainFigure
from levier.vsme.models import Datapoint, VsmeReport

pytestmark = pytest.mark.django_db


def _snapshot():
    return (
        sorted(Membership.objects.values_list("user__email", "organisation__name", "role")),
        sorted(Organisation.objects.values_list("name", "siren", "naf_code", "headcount")),
        sorted(
            Answer.objects.values_list(
                "assessment__organisation__name", "assessment__period", "question_code", "levels"
            )
        ),
        sorted(ScoreSnapshot.objects.values_list("organisation__name", "overall")),
        sorted(Action.objects.values_list("organisation__name", "question_code", "status")),
        sorted(Adoption.objects.values_list("organisation__name", "practice__code")),
        sorted(
            InventoryLine.objects.values_list(
                "inventory__organisation__name",
                "inventory__year",
                "inventory__status",
                "post",
                "label",
                "quantity",
                "unit",
                "factor__key",
                "factor__value",
                "from_survey",
            )
        ),
        sorted(CarbonReduction.objects.values_list("action__title", "lever", "projected_kg")),
        sorted(
            (name, str(start), status, code, json.dumps(value, sort_keys=True), state, source)
            for name, start, status, code, value, state, source in Datapoint.objects.values_list(
                "report__organisation__name",
                "report__period_start",
                "report__status",
                "code",
                "value",
                "state",
                "source",
            )
        ),
    )


def test_the_demo_builds_a_realistic_network(capsys):
    call_command("demo")

    organisations = Organisation.objects.all()
    assert 28 <= organisations.count() <= 35
    assert set(organisations.values_list("size_band", flat=True)) == {
        "micro",
        "small",
        "medium",
        "large",
    }
    assert len(set(organisations.values_list("naf_section", flat=True))) >= 10
    assert len(set(organisations.values_list("region", flat=True))) >= 8
    assert all(o.naf_section for o in organisations)
    roles = Counter(Membership.objects.values_list("role", flat=True))
    assert roles["admin"] >= organisations.count() and roles["contributor"] and roles["viewer"]
    assert set(NetworkRole.objects.values_list("role", flat=True)) == {"animator", "network_admin"}
    submitted = Assessment.objects.filter(status="submitted")
    assert submitted.count() >= 25
    assert Assessment.objects.filter(status="draft").count() >= 3
    overall = sorted(ScoreSnapshot.objects.values_list("overall", flat=True))
    assert overall[0] < 35 and overall[-1] > 65  # a spread of maturity
    boisvert = Assessment.objects.filter(organisation__name="Atelier Boisvert")
    assert list(boisvert.values_list("period", "status")) == [(str(demo_year() - 1), "submitted")]
    # Last year on Levier 360 v1, this year on v2, started from the v1 answers.
    versions = set(Assessment.objects.values_list("period", "framework_version__version"))
    assert versions == {(str(demo_year() - 1), "1.0.0"), (str(demo_year()), "2.0.0")}
    assert Answer.objects.filter(
        assessment__period=str(demo_year()), assessment__status="draft", to_confirm=True
    ).exists()
    # Carbon inventories on Levier's own factors, none for the visitor's organisation.
    inventories = Inventory.objects.select_related("organisation")
    assert len({inventory.organisation_id for inventory in inventories}) >= 5
    assert all(inventory.lines.count() >= 5 for inventory in inventories)
    assert not InventoryLine.objects.filter(factor__network__isnull=False).exists()
    assert not inventories.filter(organisation__name="Atelier Boisvert").exists()
    # VSME reports: complete ones, some in progress, the showcase's latest
    # started from its older one, none for the visitor's organisation.
    reports = VsmeReport.objects.all()
    assert reports.filter(status="complete").count() >= 5
    assert reports.filter(status="draft").count() >= 5
    showcase = reports.filter(organisation__name="Maison Lévêque Traiteur").order_by(
        "period_start"
    )
    assert [r.status for r in showcase] == ["complete", "draft"]
    assert showcase.last().started_from == showcase.first()
    assert not reports.filter(organisation__name="Atelier Boisvert").exists()
    # Prospects wait for an answer on the open join page; some people are listed.
    assert JoinPage.objects.get().is_open
    assert JoinRequest.objects.filter(status="pending").count() == 2
    assert DirectoryEntry.objects.filter(listed=True).count() >= 3
    # Enough members assessed twice for some practices' measured gains to show.
    assert PracticeGainFigure.objects.filter(adopters__gte=5, others__gte=5).exists()
    printed = capsys.readouterr().out
    for email in ("animation@levier.example", "claire@atelier-boisvert.example"):
        assert email in printed
        assert User.objects.get(email=email).check_password("levier-demo")


def test_the_demo_is_deterministic_and_idempotent():
    call_command("demo")
    first = _snapshot()
    call_command("demo")
    assert _snapshot() == first
    call_command("demo", reset=True)
    assert _snapshot() == first


def test_the_demo_plans_show_every_state_and_leave_boisvert_to_the_visitor():
    call_command("demo")

    actions = Action.objects.select_related("organisation", "assessment")
    assert set(actions.values_list("status", flat=True)) >= {"todo", "in_progress", "done"}
    assert any(action.is_overdue for action in actions)
    assert all(action.owner_id for action in actions)
    # Actions aimed at the footprint project tCO2e, not score points.
    scored = actions.filter(carbon_reduction__isnull=True)
    assert all(action.projected_gain > 0 for action in scored)
    carbon = actions.filter(carbon_reduction__isnull=False).select_related("carbon_reduction")
    assert carbon and all(action.carbon_reduction.projected_kg > 0 for action in carbon)
    assert not actions.filter(organisation__name="Atelier Boisvert").exists()
    done = [a for a in actions if a.status == "done"]
    organisation = done[0].organisation
    gains = realised_gains(organisation, list(organisation.actions.all()))
    assert all(gains[a.pk] > 0 for a in done if a.organisation == organisation)


@pytest.mark.parametrize("today", ["2026-11-29", "2027-02-15", "2027-09-20", "2028-01-03"])
def test_demo_dates_stay_in_the_past_and_within_the_benchmark_window(monkeypatch, today):
    from datetime import date, datetime, timedelta

    from django.utils import timezone

    from levier.assessments import demo

    fixed = date.fromisoformat(today)
    monkeypatch.setattr(timezone, "localdate", lambda *args: fixed)
    monkeypatch.setattr(
        timezone,
        "localtime",
        lambda *args: timezone.make_aware(datetime.combine(fixed, datetime.min.time())),
    )

    year = demo.demo_year()
    earliest, latest = demo._past(year - 1, 3, 3), demo._past(year, 9, 27)

    assert latest.date() <= fixed - timedelta(days=7)
    assert earliest.date() >= fixed - timedelta(days=730)
    assert demo._past(year, 10, 28).date() <= fixed - timedelta(days=7)
