"""Stub views: their owner replaces them."""

from django.http import HttpResponse

from levier.tenancy.views import network_view


@network_view("animate")
def missions(request, access, pk=None):
    return HttpResponse("todo")
