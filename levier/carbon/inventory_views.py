"""Inventories and their lines: the list, a new inventory, the entry page by
category, one line's form (a fragment with htmx, a page without), settings,
lock.

Contributors edit, viewers read. A locked inventory changes no more. Lines
counted from the commuting survey are replaced by it, not edited here. An
edit based on a version of the line that changed meanwhile is refused, with
the colleague's version shown and the edit kept in the form.
"""

from collections import defaultdict

from django.contrib import messages
from django.db import transaction
from django.db.models import F
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django_htmx.http import reswap, retarget

from levier.accounts.models import NetworkRole
from levier.carbon import factors, labels, services
from levier.carbon.forms import InventoryForm, LineForm, NewInventoryForm, factor_label
from levier.carbon.models import CommutingSurvey, EmissionFactor, Inventory, InventoryLine, Post
from levier.engine.carbon.posts import POSTS
from levier.tenancy.views import org_view

# Pages ----------------------------------------------------------------------------


def _inventory(access, pk) -> Inventory:
    return get_object_or_404(Inventory, pk=pk, organisation=access.organisation)


def _inventory_url(inventory, post=None) -> str:
    url = reverse("carbon_inventory", args=[inventory.organisation.slug, inventory.pk])
    return f"{url}#post-{post}" if post else url


def _tonnes(kg: float) -> float:
    return kg / 1000


@org_view("view_work")
def inventory_list(request, access):
    organisation = access.organisation
    inventories = list(Inventory.objects.filter(organisation=organisation))
    lines = defaultdict(list)
    for line in InventoryLine.objects.filter(inventory__in=inventories).select_related("factor"):
        lines[line.inventory_id].append(line)
    rows = []
    for inventory in inventories:
        result = services.footprint(inventory, lines[inventory.pk])
        rows.append(
            {
                "inventory": inventory,
                "lines": len(lines[inventory.pk]),
                "tonnes": labels.tonnes_text(result.total.kg),
                "uncertainty": labels.tonnes_text(result.total.uncertainty_kg),
            }
        )
    return render(
        request,
        "carbon/inventory/list.html",
        {"access": access, "organisation": organisation, "rows": rows},
    )


def _previous(organisation, year: int, site: str) -> Inventory | None:
    """The latest inventory before ``year``, of the same site if there is one."""
    earlier = Inventory.objects.filter(organisation=organisation, year__lt=year)
    return (
        earlier.filter(site=site).order_by("-year").first()
        or earlier.order_by("-year", "site").first()
    )


def _current_version(factor: EmissionFactor) -> EmissionFactor:
    """The factor's latest version: a new year starts from current values."""
    seen = {factor.pk}
    while factor.superseded_by_id and factor.superseded_by_id not in seen:
        seen.add(factor.superseded_by_id)
        factor = factor.superseded_by
    return factor


def copy_lines(source: Inventory, target: Inventory, user) -> int:
    """Copy ``source``'s lines into ``target`` with their factors (current
    versions), each marked to confirm. Survey lines are not copied: the new
    year's survey gives them."""
    copies = [
        InventoryLine(
            inventory=target,
            post=line.post,
            label=line.label,
            quantity=line.quantity,
            unit=line.unit,
            factor=_current_version(line.factor),
            data_quality=line.data_quality,
            amortisation_years=line.amortisation_years,
            comment=line.comment,
            copied_from_year=source.year,
            created_by=user,
            updated_by=user,
        )
        for line in source.lines.filter(from_survey=False).select_related("factor")
    ]
    InventoryLine.objects.bulk_create(copies)
    return len(copies)


