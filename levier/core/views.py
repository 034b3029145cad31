from django.db import connection
from django.db.models import OuterRef
from django.http import HttpResponse
from django.shortcuts import render

from levier.accounts.models import (
    Invitation,
    Membership,
    NetworkRole,
    Organisation,
    OrgRole,
)
from levier.lib.queries import SubqueryCount


def home(request):
    """What to do next, for each role the person holds."""
    if not request.user.is_authenticated:
        return render(request, "home/welcome.html")
    user = request.user
    pending = Invitation.objects.pending()
    memberships = (
        Membership.objects.filter(user=user)
        .select_related("organisation")
        .annotate(
            people=SubqueryCount(Membership.objects.filter(organisation=OuterRef("organisation"))),
            pending_invitations=SubqueryCount(
                pending.filter(organisation=OuterRef("organisation"))
            ),
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
    return render(
        request,
        "home/home.html",
        {
            "memberships": memberships,
            "network_roles": network_roles,
            "admin_role": OrgRole.ADMIN,
            "network_admin_role": NetworkRole.Role.NETWORK_ADMIN,
        },
    )


def health(request):
    """For load balancers: the process answers and reaches its database."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")
