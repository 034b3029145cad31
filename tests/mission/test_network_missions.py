"""The network's companies with a mission, for its animators: each member's
next verification (overdue ones first and marked in words), the summary
counts, the members flagged "société à mission" without a mission in Levier,
and the themes of the statutory objectives with a peer exchange to plan."""

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from levier.engine.mission.calendar import add_months
from levier.mission.models import (
    Conclusion,
    Governance,
    Mission,
    MissionTheme,
    OperationalObjective,
    StatutoryObjective,
    Verification,
)
from tests.factories import make_member, make_network_staff, make_organisation

pytestmark = pytest.mark.django_db


def _mission(network, name, published_on, themes=(MissionTheme.CLIMATE,), **fields):
    organisation = make_organisation(network, name=name, is_mission=True)
    mission = Mission.objects.create(
        organisation=organisation,
        purpose=f"Raison d'être de {name}",
        published_on=published_on,
        **fields,
    )
    for position, theme in enumerate(themes):
        StatutoryObjective.objects.create(
            mission=mission, wording=f"Objectif {position}", theme=theme, position=position
        )
    return mission


def _page(client, network, **headers):
    client.force_login(make_network_staff(network))
    return client.get(reverse("mission_network", args=[network.slug]), **headers)


def test_overdue_verifications_come_first_marked_in_words(client, network):
    today = timezone.localdate()
    # First verification within 18 months of publication: 20 months ago is overdue.
    late = _mission(network, "Zèbre Conseil", add_months(today, -20))
    # Verified 20 months ago with 200 employees: next within 24 months, so due soon.
    soon = _mission(network, "Alpha Services", add_months(today, -40), (MissionTheme.WORK,))
    Verification.objects.create(
        mission=soon,
        done_on=add_months(today, -20),
        verifier="OTI Nord",
        conclusion="reservations",
        permanent_employees=200,
    )
    # A referent has 24 months for the first: published a year ago, on track.
    calm = _mission(
        network,
        "Bêta Atelier",
        add_months(today, -12),
        (MissionTheme.CLIMATE, MissionTheme.WORK),
        governance=Governance.REFERENT,
    )
    _mission(network, "Gamma sans date", None)
    make_organisation(network, name="Delta Flagged", is_mission=True)
    make_organisation(network, name="Epsilon Plain")

    response = _page(client, network)

    found = response.context["missions"]
    assert [row.organisation.name for row in found.rows] == [
        "Zèbre Conseil",
        "Alpha Services",
        "Bêta Atelier",
        "Gamma sans date",
    ]
    assert [row.calendar.status for row in found.rows] == ["overdue", "due_soon", "on_track", None]
    assert found.rows[0].calendar.deadline.due_on == add_months(late.published_on, 18)
    assert found.rows[2].calendar.deadline.due_on == add_months(calm.published_on, 24)
    assert found.rows[1].last_verification.done_on == add_months(today, -20)
    assert (found.count, found.overdue, found.due_soon) == (4, 1, 1)
    assert [o.name for o in found.without_mission] == ["Delta Flagged"]
    page = response.content.decode()
    # Marked in words, not only by colour, in its row.
    row = page.split("Zèbre Conseil")[1].split("</tr>")[0]
    assert "en retard" in row
    assert 'class="overdue"' in page.split("Zèbre Conseil")[0].rsplit("<tr", 1)[1]
    with translation.override("fr"):
        assert (
            str(Conclusion.RESERVATIONS.label) in page.split("Alpha Services")[1].split("</tr>")[0]
        )
    assert "Delta Flagged" in page and "Epsilon Plain" not in page


def test_themes_count_members_and_prefill_a_peer_exchange(client, network):
    today = timezone.localdate()
    _mission(network, "Un", today, (MissionTheme.CLIMATE, MissionTheme.CLIMATE, MissionTheme.WORK))
    _mission(network, "Deux", today, (MissionTheme.CLIMATE,))
    _mission(network, "Trois", today, (MissionTheme.INCLUSION,))

    response = _page(client, network, HTTP_ACCEPT_LANGUAGE="en")

    themes = response.context["missions"].themes
    assert [(t.code, t.count) for t in themes] == [("climate", 2), ("work", 1), ("inclusion", 1)]
    assert themes[0].companies == ["Deux", "Un"]
    draft = parse_qs(themes[0].event_query)
    assert draft["kind"] == ["exchange"]
    assert draft["theme"] == ["Climate and energy"]
    assert "Climate and energy" in draft["title"][0]
    # The link opens the event form with that draft.
    page = response.content.decode()
    link = page.split("Plan a peer exchange on this theme")[0].rsplit('href="', 1)[1].split('"')[0]
    event_form = client.get(link.replace("&amp;", "&"))
    assert event_form.status_code == 200
    form = event_form.context["form"]
    assert form.initial["kind"] == "exchange"
    assert form.initial["theme"] == "Climate and energy"
    assert urlsplit(link).path == reverse("event_new", args=[network.slug])


def test_a_members_own_work_is_not_shown(client, network):
    mission = _mission(network, "Un", timezone.localdate() - timedelta(days=30))
    OperationalObjective.objects.create(
        organisation=mission.organisation,
        statutory_objective=mission.objectives.get(),
        title="Secret operational title",
    )
    page = _page(client, network).content.decode()
    assert "Un" in page and "Secret operational title" not in page


def test_other_networks_missions_are_not_listed(client, network):
    _mission(network, "Ours", timezone.localdate())
    other = make_organisation(name="Theirs Mission Co", is_mission=True)
    Mission.objects.create(organisation=other, purpose="x", published_on=timezone.localdate())
    response = _page(client, network)
    assert [r.organisation.name for r in response.context["missions"].rows] == ["Ours"]
    assert "Theirs Mission Co" not in response.content.decode()


def test_queries_do_not_grow_with_the_members(client, network, django_assert_max_num_queries):
    today = timezone.localdate()

    def build(count):
        for n in range(count):
            mission = _mission(
                network,
                f"Member {n}",
                add_months(today, -30),
                (MissionTheme.CLIMATE, MissionTheme.WORK),
            )
            Verification.objects.create(
                mission=mission, done_on=add_months(today, -10), verifier="OTI", conclusion="met"
            )

    animator = make_network_staff(network)
    client.force_login(animator)
    url = reverse("mission_network", args=[network.slug])
    build(2)
    client.get(url)  # warm the caches
    with CaptureQueriesContext(connection) as two:
        assert len(client.get(url).context["missions"].rows) == 2
    build(18)
    with django_assert_max_num_queries(len(two.captured_queries)):
        assert len(client.get(url).context["missions"].rows) == 20


def test_only_the_networks_staff_reach_it(client, network):
    mission = _mission(network, "Ours", timezone.localdate())
    url = reverse("mission_network", args=[network.slug])
    member = make_member(mission.organisation)
    other_network = make_organisation().network
    foreign_staff = make_network_staff(other_network)
    for person in (member, foreign_staff):
        client.force_login(person)
        assert client.get(url).status_code == 404
    client.force_login(make_network_staff(network))
    response = client.get(url)
    assert response.status_code == 200
    assert "Ours" in response.content.decode()
