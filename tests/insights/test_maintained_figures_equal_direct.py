"""The dashboard's maintained figures equal the direct computation over score
lines and assessments, unfiltered and filtered, and a rebuild gives them back
exactly."""

import pytest
from django.utils import timezone

from levier.accounts.models import Organisation
from levier.insights import checks, figures
from levier.insights import network_stats as stats
from levier.insights.models import NetworkFigures

pytestmark = pytest.mark.django_db


def test_the_unfiltered_view_equals_the_direct_computation(network, version, varied_members):
    assert checks.differences(network, version) == []
    view = figures.View(network, version, Organisation.objects.filter(network=network), False)
    assert view.statuses()["submitted"] == 8
    this_year = timezone.localdate().year
    years = {f["year"] for f in view.years() if f["code"] == "overall"}
    assert years == {this_year - 1, this_year}


def test_a_filtered_view_equals_the_direct_computation(network, version, varied_members):
    filtered = stats.members(network, {"region": "32"})

    assert checks.differences(network, version, filtered, filtered=True) == []
    assert figures.View(network, version, filtered, True).statuses()["total"] == 5


def test_a_rebuild_gives_back_exactly_what_was_maintained(network, version, varied_members):
    def stored():
        return {
            (row.framework_version_id, row.kind): (row.data, row.fresh_until)
            for row in NetworkFigures.objects.filter(network=network)
        }

    maintained = stored()
    figures.rebuild()

    assert stored() == maintained
