"""Projects their organisations made public: readable by everybody, without
an account (documents stay with the network's funders)."""

from django.core.paginator import Paginator
from django.db.models import F
from django.shortcuts import get_object_or_404, render

from levier.finance import matching
from levier.finance.models import Project
from levier.tenancy.views import public_view

PAGE_SIZE = 20


def _public_projects():
    # The scope's rule already lets everybody read public projects; the
    # filter keeps a signed-in member's drafts and shared ones off this page.
    return Project.objects.filter(visibility=Project.Visibility.PUBLIC).select_related(
        "organisation__network", "programme"
    )


@public_view
def public_projects(request):
    page = Paginator(
        _public_projects().order_by(F("shared_at").desc(nulls_last=True), "-pk"), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    matching.labelled(page.object_list)
    return render(request, "finance/public_projects.html", {"page": page})


@public_view
def public_project(request, pk):
    project = get_object_or_404(_public_projects(), pk=pk)
    return render(
        request, "finance/public_project.html", {"project": matching.labelled([project])[0]}
    )
