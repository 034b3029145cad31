"""The network's companies with a mission, for its animators: the verifier's
calendar of each, the members still to help define their mission, and the
themes of their statutory objectives for peer exchanges."""

from django.shortcuts import render

from levier.mission.network import network_missions
from levier.tenancy.views import network_view


@network_view("animate")
def missions(request, access):
    return render(
        request,
        "mission/network.html",
        {
            "access": access,
            "network": access.network,
            "missions": network_missions(access.network),
        },
    )
