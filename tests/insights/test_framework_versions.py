"""Levier 360 v1 and v2 side by side: peers and network figures compare like
with like (the same framework version), a member's own results follow it across
versions."""

import pytest
from django.urls import reverse

from levier.accounts.models import OrgRole
from levier.frameworks.models import FrameworkVersion
from levier.insights import figures
from tests.insights.conftest import submit_assessment

pytestmark = pytest.mark.django_db


@pytest.fixture
def v1(version):
    first = FrameworkVersion.objects.get(framework__code="levier-360", version="1.0.0")
    assert first != version and version.version == "2.0.0"
    return first


def _panel(client, organisation, assessment):
    client.force_login(organisation.memberships.get(role=OrgRole.ADMIN).user)
    url = reverse("assessment_results", args=[organisation.slug, assessment.pk])
    response = client.get(url)
    assert response.status_code == 200
    return response.context["peers_panel"]


def test_a_v2_assessment_is_compared_with_v2_assessments_only(client, member_factory, version, v1):
    me = member_factory("Moi", seed=3, submit=False)
    peers = [member_factory(f"Pair {n}", seed=10 + n, submit=False) for n in range(6)]
    for n, peer in enumerate(peers):
        submit_assessment(peer, v1, 10 + n, period="2025")
    mine = submit_assessment(me, version, 3)

    # Six peers on v1 only: no v2 group to compare with, none made up from v1.
    assert not _panel(client, me, mine)["group"].shown

    for n, peer in enumerate(peers):
        submit_assessment(peer, version, 20 + n)

    panel = _panel(client, me, mine)
    assert panel["group"].shown and panel["overall"].count == len(peers)


def test_network_figures_are_kept_per_version(network, member_factory, version, v1):
    members = [member_factory(f"Membre {n}", seed=n, submit=False) for n in range(7)]
    for n, member in enumerate(members):
        submit_assessment(member, v1, n, period="2025")
    for n, member in enumerate(members[:3]):
        submit_assessment(member, version, 10 + n)

    counted = dict(figures.versions(network))

    assert counted == {v1.pk: len(members), version.pk: 3}
    assert figures.View(network, version, None, False).latest()["scored"] == 3
    assert figures.View(network, v1, None, False).latest()["scored"] == len(members)


def test_the_trajectory_follows_the_member_across_versions(client, member_factory, version, v1):
    me = member_factory("Moi", seed=3, submit=False)
    first = submit_assessment(me, v1, 3, period="2025")
    second = submit_assessment(me, version, 5, period="2026")

    client.force_login(me.memberships.get(role=OrgRole.ADMIN).user)
    url = reverse("assessment_results", args=[me.slug, second.pk])
    results = client.get(url).context["results"]

    assert results.previous == first and results.previous_version == "1.0.0"
    assert [period for period, _overall in results.trajectory] == ["2025", "2026"]
