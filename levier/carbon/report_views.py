"""An inventory's results: the page, and its exports (PDF report, XLSX of
lines and results, the BEGES table as CSV or XLSX)."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render

from levier.carbon import aggregates, charts, exports
from levier.carbon import results as carbon_results
from levier.carbon.models import CommutingSurvey, Inventory
from levier.reports.downloads import results_download
from levier.tenancy.views import org_view


def _inventory(access, pk) -> Inventory:
    return get_object_or_404(Inventory, pk=pk, organisation=access.organisation)


def _context(access, inventory) -> dict:
    results = carbon_results.build(inventory)
    return {
        "access": access,
        "organisation": access.organisation,
        "inventory": inventory,
        "results": results,
        "scope_chart": charts.scope_chart(results),
        "beges_chart": charts.beges_chart(results),
        "posts_chart": charts.posts_chart(results),
    }


@org_view("view_work")
def inventory_results(request, access, pk):
    inventory = _inventory(access, pk)
    context = _context(access, inventory)
    context["has_survey"] = CommutingSurvey.objects.filter(inventory=inventory).exists()
    # Anonymous peers' intensities: computed in the aggregating scope, under
    # the anonymity rule, by aggregates.peers_context.
    context["peers"] = aggregates.peers_context(inventory)
    return render(request, "carbon/results/page.html", context)


def _download(request, access, inventory, content: bytes, name: str) -> HttpResponse:
    return results_download(request, access.organisation, content, name)


@org_view("view_work")
def inventory_pdf(request, access, pk):
    inventory = _inventory(access, pk)
    content = exports.pdf(_context(access, inventory), request)
    return _download(request, access, inventory, content, exports.filename(inventory, "pdf"))


@org_view("view_work")
def inventory_xlsx(request, access, pk):
    inventory = _inventory(access, pk)
    content = exports.workbook(carbon_results.build(inventory))
    return _download(request, access, inventory, content, exports.filename(inventory, "xlsx"))


@org_view("view_work")
def inventory_beges(request, access, pk, ext):
    if ext not in ("csv", "xlsx"):
        raise Http404
    inventory = _inventory(access, pk)
    results = carbon_results.build(inventory)
    content = exports.beges_csv(results) if ext == "csv" else exports.beges_workbook(results)
    name = exports.filename(inventory, ext, prefix="beges")
    return _download(request, access, inventory, content, name)
