"""The audit trail, read by those it is for: an organisation's admins, a
network's admins (its organisations' entries included), and each person for
what concerns them. Nobody writes here: entries come from services.record."""

from django.core.paginator import Paginator
from django.shortcuts import render

from levier.audit.forms import TrailFilterForm
from levier.audit.models import AuditEntry
from levier.tenancy.views import account_view, network_view, org_view

PER_PAGE = 50


def _trail(request, entries, template: str, context: dict):
    form = TrailFilterForm(
        request.GET or None,
        # The kinds and months this trail holds, not every possible one.
        actions=set(entries.order_by().values_list("action", flat=True).distinct()),
        months=entries.datetimes("when", "month", order="DESC"),
    )
    chosen = form.narrow(entries).select_related("actor", "subject", "organisation", "network")
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        template,
        {
            **context,
            "form": form,
            "page": Paginator(chosen, PER_PAGE).get_page(request.GET.get("page")),
            "query_string": query.urlencode(),
        },
    )


@org_view("administer")
def organisation_trail(request, access):
    organisation = access.organisation
    return _trail(
        request,
        AuditEntry.objects.filter(organisation=organisation),
        "audit/organisation_trail.html",
        {"organisation": organisation, "access": access},
    )


@network_view("administer")
def network_trail(request, access):
    network = access.network
    return _trail(
        request,
        # An organisation's entries carry its network (services.record).
        AuditEntry.objects.filter(network=network),
        "audit/network_trail.html",
        {"network": network, "access": access},
    )


@account_view
def my_activity(request):
    return _trail(
        request,
        AuditEntry.objects.filter(subject=request.user),
        "audit/my_activity.html",
        {},
    )
