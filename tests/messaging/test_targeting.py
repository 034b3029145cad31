"""Targeting by theme picks exactly the members that share their results and
lose the most points on it; nothing about why, nor about the others, leaves."""

import pytest
from django.db.models import Sum
from django.urls import reverse

from levier.assessments.models import ScoreLine
from levier.insights.models import Sharing
from levier.messaging import audiences
from levier.messaging.models import Delivery
from tests.messaging.helpers import compose, send

pytestmark = pytest.mark.django_db


def _losses(organisations, version, theme_code) -> dict[int, float]:
    """Each organisation's points lost on the theme, from its score lines."""
    codes = [q.code for q in version.pack.theme(theme_code).questions]
    return {
        row["snapshot__organisation"]: row["lost"]
        for row in ScoreLine.objects.filter(
            snapshot__organisation__in=organisations,
            snapshot__is_latest=True,
            level=ScoreLine.Level.QUESTION,
            code__in=codes,
        )
        .values("snapshot__organisation")
        .annotate(lost=Sum("lost"))
    }


def _theme_with_losses(scored, version):
    """A theme on which every member loses points, and not all the same."""
    for theme in version.pack.themes:
        losses = _losses(scored, version, theme.code)
        if len(losses) == len(scored) and all(losses.values()) and len(set(losses.values())) > 2:
            return theme.code, losses
    pytest.skip("no theme separates the fixtures")


def test_only_sharing_members_are_picked_the_biggest_losers_first(
    animator_client, network, scored, version
):
    theme_code, losses = _theme_with_losses(scored, version)
    sharing = {o.pk for o in scored[:3]}
    expected = sorted(sharing, key=lambda pk: (-losses[pk], pk))[:2]

    campaign = compose(
        animator_client,
        network,
        audience="theme",
        theme=f"{version.pk}:{theme_code}",
        theme_limit=2,
    )

    picked = audiences.losing_on_theme(network, version, theme_code, 2)
    assert picked == expected
    resolved = audiences.resolve(campaign)
    assert {o.pk for o in resolved.organisations} == set(expected)
    # However much more the others lose, they do not share: never targeted.
    everyone = audiences.losing_on_theme(network, version, theme_code, 100)
    assert set(everyone) == {pk for pk in sharing if losses[pk] > 0}


def test_the_animator_sees_the_count_and_the_names_never_the_scores(
    animator_client, network, scored, version
):
    theme_code, losses = _theme_with_losses(scored, version)
    campaign = compose(
        animator_client, network, audience="theme", theme=f"{version.pk}:{theme_code}"
    )

    page = animator_client.get(reverse("campaign_detail", args=[network.slug, campaign.pk]))

    text = page.content.decode()
    for organisation in scored[:3]:
        assert organisation.name in text
    for organisation in scored[3:]:
        assert organisation.name not in text
    for lost in losses.values():
        assert f"{lost:.1f}" not in text and f"{lost:.1f}".replace(".", ",") not in text
    # Two people in each of the three sharing organisations.
    assert page.context["resolved"].count == 6


def test_revoking_consent_takes_a_member_out_before_sending(
    animator_client, network, scored, version, django_capture_on_commit_callbacks, mailoutbox
):
    theme_code, _losses_by_org = _theme_with_losses(scored, version)
    campaign = compose(
        animator_client, network, audience="theme", theme=f"{version.pk}:{theme_code}"
    )
    Sharing.objects.filter(organisation=scored[0]).delete()

    send(animator_client, network, campaign, django_capture_on_commit_callbacks)

    reached = set(
        Delivery.objects.filter(campaign=campaign).values_list("organisation", flat=True)
    )
    assert reached == {scored[1].pk, scored[2].pk}
    assert len(mailoutbox) == 4


def test_each_email_names_only_its_recipient(
    animator_client, network, scored, version, django_capture_on_commit_callbacks, mailoutbox
):
    theme_code, _losses_by_org = _theme_with_losses(scored, version)
    campaign = compose(
        animator_client,
        network,
        audience="theme",
        theme=f"{version.pk}:{theme_code}",
        subject="Atelier sur ce thème",
        body="Venez à l’atelier du 12 mars.",
    )

    send(animator_client, network, campaign, django_capture_on_commit_callbacks)

    deliveries = list(Delivery.objects.filter(campaign=campaign).select_related("user"))
    assert len(mailoutbox) == len(deliveries) == 6
    names = {d.email: (d.user.full_name, d.organisation.name) for d in deliveries}
    for message in mailoutbox:
        assert len(message.to) == 1 and not message.cc and not message.bcc
        (mine,) = message.to
        html = message.alternatives[0][0]
        for email, (person, organisation) in names.items():
            if email == mine:
                continue
            for text in (message.body, html, message.subject):
                assert email not in text
                assert person not in text
                assert organisation not in text
        # Nothing says why: no theme, no score, no "you lose".
        theme_title = version.pack.theme(theme_code).title.get("fr")
        assert theme_title not in message.body and theme_title not in html
        assert "To" not in message.extra_headers and "Cc" not in message.extra_headers


def test_a_theme_of_no_framework_or_unknown_reaches_nobody(network, scored, version):
    assert audiences.losing_on_theme(network, version, "NO-SUCH-THEME", 5) == []
    assert audiences.losing_on_theme(network, None, "X", 5) == []
