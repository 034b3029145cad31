"""A member's VSME report: started from the page (period, module, last
year's report), its progress by disclosure, completion only when nothing
required is missing and nothing waits for confirmation."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from levier.accounts.models import OrgRole
from levier.vsme import services
from levier.vsme.models import Datapoint, Module, Source, VsmeReport
from tests.factories import make_member, make_network_staff, make_organisation
from tests.vsme.factories import fill_required, make_report

pytestmark = pytest.mark.django_db


def _new(organisation):
    return reverse("vsme_report_new", args=[organisation.slug])


def test_a_contributor_starts_a_report_of_the_basic_module(client, organisation, org_admin):
    client.force_login(org_admin)
    response = client.post(
        _new(organisation),
        {"period_start": "2025-01-01", "period_end": "2025-12-31", "module": Module.BASIC},
    )
    report = VsmeReport.objects.get(organisation=organisation)
    assert response.status_code == 302
    assert response["Location"] == reverse("vsme_report", args=[organisation.slug, report.pk])
    page = client.get(response["Location"])
    codes = [row.disclosure.code for row in page.context["progress"]]
    assert codes == [f"B{n}" for n in range(1, 12)]
    # The basis for preparation is what the person chose.
    assert services.datapoints(report)["BasisForPreparation"].value == (
        "vsme:OptionABasicModuleOnlyMember"
    )


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("2025-01-01", "2026-03-31", "Une période de reporting dure au plus douze mois."),
        ("2025-12-31", "2025-01-01", "La période se termine après avoir commencé."),
    ],
)
def test_a_bad_period_is_refused_with_its_reason_and_keeps_what_was_typed(
    client, organisation, org_admin, start, end, message
):
    client.force_login(org_admin)
    with translation.override("fr"):
        response = client.post(
            _new(organisation),
            {"period_start": start, "period_end": end, "module": Module.COMPREHENSIVE},
            headers={"accept-language": "fr"},
        )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert f'value="{start}"' in response.content.decode()
    assert not VsmeReport.objects.exists()


def test_last_years_report_starts_this_years_values_to_confirm(organisation, org_admin):
    last = make_report(organisation, org_admin, year=2024)
    services.save_value(last, "Assets", 1_200_000.0, org_admin)
    services.save_value(last, "OtherUndertakingsLegalForm", None, org_admin, not_applicable=True)
    this = make_report(organisation, org_admin, year=2025, start_from=last)
    points = services.datapoints(this)
    assets = points["Assets"]
    assert (assets.value, assets.state, assets.source) == (
        1_200_000.0,
        Datapoint.State.TO_CONFIRM,
        Source.PREVIOUS,
    )
    assert points["OtherUndertakingsLegalForm"].not_applicable
    assert this.started_from == last


def test_the_report_is_complete_only_when_everything_required_is_there(organisation, org_admin):
    report = make_report(organisation, org_admin)
    problems = services.complete(report, org_admin)
    assert {p.kind for p in problems} >= {"missing", "to_confirm"}
    report.refresh_from_db()
    assert report.status == VsmeReport.Status.DRAFT
    fill_required(report, org_admin)
    for point in Datapoint.objects.filter(report=report).exclude(state=Datapoint.State.CONFIRMED):
        services.confirm(point, org_admin)
    assert services.complete(report, org_admin) == []
    report.refresh_from_db()
    assert report.status == VsmeReport.Status.COMPLETE
    # A later change puts it back in progress.
    services.save_value(report, "Assets", 99.0, org_admin)
    report.refresh_from_db()
    assert report.status == VsmeReport.Status.DRAFT


def test_viewers_read_but_cannot_start_or_edit(client, organisation):
    viewer = make_member(organisation, role=OrgRole.VIEWER)
    admin = make_member(organisation)
    report = make_report(organisation, admin)
    client.force_login(viewer)
    assert client.get(_new(organisation)).status_code == 404
    page = client.get(reverse("vsme_disclosure", args=[organisation.slug, report.pk, "B1"]))
    assert page.status_code == 200
    assert not page.context["editable"]
    posted = client.post(
        reverse("vsme_disclosure", args=[organisation.slug, report.pk, "B1"]), {"Assets": "5"}
    )
    assert posted.status_code == 404


def test_network_staff_never_open_a_members_report(client, organisation, org_admin):
    report = make_report(organisation, org_admin)
    staff = make_network_staff(organisation.network)
    url = reverse("vsme_report", args=[organisation.slug, report.pk])
    client.force_login(staff)
    assert client.get(url).status_code == 404
    client.force_login(org_admin)
    assert client.get(url).status_code == 200


def test_another_organisations_report_is_not_found(client, organisation, org_admin):
    other = make_organisation(network=organisation.network)
    theirs = make_report(other, make_member(other))
    client.force_login(org_admin)
    url = reverse("vsme_report", args=[organisation.slug, theirs.pk])
    assert client.get(url).status_code == 404
    mine = make_report(organisation, org_admin)
    assert client.get(reverse("vsme_report", args=[organisation.slug, mine.pk])).status_code == 200


def test_a_period_is_reported_once(client, organisation, org_admin):
    make_report(organisation, org_admin, year=2025)
    client.force_login(org_admin)
    response = client.post(
        _new(organisation),
        {"period_start": "2025-01-01", "period_end": "2025-12-31", "module": Module.BASIC},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["period_start"]
    assert VsmeReport.objects.filter(organisation=organisation).count() == 1
    assert date(2025, 1, 1) == VsmeReport.objects.get().period_start


def test_the_history_says_who_changed_what_from_where(client, organisation, org_admin):
    report = make_report(organisation, org_admin)
    services.save_value(report, "Assets", 5000.0, org_admin)
    services.save_value(report, "Assets", 6000.0, org_admin)
    client.force_login(org_admin)
    response = client.get(
        reverse("vsme_report_history", args=[organisation.slug, report.pk]),
        headers={"accept-language": "en"},
    )
    changes = [
        (c.datapoint.code, c.value, c.source)
        for c in response.context["changes"]
        if c.datapoint.code == "Assets"
    ]
    assert changes == [("Assets", 6000.0, Source.ENTERED), ("Assets", 5000.0, Source.ENTERED)]
    html = response.content.decode()
    assert "Size of balance sheet" in html and org_admin.display_name in html
    # Levier's own readings are in the trail too, with their source.
    assert any(c.source == Source.PROFILE for c in response.context["changes"])
