"""Carbon: reduction views (being built)."""

from django.http import Http404

from levier.tenancy.views import org_view


@org_view("view_work")
def where_to_start(request, access, pk):
    raise Http404  # not built yet


@org_view("contribute")
def add_to_plan(request, access, pk):
    raise Http404  # not built yet