@org_view("contribute")
def inventory_new(request, access):
    organisation = access.organisation
    # Last year's, or the first year after it that has no inventory yet.
    taken = set(Inventory.objects.filter(organisation=organisation).values_list("year", flat=True))
    year = timezone.localdate().year - 1
    while year in taken:
        year += 1
    initial = {"year": year, "headcount": organisation.headcount}
    form = NewInventoryForm(request.POST or None, initial=initial, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            inventory = form.save(commit=False)
            inventory.organisation = organisation
            inventory.created_by = request.user
            inventory.save()
            copied, previous = 0, None
            if form.cleaned_data["copy_previous"]:
                previous = _previous(organisation, inventory.year, inventory.site)
                if previous is not None:
                    copied = copy_lines(previous, inventory, request.user)
        if copied:
            messages.success(
                request,
                ngettext(
                    "The inventory of %(year)s is created with %(count)s line of %(previous)s: "
                    "confirm or update its quantity.",
                    "The inventory of %(year)s is created with %(count)s lines of %(previous)s: "
                    "confirm or update each quantity.",
                    copied,
                )
                % {"year": inventory.year, "count": copied, "previous": previous},
            )
        elif form.cleaned_data["copy_previous"]:
            messages.info(
                request,
                _("The inventory is created. There was no earlier inventory to copy lines from."),
            )
        else:
            messages.success(request, _("The inventory is created: fill in its categories."))
        return redirect(_inventory_url(inventory))
    has_previous = Inventory.objects.filter(organisation=organisation).exists()
    return render(
        request,
        "carbon/inventory/new.html",
        {
            "access": access,
            "organisation": organisation,
            "form": form,
            "has_previous": has_previous,
        },
        status=400 if form.errors else 200,
    )


def factor_import_url(access) -> str:
    """The page where the organisation's network imports factors, for those
    who administer that network; empty for everyone else."""
    if access.network_role != NetworkRole.Role.NETWORK_ADMIN:
        return ""
    return reverse("carbon_factor_import", args=[access.organisation.network.slug])


class _Section:
    """A category of the entry page: its lines and subtotal, and whether a
    factor can be picked for it."""

    def __init__(self, code, lines, result, has_factors=True):
        self.code = code
        self.has_factors = has_factors
        self.label = Post(code).label
        self.help = labels.POST_HELP[code]
        self.scope = POSTS[code].scope
        self.scope_label = labels.scope_label(self.scope, short=True)
        self.lines = lines
        for line in lines:
            emission = result.lines.get(line.pk)
            line.tonnes_text = labels.tonnes_text(emission.kg if emission else 0)
            line.quantity_text = labels.number_text(line.quantity)
            line.factor_text = factor_label(line.factor)
            line.unit_text = labels.unit_symbol(line.unit)
        self.tonnes = _tonnes(result.by_post[code].kg)
        self.tonnes_text = labels.tonnes_text(result.by_post[code].kg)

    @property
    def to_confirm(self) -> int:
        return sum(1 for line in self.lines if line.copied_from_year)


def _entry_context(access, inventory, lines=None):
    lines = services.lines_of(inventory) if lines is None else lines
    result = services.footprint(inventory, lines)
    by_post = defaultdict(list)
    for line in lines:
        by_post[line.post].append(line)
    with_factors = factors.posts_with_factors()
    sections = [
        _Section(code, by_post[code], result, code in with_factors) for code in Post.values
    ]
    return {
        "access": access,
        "organisation": access.organisation,
        "inventory": inventory,
        "sections": sections,
        "editable": access.can_contribute and not inventory.is_locked,
        "tonnes": _tonnes(result.total.kg),
        "tonnes_text": labels.tonnes_text(result.total.kg),
        "uncertainty_text": labels.tonnes_text(result.total.uncertainty_kg),
        "line_count": len(lines),
        "to_confirm": sum(s.to_confirm for s in sections),
        "factor_import_url": factor_import_url(access),
        "has_survey": CommutingSurvey.objects.filter(inventory=inventory).exists(),
    }


@org_view("view_work")
def inventory_detail(request, access, pk):
    inventory = _inventory(access, pk)
    context = _entry_context(access, inventory)
    section = request.GET.get("section")
    if request.htmx and section in Post.values:
        # Back to the category as it is (a form cancelled).
        return _section_response(request, context, section)
    return render(request, "carbon/inventory/detail.html", context)


def _section_response(request, context, code):
    section = next(s for s in context["sections"] if s.code == code)
    return render(request, "carbon/inventory/_section_swap.html", {**context, "section": section})


@org_view("contribute")
def inventory_settings(request, access, pk):
    inventory = _inventory(access, pk)
    organisation = access.organisation
    if request.method == "POST" and _refuse_locked(request, inventory):
        return redirect(_inventory_url(inventory))
    form = InventoryForm(request.POST or None, instance=inventory, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The inventory's settings are saved."))
        return redirect(_inventory_url(inventory))
    return render(
        request,
        "carbon/inventory/settings.html",
        {"access": access, "organisation": organisation, "inventory": inventory, "form": form},
        status=400 if form.errors else 200,
    )


@org_view("administer")
@require_POST
def inventory_lock(request, access, pk):
    inventory = _inventory(access, pk)
    if request.POST.get("lock") == "1":
        services.lock(inventory, request.user)
        messages.success(
            request,
            _(
                "The inventory is locked: its lines and factors no longer change, and new "
                "versions of factors do not touch it."
            ),
        )
    else:
        services.unlock(inventory)
        messages.success(request, _("The inventory is unlocked: contributors can edit it again."))
    return redirect(_inventory_url(inventory))


# Lines ----------------------------------------------------------------------------


def _refuse_locked(request, inventory) -> bool:
    if inventory.is_locked:
        messages.error(
            request, _("This inventory is locked: an administrator can unlock it to change it.")
        )
        return True
    return False


def _refused(request, inventory, post, message):
    """A change that cannot be made: said in a message, on the category."""
    messages.error(request, message)
    if request.htmx:
        response = HttpResponse()
        response["HX-Redirect"] = _inventory_url(inventory, post)
        return response
    return redirect(_inventory_url(inventory, post))


def _line_form_response(request, access, inventory, form, line=None, conflict=None, status=200):
    context = {
        "access": access,
        "organisation": access.organisation,
        "inventory": inventory,
        "form": form,
        "line": line,
        "post": form.post,
        "post_label": Post(form.post).label,
        "form_action": (
            reverse("carbon_line", args=[access.organisation.slug, inventory.pk, line.pk])
            if line
            else reverse("carbon_line_new", args=[access.organisation.slug, inventory.pk])
        ),
        "post_help": labels.POST_HELP[form.post],
        "conflict": conflict,
        "large": form.large,
    }
    # Another factor chosen: the form comes back with the units it allows.
    form.fields["factor"].widget.attrs.update(
        {
            "hx-get": context["form_action"],
            "hx-trigger": "change",
            "hx-include": "closest form",
            "hx-params": "not csrfmiddlewaretoken",
            "hx-target": "closest form",
            "hx-swap": "outerHTML",
        }
    )
    if conflict is not None:
        conflict.factor_text = factor_label(conflict.factor)
        conflict.unit_text = labels.unit_symbol(conflict.unit)
        conflict.quantity_text = labels.number_text(conflict.quantity)
    if request.htmx:
        # htmx swaps only successful answers: the form with its errors is one.
        return render(request, "carbon/inventory/_line_form.html", context)
    return render(request, "carbon/inventory/line_form.html", context, status=status)


def _no_factor_response(request, access, inventory, post):
    """A category no factor suits yet: said plainly, rather than a form
    that could only be refused."""
    context = {
        "access": access,
        "organisation": access.organisation,
        "inventory": inventory,
        "post": post,
        "post_label": Post(post).label,
        "post_help": labels.POST_HELP[post],
        "factor_import_url": factor_import_url(access),
    }
    if request.htmx:
        return render(request, "carbon/inventory/_no_factor.html", context)
    return render(request, "carbon/inventory/no_factor.html", context)


def _saved(request, access, inventory, post):
    """After a change: the category again (htmx), or the page at the category."""
    if not request.htmx:
        return redirect(_inventory_url(inventory, post))
    context = _entry_context(access, inventory)
    response = _section_response(request, context, post)
    return reswap(retarget(response, f"#post-{post}"), "outerHTML")


def _post_of(request) -> str | None:
    post = request.POST.get("post") or request.GET.get("post")
    return post if post in Post.values else None


def _typed(request, form_class=LineForm) -> dict:
    """What is in the form when a GET refreshes it (another factor chosen):
    shown again as it was, without errors."""
    names = {*form_class.base_fields, *form_class._meta.fields}
    return {name: request.GET.get(name) for name in names if name in request.GET}


def _refuse_line_change(request, inventory, post):
    if inventory.is_locked:
        return _refused(
            request,
            inventory,
            post,
            _("This inventory is locked: an administrator can unlock it to change it."),
        )
    return None


@org_view("contribute")
def line_new(request, access, pk):
    inventory = _inventory(access, pk)
    post = _post_of(request)
    if post is None:
        messages.error(request, _("Choose the category to add a line to."))
        return redirect(_inventory_url(inventory))
    refused = _refuse_line_change(request, inventory, post)
    if refused:
        return refused
    offered = list(factors.for_post(post))
    if not offered:
        return _no_factor_response(request, access, inventory, post)
    if request.method != "POST":
        form = LineForm(initial=_typed(request), post=post, factors=offered)
        return _line_form_response(request, access, inventory, form)
    form = LineForm(request.POST, post=post, factors=offered)
    if not form.is_valid():
        return _line_form_response(request, access, inventory, form, status=400)
    line = form.save(commit=False)
    line.inventory = inventory
    line.post = post
    line.created_by = line.updated_by = request.user
    line.save()
    messages.success(request, _("The line “%(label)s” is added.") % {"label": line.label})
    return _saved(request, access, inventory, post)


def _line(inventory, line_id) -> InventoryLine:
    return get_object_or_404(
        InventoryLine.objects.select_related("factor", "updated_by"),
        pk=line_id,
        inventory=inventory,
    )


def _refuse_survey_line(request, inventory, line):
    if line.from_survey:
        return _refused(
            request,
            inventory,
            line.post,
            _(
                "This line comes from the commuting survey: change the survey's answers or "
                "settings and count them again, rather than the line."
            ),
        )
    return None


@org_view("contribute")
def line_edit(request, access, pk, line_id):
    inventory = _inventory(access, pk)
    line = _line(inventory, line_id)
    refused = _refuse_line_change(request, inventory, line.post) or _refuse_survey_line(
        request, inventory, line
    )
    if refused:
        return refused
    offered = list(factors.for_post(line.post))
    if request.method != "POST":
        form = LineForm(instance=line, initial=_typed(request), post=line.post, factors=offered)
        return _line_form_response(request, access, inventory, form, line=line)
    form = LineForm(request.POST, instance=line, post=line.post, factors=offered)
    if not form.is_valid():
        return _line_form_response(request, access, inventory, form, line=line, status=400)
    fields = {
        name: form.cleaned_data[name] for name in form._meta.fields if name in form.cleaned_data
    }
    with transaction.atomic():
        updated = InventoryLine.objects.filter(
            pk=line.pk, version=form.cleaned_data["version"] or 0
        ).update(
            **fields,
            copied_from_year=None,
            version=F("version") + 1,
            updated_by=request.user,
            updated_at=timezone.now(),
        )
    if not updated:
        current = _line(inventory, line.pk)
        name = current.updated_by.display_name if current.updated_by else _("Someone")
        messages.error(
            request,
            _(
                "%(name)s changed this line while you were editing it. Their version is shown "
                "below; your changes are still in the form."
            )
            % {"name": name},
        )
        data = request.POST.copy()
        data["version"] = current.version  # saving again keeps yours over theirs
        form = LineForm(data, instance=_line(inventory, line.pk), post=line.post, factors=offered)
        form.is_valid()  # shows the form as typed (validating fills its instance)
        return _line_form_response(
            request, access, inventory, form, line=current, conflict=current, status=409
        )
    messages.success(request, _("The line “%(label)s” is saved.") % {"label": fields["label"]})
    return _saved(request, access, inventory, line.post)


@org_view("contribute")
@require_POST
def line_delete(request, access, pk, line_id):
    inventory = _inventory(access, pk)
    line = _line(inventory, line_id)
    refused = _refuse_line_change(request, inventory, line.post) or _refuse_survey_line(
        request, inventory, line
    )
    if refused:
        return refused
    line.delete()
    messages.success(request, _("The line “%(label)s” is deleted.") % {"label": line.label})
    return _saved(request, access, inventory, line.post)
