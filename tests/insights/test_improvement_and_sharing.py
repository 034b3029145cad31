"""Where the network loses points, and results an organisation chose to share."""

import statistics
from collections import defaultdict

import pytest
from django.urls import reverse

from levier.assessments import services
from levier.assessments.models import Assessment, ScoreLine
from levier.engine.whatif import all_gains
from levier.insights.models import Sharing, SharingLog
from tests.factories import make_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def six_members(member_factory):
    return [member_factory(f"Membre {n}", seed=n) for n in range(6)]


def test_points_lost_per_question_are_the_engine_s_best_gain(six_members):
    assessment = Assessment.objects.filter(organisation=six_members[0]).get()
    answers = services.engine_answers(services.stored_answers(assessment))
    best = defaultdict(float)
    for gain in all_gains(assessment.pack, assessment.profile, answers):
        best[gain.question_code] = max(best[gain.question_code], gain.overall or 0)

    stored = dict(
        ScoreLine.objects.filter(snapshot__assessment=assessment, level="question").values_list(
            "code", "lost"
        )
    )

    assert {code: lost for code, lost in stored.items() if lost} == pytest.approx(
        {code: gain for code, gain in best.items() if gain}
    )


def test_the_report_ranks_questions_by_average_loss(client, animator, network, six_members):
    client.force_login(animator)

    response = client.get(reverse("improvement_report", args=[network.slug]))

    lost = defaultdict(list)
    for code, value in ScoreLine.objects.filter(level="question").values_list("code", "lost"):
        lost[code].append(value)
    expected = sorted(
        ((statistics.mean(v), code) for code, v in lost.items() if len(v) >= 5),
        key=lambda pair: (-pair[0], pair[1]),
    )[:15]
    shown = [(row["average_lost"], row["code"]) for row in response.context["questions"]]
    assert [code for _avg, code in shown] == [code for _avg, code in expected]
    assert [avg for avg, _code in shown] == pytest.approx([avg for avg, _code in expected])
    assert "Les 15 questions qui coûtent le plus" in response.content.decode()


def test_questions_that_concern_fewer_than_five_members_stay_out(
    client, animator, network, six_members
):
    rare = (
        ScoreLine.objects.filter(level="question")
        .values_list("code", flat=True)
        .order_by("code")
        .first()
    )
    ScoreLine.objects.filter(level="question", code=rare).exclude(
        snapshot__organisation=six_members[0]
    ).delete()
    client.force_login(animator)

    questions = client.get(reverse("improvement_report", args=[network.slug])).context["questions"]

    assert rare not in [row["code"] for row in questions]


def test_results_are_not_shown_to_animators_without_consent(
    client, animator, network, six_members
):
    organisation = six_members[0]
    client.force_login(animator)
    url = reverse("shared_results", args=[network.slug, organisation.slug])

    assert client.get(url).status_code == 404
    dashboard = client.get(reverse("network_dashboard", args=[network.slug])).content.decode()
    assert url not in dashboard


def test_sharing_opens_the_results_logs_each_view_and_can_be_revoked(
    client, animator, network, six_members
):
    organisation = six_members[0]
    admin = organisation.memberships.get().user
    client.force_login(admin)
    client.post(reverse("results_sharing_toggle", args=[organisation.slug]), {"share": "yes"})
    assert Sharing.objects.filter(organisation=organisation).exists()

    client.force_login(animator)
    url = reverse("shared_results", args=[network.slug, organisation.slug])
    assert url in client.get(reverse("network_dashboard", args=[network.slug])).content.decode()
    page = client.get(url)
    assert page.status_code == 200 and "Score global" in page.content.decode()

    client.force_login(admin)
    log = client.get(reverse("results_sharing", args=[organisation.slug])).content.decode()
    assert animator.display_name in log and "a consulté les résultats" in log
    client.post(reverse("results_sharing_toggle", args=[organisation.slug]), {"share": "no"})

    client.force_login(animator)
    assert client.get(url).status_code == 404
    kinds = list(
        SharingLog.objects.filter(organisation=organisation).values_list("kind", flat=True)
    )
    assert kinds == ["revoked", "viewed", "shared"]


def test_only_the_organisation_s_admins_decide_to_share(client, six_members):
    organisation = six_members[0]
    client.force_login(make_member(organisation, "contributor"))

    response = client.post(
        reverse("results_sharing_toggle", args=[organisation.slug]), {"share": "yes"}
    )

    assert response.status_code == 404
    assert not Sharing.objects.exists()


def test_a_shared_organisation_of_another_network_stays_out_of_reach(client, network, six_members):
    from tests.factories import make_network_staff, make_organisation

    organisation = six_members[0]
    Sharing.objects.create(organisation=organisation)
    stranger = make_network_staff(make_organisation(name="Ailleurs").network)
    client.force_login(stranger)

    url = reverse(
        "shared_results", args=[stranger.network_roles.get().network.slug, organisation.slug]
    )
    assert client.get(url).status_code == 404
