"""The network's aggregated footprint, for its animators: figures over the
members' locked inventories, under the anonymity rule, never a member's own."""

from django.shortcuts import render

from levier.carbon import aggregates
from levier.tenancy.views import network_aggregates, network_view


@network_view("animate")
@network_aggregates
def network_footprint(request, access):
    return render(
        request,
        "carbon/network/footprint.html",
        {
            "access": access,
            "network": access.network,
            "footprint": aggregates.network_footprint(access.network),
        },
    )
