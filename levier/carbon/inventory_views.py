"""Carbon: inventory views (being built)."""

from django.http import Http404

from levier.tenancy.views import org_view


@org_view("view_work")
def inventory_list(request, access):
    raise Http404  # not built yet


@org_view("contribute")
def inventory_new(request, access):
    raise Http404  # not built yet


@org_view("view_work")
def inventory_detail(request, access, pk):
    raise Http404  # not built yet


@org_view("contribute")
def inventory_settings(request, access, pk):
    raise Http404  # not built yet


@org_view("contribute")
def line_new(request, access, pk):
    raise Http404  # not built yet


@org_view("contribute")
def line_edit(request, access, pk, line_id):
    raise Http404  # not built yet


@org_view("contribute")
def line_delete(request, access, pk, line_id):
    raise Http404  # not built yet


@org_view("administer")
def inventory_lock(request, access, pk):
    raise Http404  # not built yet
