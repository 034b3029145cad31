"""Carbon: report views (being built)."""

from django.http import Http404

from levier.tenancy.views import org_view


@org_view("view_work")
def inventory_pdf(request, access, pk):
    raise Http404  # not built yet


@org_view("view_work")
def inventory_xlsx(request, access, pk):
    raise Http404  # not built yet


@org_view("view_work")
def inventory_beges(request, access, pk, ext):
    raise Http404  # not built yet


@org_view("view_work")
def inventory_results(request, access, pk):
    raise Http404  # not built yet
