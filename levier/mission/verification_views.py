"""Stub views: their owner replaces them."""

from django.http import HttpResponse

from levier.tenancy.views import org_view


@org_view("view_work")
def verification(request, access, pk=None):
    return HttpResponse("todo")


@org_view("view_work")
def verification_new(request, access, pk=None):
    return HttpResponse("todo")


@org_view("view_work")
def verification_edit(request, access, pk=None):
    return HttpResponse("todo")


@org_view("view_work")
def verification_delete(request, access, pk=None):
    return HttpResponse("todo")


@org_view("view_work")
def document_download(request, access, pk=None):
    return HttpResponse("todo")


@org_view("view_work")
def verification_file(request, access, pk=None):
    return HttpResponse("todo")
