"""The maintained figures stay equal to the direct computation when an
assessment is reopened or deleted, an organisation changes size, sector or
region or leaves the network, a consent to share changes, actions change."""

from datetime import timedelta

import pytest
from django.utils import timezone

from levier.accounts.models import Organisation, OrgRole
from levier.assessments import services
from levier.insights import checks, figures, peers
from levier.insights import network_stats as stats
from levier.insights.models import MemberScores, Sharing
from levier.plans.models import Action
from tests.factories import make_network

pytestmark = pytest.mark.django_db


def _statuses(network):
    organisations = Organisation.objects.filter(network=network)
    return figures.View(network, None, organisations, False).statuses()


def _admin(organisation):
    return organisation.memberships.get(role=OrgRole.ADMIN).user


def test_reopening_an_assessment(network, version, varied_members):
    assessment = varied_members[3].assessments.get()

    services.reopen(assessment, _admin(varied_members[3]))

    assert checks.differences(network, version) == []
    assert _statuses(network)["in_progress"] == 1


def test_deleting_an_assessment(network, version, varied_members):
    varied_members[0].assessments.order_by("-created_at").first().delete()
    varied_members[4].assessments.get().delete()

    assert checks.differences(network, version) == []
    assert _statuses(network)["not_started"] == 1


def test_changing_size_sector_and_region(network, version, varied_members):
    organisation = varied_members[2]
    organisation.headcount = 400
    organisation.naf_code = "10.71C"
    organisation.region = "84"
    organisation.save()

    row = MemberScores.objects.get(organisation=organisation, is_latest=True)
    assert (row.size_band, row.naf_section, row.region) == ("large", "C", "84")
    for filters in ({"region": "84"}, {"size": "large"}, {"sector": "C"}):
        filtered = stats.members(network, filters)
        assert checks.differences(network, version, filtered, filtered=True) == []
    for viewer in (varied_members[3], varied_members[6]):
        for wanted in (("size", "sector", "region"), ("region",)):
            maintained = peers.peer_group(viewer, version, wanted)
            assert maintained.choice == peers.direct_peer_group(viewer, version, wanted).choice


def test_adding_and_finishing_actions(network, version, varied_members):
    organisation = varied_members[2]
    for n in range(3):
        Action.objects.create(
            organisation=organisation,
            title=f"Action {n}",
            theme_code="ENV-1",
            due_date=timezone.localdate() - timedelta(days=n),
        )
    Action.objects.filter(organisation=organisation).first().delete()
    action = Action.objects.filter(organisation=organisation).first()
    action.status = Action.Status.DONE
    action.save()

    assert checks.differences(network, version) == []


def test_leaving_the_network(network, version, varied_members):
    elsewhere = make_network()
    leaving = varied_members[5]
    leaving.network = elsewhere
    leaving.save()

    assert checks.differences(network, version) == []
    assert _statuses(network)["total"] == 7
    assert _statuses(elsewhere)["total"] == 1
    assert MemberScores.objects.filter(organisation=leaving, network=elsewhere).exists()


def test_sharing_consent_given_and_withdrawn(network, version, varied_members):
    organisation = varied_members[1]
    members = Organisation.objects.filter(network=network).order_by("pk")

    def shares():
        maintained = dict(stats.with_status(members).values_list("pk", "shares"))
        direct = dict(stats.direct_with_status(members).values_list("pk", "shares"))
        assert maintained == direct
        return maintained[organisation.pk]

    assert shares() is False
    Sharing.objects.create(organisation=organisation, shared_by=_admin(organisation))
    assert shares() is True
    Sharing.objects.filter(organisation=organisation).delete()
    assert shares() is False
