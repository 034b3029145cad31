"""The network's VSME readiness for its animators: counts by the state of
each member's latest report, where reports in progress get stuck, medians
over complete reports, all under the anonymity rule, and never a member's
report itself."""

import pytest
from django.urls import reverse

from levier.engine.benchmarks import MIN_OTHERS
from levier.vsme import services
from levier.vsme.models import Datapoint
from tests.factories import make_member, make_network_staff, make_organisation
from tests.vsme.factories import fill_required, make_report

pytestmark = pytest.mark.django_db


def _members(network, count):
    organisations = [make_organisation(network=network) for _ in range(count)]
    return [(o, make_member(o)) for o in organisations]


def _complete(report, user):
    fill_required(report, user)
    for point in Datapoint.objects.filter(report=report).exclude(state=Datapoint.State.CONFIRMED):
        services.confirm(point, user)
    assert services.complete(report, user) == []


def _page(client, network):
    animator = make_network_staff(network)
    client.force_login(animator)
    return client.get(reverse("vsme_network_readiness", args=[network.slug]))


def test_counts_stuck_disclosures_and_medians(client, network):
    members = _members(network, 2 * MIN_OTHERS + 1)
    in_progress = members[:MIN_OTHERS]
    complete = members[MIN_OTHERS : 2 * MIN_OTHERS]
    for organisation, user in in_progress:
        report = make_report(organisation, user)
        # Every one of them has B1 done, none has B8.
        fill_required(report, user)
        Datapoint.objects.filter(report=report, code="NumberOfMaleEmployees").delete()
    for organisation, user in complete:
        _complete(make_report(organisation, user), user)
    readiness = _page(client, network).context["readiness"]
    assert (readiness.members, readiness.complete, readiness.in_progress, readiness.none) == (
        2 * MIN_OTHERS + 1,
        MIN_OTHERS,
        MIN_OTHERS,
        1,
    )
    assert readiness.stuck[0].code == "B8"
    assert readiness.stuck[0].reports == MIN_OTHERS
    assert readiness.employees_median == 20.0


def test_below_the_anonymity_rule_nothing_but_counts(client, network):
    members = _members(network, MIN_OTHERS - 1)
    for organisation, user in members:
        _complete(make_report(organisation, user), user)
    response = _page(client, network)
    readiness = response.context["readiness"]
    assert readiness.complete == MIN_OTHERS - 1
    assert readiness.stuck == []
    assert readiness.employees_median is None
    assert not readiness.figures_shown


def test_only_the_networks_staff_see_it(client, network, organisation, org_admin):
    url = reverse("vsme_network_readiness", args=[network.slug])
    client.force_login(org_admin)
    assert client.get(url).status_code == 404
    assert _page(client, network).status_code == 200


def test_another_networks_members_are_not_counted(client, network):
    other = make_organisation()
    make_report(other, make_member(other))
    readiness = _page(client, network).context["readiness"]
    assert readiness.in_progress == 0
