"""Carbon: network views (being built)."""

from django.http import Http404

from levier.tenancy.views import network_view


@network_view("animate")
def network_footprint(request, access):
    raise Http404  # not built yet
