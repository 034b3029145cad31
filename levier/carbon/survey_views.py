"""Carbon: survey views (being built)."""

from django.http import Http404

from levier.tenancy.views import org_view, token_view


@org_view("contribute")
def survey_manage(request, access, pk):
    raise Http404  # not built yet


@org_view("contribute")
def survey_weeks(request, access, pk):
    raise Http404  # not built yet


@org_view("contribute")
def survey_open(request, access, pk):
    raise Http404  # not built yet


@org_view("contribute")
def survey_count(request, access, pk):
    raise Http404  # not built yet


@token_view
def survey_answer(request, token):
    raise Http404  # not built yet


@token_view
def survey_thanks(request, token):
    raise Http404  # not built yet
