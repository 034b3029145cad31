"""A member's peer group and position read from the maintained rows equal the
direct computation over score snapshots and lines."""

import pytest

from levier.insights import member, peers

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("wanted", [("size", "region"), ("size",), ("region",), ()])
def test_the_peer_group_and_positions_equal_the_direct_computation(
    version, varied_members, wanted
):
    organisation = varied_members[1]
    snapshot = organisation.score_snapshots.get(is_latest=True)
    mine = {peers.OVERALL: snapshot.overall}
    mine.update({line.code: line.score for line in snapshot.lines.filter(level="pillar")})

    maintained = peers.peer_group(organisation, version, wanted)
    direct = peers.direct_peer_group(organisation, version, wanted)

    assert maintained.choice == direct.choice
    assert maintained.description == direct.description
    if direct.shown:
        scores = peers.group_scores(maintained.snapshots)
        assert peers.positions_among(scores, mine) == peers.positions(direct.snapshots, mine)
        assert peers.spread(scores) == peers.distribution(direct.snapshots)


def test_the_results_page_uses_the_maintained_group(client, varied_members):
    organisation = varied_members[1]
    panel = member.benchmark(organisation.assessments.get(), {})

    assert panel["group"].shown
    assert panel["overall"].count == panel["group"].choice.others
