"""Measured practice gains, maintained: what adopters gained around their
adoption against members who did not adopt, per network, from five members on
each side, on the library, the practice page and the animators' dashboard."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from levier.assessments.models import Assessment, ScoreLine, ScoreSnapshot
from levier.frameworks.services import latest_version
from levier.plans.models import Action
from levier.practices import gains
from levier.practices.models import Adoption, MemberPracticeGain, PracticeGainFigure, PracticeLink
from levier.tenancy.scope import system
from tests.factories import make_member, make_network, make_network_staff, make_organisation
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db

QUESTION, OTHER_QUESTION = "Q-A", "Q-B"
START = timezone.now() - timedelta(days=400)


def assessed(organisation, day, lost):
    """A submitted assessment of ``organisation`` on ``day`` (after START),
    losing ``lost`` points per question."""
    version = latest_version()
    assessment = Assessment.objects.create(
        organisation=organisation,
        framework_version=version,
        period=str(day),
        status=Assessment.Status.SUBMITTED,
        headcount=organisation.headcount,
    )
    snapshot = ScoreSnapshot.objects.create(
        assessment=assessment, organisation=organisation, framework_version=version, overall=50
    )
    ScoreSnapshot.objects.filter(pk=snapshot.pk).update(created_at=START + timedelta(days=day))
    ScoreLine.objects.bulk_create(
        ScoreLine(snapshot=snapshot, level=ScoreLine.Level.QUESTION, code=code, lost=points)
        for code, points in lost.items()
    )


def adopted(practice, organisation, day):
    adoption = Adoption.objects.create(practice=practice, organisation=organisation)
    Adoption.objects.filter(pk=adoption.pk).update(created_at=START + timedelta(days=day))


def linked_practice(network, code):
    practice = make_practice(network, title=f"Pratique {code}", code=code)
    framework = latest_version().framework.code
    PracticeLink.objects.create(
        practice=practice, framework=framework, question_code=QUESTION, level_code="b"
    )
    return practice


def world(network, practice, adopters=5, others=5):
    """Members that adopted ``practice`` at day 100 (assessed on days 0 and 200)
    and members that did not (assessed on days 0 and 200); what each gained."""
    expected = {True: [], False: []}
    for n in range(adopters + others):
        is_adopter = n < adopters
        organisation = make_organisation(network, name=f"Membre {network.pk}-{n}")
        before, after = 10.0 + n, 10.0 + n - (3 + n % 4 if is_adopter else n % 2)
        assessed(organisation, 0, {QUESTION: before, OTHER_QUESTION: 7.0})
        assessed(organisation, 200, {QUESTION: after, OTHER_QUESTION: 1.0})
        if is_adopter:
            adopted(practice, organisation, 100)
        expected[is_adopter].append(before - after)
    return expected


@pytest.fixture
def network():
    return make_network()


def test_the_figure_compares_adopters_with_the_others_on_the_linked_questions(network):
    practice = linked_practice(network, "mesuree")
    expected = world(network, practice)

    with system():
        gains.rebuild([network.pk])
        (figure,) = PracticeGainFigure.objects.all()

    assert (figure.adopters, figure.others) == (5, 5)
    assert figure.adopters_average == pytest.approx(sum(expected[True]) / 5)
    assert figure.others_average == pytest.approx(sum(expected[False]) / 5)


def test_fewer_than_five_adopters_show_nothing_and_a_done_action_counts_as_adopting(network):
    practice = linked_practice(network, "presque")
    world(network, practice, adopters=4, others=5)
    with system():
        gains.rebuild([network.pk])
        assert not PracticeGainFigure.objects.exists()
        assert MemberPracticeGain.objects.filter(adopted=True).count() == 4

        late = make_organisation(network, name="Par son plan")
        assessed(late, 0, {QUESTION: 9.0})
        assessed(late, 200, {QUESTION: 2.0})
        action = Action.objects.create(
            organisation=late, title="La faire", practice=practice, status=Action.Status.DONE
        )
        Action.objects.filter(pk=action.pk).update(completed_at=START + timedelta(days=150))
        gains.refresh_organisation(late.pk)

        (figure,) = PracticeGainFigure.objects.all()
    assert figure.adopters == 5


def test_an_adoption_refreshes_the_figures_once_its_transaction_commits(
    network, django_capture_on_commit_callbacks
):
    practice = linked_practice(network, "suivie")
    with django_capture_on_commit_callbacks(execute=True):  # committed
        world(network, practice, adopters=4, others=5)
    with system():
        assert not PracticeGainFigure.objects.exists()
        assert MemberPracticeGain.objects.filter(adopted=True).count() == 4
        newcomer = make_organisation(network, name="Nouvelle")
        with django_capture_on_commit_callbacks(execute=True):  # its own transaction
            assessed(newcomer, 0, {QUESTION: 5.0})
            assessed(newcomer, 50, {QUESTION: 5.0})

        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            Adoption.objects.create(practice=practice, organisation=newcomer)
            assert not PracticeGainFigure.objects.exists()  # not before the commit
        assert callbacks
        # Adopted now, after both assessments: nothing to measure yet for it.
        assert list(PracticeGainFigure.objects.values_list("adopters", "others")) == []

        with django_capture_on_commit_callbacks(execute=True):
            assessed(newcomer, 500, {QUESTION: 1.0})
        (figure,) = PracticeGainFigure.objects.all()
    assert figure.adopters == 5


def test_figures_stay_in_their_network_and_show_on_the_practice_pages(client, network):
    practice = linked_practice(None, "partagee")  # the shared library
    expected = world(network, practice)
    elsewhere = make_network()
    world(elsewhere, practice, adopters=2, others=2)
    with system():
        gains.rebuild()
    member = make_member(make_organisation(network, name="Lectrice"))
    stranger = make_member(make_organisation(elsewhere, name="Ailleurs"))
    average = sum(expected[True]) / len(expected[True])

    client.force_login(member)
    detail = client.get(reverse("practice_detail", args=[practice.pk])).content.decode()
    listing = client.get(reverse("practice_list")).content.decode()
    client.force_login(stranger)
    theirs = client.get(reverse("practice_detail", args=[practice.pk])).content.decode()

    shown = f"+{average:.1f}".replace(".", ",")  # the French interface
    for page in (detail, listing):
        assert shown in page and reverse("practice_gains_method") in page
    assert shown not in theirs
    assert client.get(reverse("practice_gains_method")).status_code == 200


def test_the_dashboard_lists_the_network_figures(client, network):
    practice = linked_practice(network, "tableau")
    world(network, practice)
    with system():
        gains.rebuild([network.pk])
    client.force_login(make_network_staff(network))

    response = client.get(reverse("network_dashboard", args=[network.slug]))

    assert [f.practice_id for f in response.context["measured"]] == [practice.pk]
    assert reverse("practice_gains_method") in response.content.decode()


def page_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_the_library_queries_do_not_grow_with_measured_practices(client, network):
    reader = make_member(make_organisation(network, name="Lectrice"))
    client.force_login(reader)
    first = linked_practice(network, "premiere")
    world(network, first)
    with system():
        gains.rebuild([network.pk])
    url = reverse("practice_list")
    detail = reverse("practice_detail", args=[first.pk])
    few, few_detail = page_queries(client, url), page_queries(client, detail)

    for n in range(3):
        world(network, linked_practice(network, f"autre-{n}"), adopters=6, others=5)
    with system():
        gains.rebuild([network.pk])
        assert PracticeGainFigure.objects.count() == 4

    assert page_queries(client, url) == few
    assert page_queries(client, detail) == few_detail
