"""The scope fails closed: tenant data read with no scope raises instead of
leaking, and each widening (aggregates, consent) is bounded."""

import contextvars

import pytest
from django.http import Http404
from django_scopes import ScopeError

from levier.accounts.models import Membership, NetworkRole, Organisation, OrgRole
from levier.assessments.models import Assessment
from levier.assessments.services import start, submit
from levier.events.forms import EventForm
from levier.events.models import Event
from levier.frameworks.services import latest_version, sync_shipped_packs
from levier.insights.models import Sharing
from levier.plans.models import Action
from levier.tenancy.scope import Scope, acting_as, activate
from tests.clubs.factories import make_club
from tests.events.factories import make_event
from tests.factories import make_member, make_network, make_network_staff, make_organisation

pytestmark = pytest.mark.django_db


def outside_any_scope(function):
    """Run ``function`` as code that forgot its scope: a fresh context, like a
    new thread's."""
    return contextvars.Context().run(function)


@pytest.fixture
def version(db):
    sync_shipped_packs()
    return latest_version("levier-360")


@pytest.fixture
def two_members(network, version):
    """Two organisations of one network, each with a submitted assessment."""
    found = []
    for name in ("Alpha", "Beta"):
        organisation = make_organisation(network, name=name)
        admin = make_member(organisation, OrgRole.ADMIN)
        submit(start(organisation, version, "2026", admin), admin)
        found.append((organisation, admin))
    return found


@pytest.mark.parametrize(
    "read",
    [
        lambda: list(Assessment.objects.all()),
        lambda: Assessment.objects.count(),
        lambda: Assessment.objects.filter(period="2026"),
        lambda: Organisation.objects.first(),
        lambda: list(Event.objects.upcoming()),
        lambda: Membership.objects.exists(),
    ],
    ids=["list", "count", "filter", "first", "own queryset method", "exists"],
)
def test_a_read_with_no_scope_raises(two_members, read):
    with pytest.raises(ScopeError):
        outside_any_scope(read)


def test_related_managers_fail_closed_too(two_members):
    organisation, _admin = two_members[0]

    with pytest.raises(ScopeError):
        outside_any_scope(lambda: list(organisation.assessments.all()))


def test_a_person_reaches_only_their_organisations_work(two_members):
    (alpha, alpha_admin), (beta, _beta_admin) = two_members

    with acting_as(alpha_admin):
        seen = set(Assessment.objects.values_list("organisation_id", flat=True))
        missed = Assessment.objects.filter(organisation=beta).exists()

    assert seen == {alpha.pk}
    assert not missed


def test_staff_reach_no_work_without_consent_and_only_while_reading_it(two_members, network):
    (alpha, alpha_admin), (beta, _) = two_members
    animator = make_network_staff(network)
    scope = Scope.of(animator)
    Sharing.objects.create(organisation=alpha, shared_by=alpha_admin)

    with activate(scope):
        before = Assessment.objects.count()
        with pytest.raises(Http404), scope.reading_shared(beta):
            pass
        with scope.reading_shared(alpha):
            during = set(Assessment.objects.values_list("organisation_id", flat=True))
        after = Assessment.objects.count()

    assert (before, during, after) == (0, {alpha.pk}, 0)


def test_consent_is_for_the_staff_of_that_organisations_network(two_members):
    (alpha, alpha_admin), _ = two_members
    Sharing.objects.create(organisation=alpha, shared_by=alpha_admin)
    elsewhere = Scope.of(make_network_staff(make_network(), NetworkRole.Role.NETWORK_ADMIN))

    with activate(elsewhere), pytest.raises(Http404), elsewhere.reading_shared(alpha):
        pass


def test_aggregates_widen_to_the_networks_in_reach_only(two_members, version):
    (alpha, alpha_admin), (beta, _) = two_members
    other = make_organisation(make_network(), name="Gamma")
    submit(start(other, version, "2026", make_member(other)), other.memberships.get().user)
    scope = Scope.of(alpha_admin)

    with activate(scope), scope.aggregating([alpha.network_id, other.network_id]):
        counted = set(Assessment.objects.values_list("organisation_id", flat=True))

    assert counted == {alpha.pk, beta.pk}


def test_form_choices_made_at_import_resolve_in_the_requests_scope(two_members, network):
    """Model forms build their choices when their class is defined, with no
    scope; Django copies them (``.all()``) for each form, in the scope of the
    request that uses it."""
    _alpha, alpha_admin = two_members[0]
    ours, theirs = make_club(network), make_club(make_network())
    club_choices = EventForm.base_fields["club"].queryset

    with acting_as(alpha_admin):
        offered = set(club_choices.all().values_list("pk", flat=True))
    with pytest.raises(ScopeError):
        outside_any_scope(lambda: list(club_choices.all()))

    assert ours.pk in offered and theirs.pk not in offered


def test_creating_rows_needs_no_scope_but_reading_them_back_does(two_members):
    organisation, _admin = two_members[0]

    action = outside_any_scope(
        lambda: Action.objects.create(organisation=organisation, title="Sans portée")
    )

    assert action.pk
    with pytest.raises(ScopeError):
        outside_any_scope(lambda: Action.objects.get(pk=action.pk))


def test_anonymous_visitors_see_only_public_events(network):
    public = make_event(network, audience="public")
    make_event(network, audience="network")

    with activate(Scope(user_id=None)):
        seen = list(Event.objects.values_list("pk", flat=True))

    assert seen == [public.pk]
