"""An inventory's results: the page, and its exports (PDF report, XLSX of
lines and results, the BEGES table as CSV or XLSX)."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render

from levier.audit import services as audit
from levier.carbon import aggregates, charts, exports
from levier.carbon import results as carbon_results
from levier.carbon.models import CommutingSurvey, Inventory
from levier.tenancy.views import org_view

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "xlsx": XLSX, "pdf": "application/pdf"}


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
    extension = name.rsplit(".", 1)[1]
    response = HttpResponse(content, content_type=CONTENT_TYPES[extension])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    # The file's name, never its figures: the network's admins read the trail.
    audit.record(
        audit.Action.RESULTS_EXPORTED,
        subject=request.user,
        organisation=access.organisation,
        detail=name,
        request=request,
    )
    return response


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
