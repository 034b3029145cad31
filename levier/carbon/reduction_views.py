"""From footprint to actions: "where to start" for carbon, adding a lever to
the plan with its projected reduction, and using a carbon suggestion on the
assessment's climate questions."""

from datetime import timedelta

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from levier.assessments.suggested_answers import save_suggested
from levier.carbon import labels, levers, prefill, reductions
from levier.carbon.forms import DecimalField
from levier.carbon.models import Inventory
from levier.lib.text import SingleLineFormField
from levier.plans.forms import member_choices
from levier.practices.models import Practice
from levier.tenancy.views import org_view


class ReductionForm(forms.Form):
    """One lever added to the plan: the share the member aims at and the
    action's title, owner, due date and practice."""

    share = DecimalField(
        label=gettext_lazy("Share (%)"),
        min_value=0.1,
        max_value=100,
        help_text=gettext_lazy("Of what the lever acts on, from 0.1 to 100%."),
    )
    title = SingleLineFormField(label=gettext_lazy("Action"), max_length=200)
    owner = forms.ModelChoiceField(
        label=gettext_lazy("Owner"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("Nobody yet"),
    )
    due_date = forms.DateField(
        label=gettext_lazy("Due date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    practice = forms.ModelChoiceField(
        label=gettext_lazy("Good practice to follow"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("None"),
    )

    def __init__(self, *args, organisation, practices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = member_choices(organisation)
        self.fields["practice"].queryset = Practice.objects.published()
        # The practices of the category first; any published one is accepted.
        self.fields["practice"].choices = [("", _("None"))] + [
            (p.pk, p.display_title) for p in practices
        ]


def _inventory(access, pk) -> Inventory:
    return get_object_or_404(Inventory, pk=pk, organisation=access.organisation)


def _preview(request) -> tuple[dict[str, float], dict[str, str]]:
    """The share a member is trying for one lever (htmx preview): the shares
    to compute with, and what is wrong with the share typed, by lever."""
    code = request.GET.get("lever", "")
    lever = levers.get(code)
    if lever is None:
        return {}, {}
    field = ReductionForm.base_fields["share"]
    try:
        value = field.clean(request.GET.get(f"{code}-share", ""))
    except forms.ValidationError as invalid:
        return {}, {code: " ".join(invalid.messages)}
    return {code: value / 100}, {}


def _forms(access, request, cards, bound=None) -> None:
    """A form per lever card: the one posted with its errors, blank ones else."""
    due = timezone.localdate() + timedelta(days=reductions.DUE_IN_DAYS)
    for card in cards:
        for lever_card in card.levers:
            code = lever_card.lever.code
            if bound is not None and bound.prefix == code:
                lever_card.form = bound
                continue
            lever_card.form = ReductionForm(
                prefix=code,
                organisation=access.organisation,
                practices=card.practices,
                initial={
                    "share": round(lever_card.percent, 1),
                    "title": lever_card.lever.title,
                    "owner": request.user.pk,
                    "due_date": due,
                    # The category's practices are offered, none chosen: they
                    # reduce the category, not necessarily through this lever.
                    "practice": None,
                },
            )


def _page(request, access, inventory, shares=None, bound=None, status=200):
    preview, errors = _preview(request)
    result, cards = reductions.where_to_start(inventory, shares or preview)
    for card in cards:
        for lever_card in card.levers:
            # A share that cannot be computed shows why, never the default figure.
            lever_card.preview_error = errors.get(lever_card.lever.code, "")
    _forms(access, request, cards, bound)
    return render(
        request,
        "carbon/reductions/where_to_start.html",
        {
            "access": access,
            "organisation": access.organisation,
            "inventory": inventory,
            "total_tonnes": result.total.kg / 1000,
            "cards": cards,
            "post_help": {card.post: labels.post_help(card.post) for card in cards},
        },
        status=status,
    )


@org_view("view_work")
def where_to_start(request, access, pk):
    return _page(request, access, _inventory(access, pk))


@org_view("contribute")
@require_POST
def add_to_plan(request, access, pk):
    inventory = _inventory(access, pk)
    lever = levers.get(request.POST.get("lever", ""))
    if lever is None:
        messages.error(request, _("Choose one of the proposed levers."))
        return redirect("carbon_where_to_start", access.organisation.slug, inventory.pk)
    _result, cards = reductions.where_to_start(inventory)
    card = next((c for c in cards if c.post == lever.post), None)
    form = ReductionForm(
        request.POST,
        prefix=lever.code,
        organisation=access.organisation,
        practices=card.practices if card else (),
    )
    if not form.is_valid():
        messages.error(request, _("The action could not be added: see the form below."))
        return _page(request, access, inventory, bound=form, status=400)
    data = form.cleaned_data
    try:
        action = reductions.add_to_plan(
            inventory,
            lever,
            data["share"] / 100,
            request.user,
            title=data["title"],
            owner=data["owner"],
            due_date=data["due_date"],
            practice=data["practice"],
        )
    except reductions.NoAlternative:
        messages.error(
            request,
            _("The emission factor this lever compares with is missing: ask your network."),
        )
        return redirect("carbon_where_to_start", access.organisation.slug, inventory.pk)
    messages.success(
        request,
        _("“%(title)s” is in your plan: %(tonnes)s tCO2e a year less expected.")
        % {
            "title": action.title,
            "tonnes": labels.significant_text(action.carbon_reduction.projected_kg / 1000),
        },
    )
    return redirect(
        reverse("carbon_where_to_start", args=[access.organisation.slug, inventory.pk])
        + f"#lever-{lever.code}"
    )


@org_view("contribute")
@require_POST
def use_suggestion(request, access, pk, code):
    """Answer a climate question of the assessment with what the carbon
    inventory suggests, as the person chose to (never on its own)."""
    return save_suggested(
        request,
        access,
        pk,
        code,
        prefill.suggestions,
        _("The answer suggested by your carbon inventory is saved."),
    )
