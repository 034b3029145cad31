"""The network's VSME readiness, for its animators (anonymised figures)."""

from django.shortcuts import render

from levier.tenancy.views import network_aggregates, network_view
from levier.vsme import readiness as readiness_figures


@network_view("animate")
@network_aggregates
def readiness(request, access):
    return render(
        request,
        "vsme/network.html",
        {
            "access": access,
            "network": access.network,
            "readiness": readiness_figures.network_readiness(access.network),
        },
    )
