from django.db.models import OuterRef, Subquery
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from levier.accounts.models import (
    Invitation,
    Membership,
    Network,
    NetworkRole,
    Organisation,
    OrgRole,
)
from levier.assessments.models import Assessment
from levier.core import health as checks
from levier.events import suggestions
from levier.events.views import visible_events
from levier.lib.queries import SubqueryCount
from levier.plans.models import Action
from levier.tenancy.views import public_view


@public_view
def home(request):
    """What to do next, for each role the person holds."""
    if not request.user.is_authenticated:
        return render(request, "home/welcome.html")
    user = request.user
    scope = request.scope
    if scope.funder_network_ids and not scope.roles and not scope.staff:
        # A funder's contact person: their home is the projects shared with them.
        network = Network._base_manager.filter(pk__in=scope.funder_network_ids).order_by("name")
        return redirect("funder_home", network.first().slug)
    pending = Invitation.objects.pending()
    open_actions = Action.objects.filter(
        status__in=[Action.Status.TODO, Action.Status.IN_PROGRESS],
        organisation=OuterRef("organisation"),
    )
    memberships = (
        Membership.objects.filter(user=user)
        .select_related("organisation")
        .annotate(
            people=SubqueryCount(Membership.objects.filter(organisation=OuterRef("organisation"))),
            pending_invitations=SubqueryCount(
                pending.filter(organisation=OuterRef("organisation"))
            ),
            open_actions=SubqueryCount(open_actions),
            overdue_actions=SubqueryCount(open_actions.filter(due_date__lt=timezone.localdate())),
        )
        .order_by("organisation__name")
    )
    network_roles = (
        NetworkRole.objects.filter(user=user)
        .select_related("network")
        .annotate(
            organisations=SubqueryCount(Organisation.objects.filter(network=OuterRef("network"))),
            people=SubqueryCount(
                Membership.objects.filter(organisation__network=OuterRef("network"))
            ),
            pending_invitations=SubqueryCount(
                pending.filter(organisation__network=OuterRef("network"))
            ),
        )
        .order_by("network__name")
    )
    memberships = list(memberships)
    latest = _latest_assessments([m.organisation_id for m in memberships])
    # Workshops on each organisation's weakest themes: its own scores, read
    # in the person's scope (two queries whatever the number of organisations).
    suggested = suggestions.for_organisations(
        [m.organisation for m in memberships], visible_events()
    )
    for membership in memberships:
        membership.latest_assessment = latest.get(membership.organisation_id)
        membership.suggested_events = suggested.get(membership.organisation_id, [])
    upcoming = (
        visible_events()
        .filter(start__gte=timezone.now(), is_published=True, cancelled_at__isnull=True)
        .order_by("start")[:3]
    )
    return render(
        request,
        "home/home.html",
        {
            "memberships": memberships,
            "network_roles": network_roles,
            "admin_role": OrgRole.ADMIN,
            "viewer_role": OrgRole.VIEWER,
            "network_admin_role": NetworkRole.Role.NETWORK_ADMIN,
            "upcoming": upcoming,
        },
    )


def _latest_assessments(organisation_ids) -> dict:
    """The most recent assessment of each organisation, in one query."""
    newest = Assessment.objects.filter(organisation=OuterRef("organisation")).order_by(
        "-created_at"
    )
    return {
        a.organisation_id: a
        for a in Assessment.objects.filter(
            organisation_id__in=organisation_ids, pk=Subquery(newest.values("pk")[:1])
        ).select_related("framework_version")
    }


@public_view
def health(request):
    """For load balancers and monitors: 200 when the database, the shared
    cache and the task worker all work, 503 and which one fails otherwise."""
    healthy, components = checks.report()
    response = JsonResponse(
        {"status": checks.OK if healthy else checks.FAILING, "components": components},
        status=200 if healthy else 503,
    )
    response["Cache-Control"] = "no-store"
    return response
