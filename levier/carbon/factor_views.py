"""Emission factors: the searchable list (any signed-in person: the shipped
set and their networks' imports), a factor's page, the picker fragment the
inventory line form loads with htmx, and a network's imports of Base
Carbone / Base Empreinte exports (its administrators)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from levier.accounts.models import Network
from levier.carbon import factor_import as importing
from levier.carbon import factors, labels
from levier.carbon.forms_factors import FactorImportForm, FactorSearchForm
from levier.carbon.models import EmissionFactor, FactorImport
from levier.tenancy.views import member_view, network_view

PER_PAGE = 25
PICK_MAX = 20


def _named(items):
    english = (get_language() or "fr").startswith("en")
    today = timezone.localdate()
    for factor in items:
        factor.display_name = factor.name_en if english and factor.name_en else factor.name_fr
        factor.unit_label = labels.unit_symbol(factor.unit)
        factor.value_text = labels.number_text(factor.value)
        factor.valid_until_text = labels.validity_text(factor.valid_until)
        factor.valid_until_passed = labels.validity_passed(factor.valid_until, today)
    return items


@member_view
def factor_list(request):
    form = FactorSearchForm(request.GET or None)
    criteria = form.criteria() if request.GET else {}
    page = Paginator(factors.search(**criteria), PER_PAGE).get_page(request.GET.get("page"))
    _named(page.object_list)
    parameters = request.GET.copy()
    parameters.pop("page", None)
    context = {"form": form, "page": page, "query_string": parameters.urlencode()}
    if request.htmx:
        return render(request, "carbon/factors/_results.html", context)
    # The networks whose factors this person imports: a link to each's imports.
    context["import_networks"] = Network.objects.filter(pk__in=request.scope.admin_network_ids)
    return render(request, "carbon/factors/list.html", context)


@member_view
def factor_pick(request):
    """The search box of the inventory line form: a button per current
    factor (the first ``PICK_MAX``) matching ``q``, narrowed to those suited
    to the inventory category ``post`` (and ``unit``, ``source``). The
    shipped set and the person's networks' imports only (the manager)."""
    form = FactorSearchForm(request.GET or None)
    criteria = form.criteria()
    found = list(factors.search(**criteria)[: PICK_MAX + 1]) if criteria.get("q") else []
    return render(
        request,
        "carbon/factors/_pick.html",
        {
            "factors": _named(found[:PICK_MAX]),
            "more": len(found) > PICK_MAX,
            "searched": bool(criteria.get("q")),
            "form": form,
        },
    )


@member_view
def factor_detail(request, pk):
    factor = get_object_or_404(
        EmissionFactor.objects.select_related("network", "superseded_by"), pk=pk
    )
    _named([factor])
    older = _named(list(EmissionFactor.objects.filter(superseded_by=factor).order_by("-pk")))
    newer = factor.superseded_by
    if newer is not None:
        _named([newer])
    return render(
        request,
        "carbon/factors/detail.html",
        {"factor": factor, "older": older, "newer": newer},
    )


@network_view("administer")
def factor_import(request, access):
    form = FactorImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            parsed = importing.read(upload)
            report = importing.save(
                parsed,
                access.network,
                source=form.cleaned_data["source"],
                source_version=form.cleaned_data["source_version"],
                file_name=upload.name,
                user=request.user,
            )
        except importing.ImportRefused as refused:
            errors = refused.errors
        else:
            done = report.factor_import
            messages.success(
                request,
                _(
                    "Import done: %(created)s factors created, %(updated)s updated, "
                    "%(unchanged)s unchanged, %(skipped)s lines skipped."
                )
                % {
                    "created": done.created,
                    "updated": done.updated,
                    "unchanged": done.unchanged,
                    "skipped": done.skipped,
                },
            )
            for notice in report.notices[: importing.LISTED_PROBLEMS]:
                messages.warning(request, str(notice))
            return redirect("carbon_factor_import_detail", access.network.slug, done.pk)
    more = len(errors) - importing.LISTED_PROBLEMS
    return render(
        request,
        "carbon/factors/import.html",
        {
            "form": form,
            "errors": errors,
            "listed_errors": errors[: importing.LISTED_PROBLEMS],
            "more_errors": ngettext(
                "… and %(count)d more problem.", "… and %(count)d more problems.", more
            )
            % {"count": more}
            if more > 0
            else "",
            "network": access.network,
            "imports": FactorImport.objects.filter(network=access.network).select_related(
                "imported_by"
            )[:50],
            "max_size": importing.MAX_FILE_BYTES,
        },
        status=400 if errors else 200,
    )


@network_view("administer")
def factor_import_detail(request, access, import_id):
    done = get_object_or_404(
        FactorImport.objects.select_related("imported_by"), pk=import_id, network=access.network
    )
    imported = _named(
        list(
            EmissionFactor.objects.filter(
                network=access.network, source=done.source, source_version=done.source_version
            ).order_by("-pk")[:PER_PAGE]
        )
    )
    return render(
        request,
        "carbon/factors/import_detail.html",
        {"network": access.network, "done": done, "imported": imported},
    )
