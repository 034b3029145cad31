"""A member's position among its peers, and the anonymity rule that guards it."""

import statistics

import pytest
from django.urls import reverse

from levier.accounts.models import OrgRole
from levier.assessments.models import ScoreSnapshot
from levier.practices.exchange import sync_shipped
from levier.practices.models import Adoption, Practice

pytestmark = pytest.mark.django_db


def _results(client, organisation, **params):
    assessment = organisation.assessments.get()
    user = organisation.memberships.get(role=OrgRole.ADMIN).user
    client.force_login(user)
    url = reverse("assessment_results", args=[organisation.slug, assessment.pk])
    return client.get(url, params)


def _overall(organisation):
    return ScoreSnapshot.objects.get(organisation=organisation, is_current=True).overall


@pytest.fixture
def six_peers(member_factory):
    me = member_factory("Moi", seed=3)
    peers = [member_factory(f"Pair {n}", seed=10 + n) for n in range(6)]
    return me, peers


def test_the_position_and_quartiles_equal_a_direct_computation(client, six_peers):
    me, peers = six_peers

    response = _results(client, me)

    panel = response.context["peers_panel"]
    others = [_overall(p) for p in peers]
    position = panel["overall"]
    assert position.count == 6
    assert position.quartiles == pytest.approx(
        statistics.quantiles(others, n=4, method="inclusive")
    )
    mine = _overall(me)
    below = sum(o < mine for o in others) + 0.5 * sum(o == mine for o in others)
    assert position.percentile == pytest.approx(100 * below / 6)
    page = response.content.decode()
    assert "Parmi vos pairs" in page and "6 organisations" in page
    assert "Petite (10 à 49 personnes)" in page or "10 à 49" in page


def test_no_other_organisation_is_ever_named_or_shown(client, six_peers):
    me, peers = six_peers

    page = _results(client, me).content.decode()

    for peer in peers:
        assert peer.name not in page


def test_a_group_of_four_is_widened_and_says_so(client, member_factory):
    me = member_factory("Moi", seed=3, region="32")
    for n in range(4):  # same size, sector and region: only four
        member_factory(f"Voisin {n}", seed=20 + n, region="32")
    for n in range(2):  # same size and sector, elsewhere
        member_factory(f"Lointain {n}", seed=30 + n, region="84")

    response = _results(client, me)

    group = response.context["peers_panel"]["group"]
    assert group.choice.criteria == ("size", "sector") and group.choice.others == 6
    assert group.choice.dropped == ("region",)
    assert "le groupe a été élargi" in response.content.decode()


def test_a_group_of_five_is_kept_as_chosen(client, member_factory):
    me = member_factory("Moi", seed=3, region="32")
    for n in range(5):
        member_factory(f"Voisin {n}", seed=20 + n, region="32")
    member_factory("Lointain", seed=30, region="84")

    group = _results(client, me).context["peers_panel"]["group"]

    assert group.choice.criteria == ("size", "sector", "region") and not group.choice.widened


def test_a_network_of_four_others_shows_no_figure(client, member_factory):
    me = member_factory("Moi", seed=3)
    for n in range(4):
        member_factory(f"Pair {n}", seed=10 + n)

    response = _results(client, me)

    assert not response.context["peers_panel"]["group"].shown
    page = response.content.decode()
    assert "à partir de 5 organisations" in page and "percentile" not in page


def test_members_choose_whom_they_compare_with(client, member_factory):
    me = member_factory("Moi", seed=3, region="32")
    for n in range(5):
        member_factory(f"Ailleurs {n}", seed=20 + n, region="84")
    for n in range(5):
        member_factory(f"Industrie {n}", seed=40 + n, naf_code="25.62A", region="32")

    by_region = _results(client, me, compare_sent="1", compare=["region"])
    by_sector = _results(client, me, compare_sent="1", compare=["size", "sector"])

    assert by_region.context["peers_panel"]["group"].choice.criteria == ("region",)
    assert by_region.context["peers_panel"]["overall"].count == 5
    assert by_sector.context["peers_panel"]["group"].choice.criteria == ("size", "sector")
    assert by_sector.context["peers_panel"]["overall"].count == 5


def test_peers_like_you_do_lists_their_practices_not_yours(client, six_peers):
    me, peers = six_peers
    sync_shipped()
    popular, mine_already, rare = Practice.objects.order_by("pk")[:3]
    for peer in peers:
        Adoption.objects.create(practice=popular, organisation=peer)
        Adoption.objects.create(practice=mine_already, organisation=peer)
    Adoption.objects.create(practice=rare, organisation=peers[0])
    Adoption.objects.create(practice=mine_already, organisation=me)

    found = _results(client, me).context["peers_do"]["practices"]

    assert found[0] == (popular, 6)
    assert (rare, 1) in found
    assert all(practice != mine_already for practice, _n in found)


def test_a_draft_invites_to_submit_first(client, member_factory, version):
    from levier.assessments import services

    me = member_factory("Moi", seed=3, submit=False)
    user = me.memberships.get().user
    draft = services.start(me, version, "2026", user)
    client.force_login(user)

    response = client.get(reverse("assessment_results", args=[me.slug, draft.pk]))

    assert response.context["peers_panel"] is None
    assert "Une fois l’évaluation validée" in response.content.decode()


def test_a_peer_counts_once_with_its_latest_assessment(client, six_peers, version):
    from tests.insights.conftest import submit_assessment

    me, peers = six_peers
    submit_assessment(peers[0], version, seed=99, period="2027")
    latest = ScoreSnapshot.objects.filter(organisation=peers[0]).order_by("-pk").first()

    position = _results(client, me).context["peers_panel"]["overall"]

    others = [_overall(p) for p in peers[1:]] + [latest.overall]
    assert position.count == 6
    assert position.quartiles == pytest.approx(
        statistics.quantiles(others, n=4, method="inclusive")
    )


def test_the_pdf_report_places_the_organisation_among_its_peers(client, six_peers):
    from io import BytesIO

    from pypdf import PdfReader

    me, _peers = six_peers
    assessment = me.assessments.get()
    client.force_login(me.memberships.get(role=OrgRole.ADMIN).user)

    response = client.get(reverse("assessment_results_pdf", args=[me.slug, assessment.pk]))

    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)
    assert "Parmi vos pairs" in text and "6 organisations" in text
    assert "Médiane" in text
