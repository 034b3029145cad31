"""Carbon: factor views (being built)."""

from django.http import Http404

from levier.tenancy.views import member_view, network_view


@member_view
def factor_list(request):
    raise Http404  # not built yet


@member_view
def factor_detail(request, pk):
    raise Http404  # not built yet


@network_view("administer")
def factor_import(request, access):
    raise Http404  # not built yet


@network_view("administer")
def factor_import_detail(request, access, import_id):
    raise Http404  # not built yet
