"""Stub views: their owner replaces them."""

from django.http import HttpResponse

from levier.tenancy.views import org_view


@org_view("view_work")
def overview(request, access, pk=None):
    return HttpResponse("todo")


@org_view("view_work")
def mission_edit(request, access, pk=None):
    return HttpResponse("todo")


@org_view("view_work")
def objective_new(request, access, pk=None):
    return HttpResponse("todo")


@org_view("view_work")
def objective_edit(request, access, pk=None):
    return HttpResponse("todo")


@org_view("view_work")
def objective_delete(request, access, pk=None):
    return HttpResponse("todo")


@org_view("view_work")
def operational_new(request, access, pk=None):
    return HttpResponse("todo")


@org_view("view_work")
def operational_detail(request, access, pk=None):
    return HttpResponse("todo")


@org_view("view_work")
def operational_edit(request, access, pk=None):
    return HttpResponse("todo")


@org_view("view_work")
def operational_delete(request, access, pk=None):
    return HttpResponse("todo")


@org_view("view_work")
def operational_links(request, access, pk=None):
    return HttpResponse("todo")


@org_view("view_work")
def indicator_new(request, access, pk=None):
    return HttpResponse("todo")


@org_view("view_work")
def indicator_detail(request, access, pk=None):
    return HttpResponse("todo")


@org_view("view_work")
def indicator_edit(request, access, pk=None):
    return HttpResponse("todo")


@org_view("view_work")
def indicator_delete(request, access, pk=None):
    return HttpResponse("todo")


@org_view("view_work")
def measurement_delete(request, access, pk=None):
    return HttpResponse("todo")


@org_view("view_work")
def evidence_download(request, access, pk=None):
    return HttpResponse("todo")
