"""Stub views: their owner replaces them."""

from django.http import HttpResponse

from levier.tenancy.views import org_view


@org_view("view_work")
def committee(request, access, pk=None):
    return HttpResponse("todo")


@org_view("view_work")
def member_new(request, access, pk=None):
    return HttpResponse("todo")


@org_view("view_work")
def member_edit(request, access, pk=None):
    return HttpResponse("todo")


@org_view("view_work")
def member_delete(request, access, pk=None):
    return HttpResponse("todo")


@org_view("view_work")
def meeting_new(request, access, pk=None):
    return HttpResponse("todo")


@org_view("view_work")
def meeting_detail(request, access, pk=None):
    return HttpResponse("todo")


@org_view("view_work")
def meeting_delete(request, access, pk=None):
    return HttpResponse("todo")


@org_view("view_work")
def report_new(request, access, pk=None):
    return HttpResponse("todo")


@org_view("view_work")
def report_edit(request, access, pk=None):
    return HttpResponse("todo")


@org_view("view_work")
def report_pdf(request, access, pk=None):
    return HttpResponse("todo")
