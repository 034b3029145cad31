"""Forms of the inventory pages: an inventory's settings, and one line.

A line's quantity is checked three ways: never negative, never above
``QUANTITY_MAX`` (a typing error at any scale), and, above a ceiling per
unit that few SMEs reach in a year (``LARGE_ABOVE``), accepted only once the
person ticks that the figure is right. Large sites exist (a logistics
platform burns millions of litres), so a large figure is flagged rather than
refused; a mistyped unit (litres for m³) or a few extra zeros usually shows
there first.
"""

import math

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import get_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from levier.carbon import labels
from levier.carbon.models import (
    QUANTITY_MAX,
    EmissionFactor,
    Inventory,
    InventoryLine,
    Post,
    Unit,
)
from levier.engine.carbon import units
from levier.engine.carbon.posts import POSTS
from levier.lib.limits import HEADCOUNT_MAX, MEASURE_MAX_MAGNITUDE

# A figure above which a line asks for confirmation, by unit. Levier's
# convention, not a published figure: each is roughly what a site of several
# hundred people would enter for a whole year, so a small company's line
# above it is more often a typing or unit error than a fact.
LARGE_ABOVE = {
    "L": 1e7,
    "m3": 1e7,
    "kg": 1e8,
    "t": 1e5,
    "kWh": 1e8,
    "MWh": 1e5,
    "kWh_PCI": 1e8,
    "MWh_PCI": 1e5,
    "MJ_PCI": 3.6e8,
    "GJ_PCI": 3.6e5,
    "tep_PCI": 1e4,
    "kWh_PCS": 1e8,
    "MWh_PCS": 1e5,
    "GJ_PCS": 3.6e5,
    "tep_PCS": 1e4,
    "km": 1e8,
    "passenger_km": 1e8,
    "peq_km": 1e8,
    "t_km": 5e8,
    "m3_km": 5e8,
    "EUR": 5e8,
    "kEUR": 5e5,
    "MEUR": 500,
    "item": 1e6,
    "m2": 1e6,
    "hour": 1e7,
}
assert set(LARGE_ABOVE) == set(Unit.values)

YEAR_MIN, YEAR_MAX = 2000, 2100


class DecimalField(forms.FloatField):
    """A number with a comma or a point before its decimals and spaces
    between thousands ("1 250,5", "1250.5"), finite, within a range that
    the message names in the reader's language."""

    widget = forms.TextInput

    def __init__(self, *, min_value, max_value, **kwargs):
        super().__init__(**kwargs)
        self.low, self.high = min_value, max_value
        self.widget.attrs.update({"inputmode": "decimal", "autocomplete": "off"})
        self.error_messages["invalid"] = _("Give a number, such as 12 or 12.5.")

    def to_python(self, value):
        if isinstance(value, str):
            for space in (" ", "\u00a0", "\u202f"):
                value = value.replace(space, "")
            value = value.strip()
            if get_format("DECIMAL_SEPARATOR") == ".":
                value = value.replace(",", "")  # "12,000" in English is twelve thousand
            else:
                value = value.replace(",", ".")
        number = super().to_python(value)
        if number is not None and not math.isfinite(number):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return number

    def prepare_value(self, value):
        """A stored number shown for editing: no grouping, no exponent, the
        reader's decimal separator ("2,5" in French), read back as it was."""
        if isinstance(value, float) and math.isfinite(value):
            text = f"{value:.10f}".rstrip("0").rstrip(".")
            return text.replace(".", get_format("DECIMAL_SEPARATOR"))
        return value

    def validate(self, value):
        super().validate(value)
        if value is not None and not self.low <= value <= self.high:
            raise ValidationError(
                gettext("Give a number between %(low)s and %(high)s.")
                % {"low": labels.number_text(self.low), "high": labels.number_text(self.high)},
                code="out_of_range",
            )


def factor_label(factor: EmissionFactor) -> str:
    """Name, value per unit and source, as in "Electricity · 0.05 kgCO2e/kWh · ADEME ..." """
    source = factor.get_source_display()
    if factor.source_id:
        source = f"{source} {factor.source_id}"
    per_unit = f"{labels.number_text(factor.value)} kgCO2e/{labels.unit_symbol(factor.unit)}"
    return f"{factor.name} · {per_unit} · {source}"


class InventoryForm(forms.ModelForm):
    """A new inventory, or its settings."""

    year = forms.IntegerField(
        label=_("Reporting year"),
        min_value=YEAR_MIN,
        max_value=YEAR_MAX,
        help_text=_("The year the figures cover, usually your last financial year."),
    )
    headcount = forms.IntegerField(
        label=_("Employees (full-time equivalent)"),
        min_value=0,
        max_value=HEADCOUNT_MAX,
        required=False,
        help_text=_("Gives the footprint per employee, and scales the commuting survey."),
    )
    revenue_keur = DecimalField(
        label=_("Revenue (k€)"),
        min_value=0,
        max_value=MEASURE_MAX_MAGNITUDE,
        required=False,
        help_text=_("In thousands of euros excl. VAT: gives the footprint per k€ of revenue."),
    )
    target_percent = DecimalField(
        label=_("Reduction target (%)"),
        min_value=0,
        max_value=100,
        required=False,
        help_text=_("If you have set one: how much less you aim to emit, in percent."),
    )
    target_year = forms.IntegerField(
        label=_("Target year"), min_value=YEAR_MIN, max_value=YEAR_MAX, required=False
    )

    class Meta:
        model = Inventory
        fields = [
            "year",
            "site",
            "headcount",
            "revenue_keur",
            "target_percent",
            "target_year",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "site": _("Only if you make one inventory per site."),
            "notes": _(
                "What the inventory covers and leaves out, and how you estimated what was not "
                "measured: whoever reads it next year will thank you."
            ),
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        for name in ("year", "headcount", "target_year"):
            self.fields[name].error_messages.update(
                {
                    "invalid": _("Give a whole number."),
                    "min_value": _("Give a whole number between %(low)s and %(high)s.")
                    % {
                        "low": self.fields[name].min_value,
                        "high": labels.number_text(self.fields[name].max_value),
                    },
                    "max_value": _("Give a whole number between %(low)s and %(high)s.")
                    % {
                        "low": self.fields[name].min_value,
                        "high": labels.number_text(self.fields[name].max_value),
                    },
                }
            )
        self.fields["year"].error_messages["required"] = _("Give the reporting year.")

    def clean(self):
        cleaned = super().clean()
        year, site = cleaned.get("year"), cleaned.get("site") or ""
        if year is not None:
            taken = Inventory.objects.filter(
                organisation=self.organisation, year=year, site=site
            ).exclude(pk=self.instance.pk)
            if taken.exists():
                message = (
                    _("There is already an inventory of %(year)s for the site “%(site)s”.")
                    if site
                    else _("There is already an inventory of %(year)s for the whole organisation.")
                )
                self.add_error("year", message % {"year": year, "site": site})
        if cleaned.get("target_percent") is not None and not cleaned.get("target_year"):
            self.add_error("target_year", _("Give the year you aim to reach the target by."))
        elif year and cleaned.get("target_year") and cleaned["target_year"] <= year:
            self.add_error(
                "target_year",
                _("The target year comes after the reporting year (%(year)s).") % {"year": year},
            )
        return cleaned

    def validate_unique(self):
        """The year and site are checked in ``clean`` with a clearer message."""


class NewInventoryForm(InventoryForm):
    copy_previous = forms.BooleanField(
        label=_("Start from the lines of the previous inventory"),
        required=False,
        help_text=_(
            "Its lines are copied with their factors; each is marked to confirm until you "
            "update its quantity."
        ),
    )

    class Meta(InventoryForm.Meta):
        fields = ["year", "site", "headcount", "revenue_keur"]


class LineForm(forms.ModelForm):
    """One line of a category. ``factors`` is the list offered (already read)."""

    quantity = DecimalField(
        label=_("Quantity"),
        min_value=0,
        max_value=QUANTITY_MAX,
        error_messages={"required": _("Give the quantity (0 if none).")},
    )
    unit = forms.ChoiceField(label=_("Unit"), choices=Unit.choices)
    factor = forms.TypedChoiceField(
        label=_("Emission factor"),
        coerce=int,
        help_text=_("What one unit of this emits, with its source."),
        error_messages={
            "required": _("Choose an emission factor."),
            "invalid_choice": _("Choose an emission factor from the list."),
        },
    )
    amortisation_years = forms.IntegerField(
        label=_("Years of use"),
        min_value=1,
        max_value=100,
        initial=1,
        help_text=_(
            "How many years you use it, or its depreciation period in your accounts: "
            "its footprint is spread over them."
        ),
    )
    confirm_large = forms.BooleanField(label=_("Yes, this figure is right"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = InventoryLine
        fields = [
            "label",
            "quantity",
            "unit",
            "factor",
            "data_quality",
            "amortisation_years",
            "comment",
        ]
        widgets = {"comment": forms.Textarea(attrs={"rows": 2})}
        labels = {"label": _("What it is")}
        help_texts = {
            "label": _("In your words: “Gas, head office”, “Diesel of the vans”."),
            "comment": _("Where the figure comes from, what it leaves out."),
        }

    def __init__(self, *args, post, factors, **kwargs):
        super().__init__(*args, **kwargs)
        self.post = post
        self.factors = {f.pk: f for f in factors}
        if self.instance.pk and self.instance.factor_id not in self.factors:
            # The line's own factor stays on offer, even superseded or of
            # another category.
            self.factors[self.instance.factor_id] = self.instance.factor
        self.large = False  # a large figure that asks for confirmation
        self.fields["label"].error_messages["required"] = _("Say what this line is.")
        self.fields["quantity"].error_messages["required"] = _("Give the quantity (0 if none).")
        self.fields["factor"].choices = [("", _("Choose a factor")), *self._factor_choices()]
        if post != Post.FIXED_ASSETS:
            del self.fields["amortisation_years"]
        if self.instance.pk:
            self.initial.setdefault("version", self.instance.version)
        else:
            self.initial.setdefault("unit", POSTS[post].units[0])
        chosen = self.chosen_factor()
        if chosen is not None:
            offered = units.compatible_units(chosen.unit)
            self.fields["unit"].widget.choices = [
                (code, label) for code, label in Unit.choices if code in offered
            ]
            if not self.is_bound and self.initial.get("unit") not in offered:
                self.initial["unit"] = chosen.unit

    def _factor_choices(self):
        """Those tagged for the category first, under its name; the others
        by source. Both in the reader's language (the source's own category
        path is French)."""
        tagged, other = [], {}
        for factor in self.factors.values():
            option = (factor.pk, factor_label(factor))
            if self.post in factor.post_codes:
                tagged.append(option)
            else:
                other.setdefault(factor.get_source_display(), []).append(option)

        def by_label(options):
            return sorted(options, key=lambda option: option[1].casefold())

        choices = [(labels.post_label(self.post), by_label(tagged))] if tagged else []
        for source in sorted(other, key=str.casefold):
            choices.append((source, by_label(other[source])))
        return choices

    def chosen_factor(self) -> EmissionFactor | None:
        """The factor picked in the data, else the line's."""
        raw = (
            self.data.get(self.add_prefix("factor"))
            if self.is_bound
            else self.initial.get("factor")
        )
        if raw:
            try:
                return self.factors.get(int(raw))
            except (TypeError, ValueError):
                return None
        if self.instance.pk:
            return self.factors.get(self.instance.factor_id) or self.instance.factor
        return None

    def clean_factor(self):
        return self.factors[self.cleaned_data["factor"]]

    def clean(self):
        cleaned = super().clean()
        factor, unit, quantity = (
            cleaned.get("factor"),
            cleaned.get("unit"),
            cleaned.get("quantity"),
        )
        if factor is not None and unit:
            try:
                units.factor(unit, factor.unit)
            except units.UnitMismatch:
                self.add_error(
                    "unit",
                    _(
                        "%(typed)s cannot be converted to %(unit)s, the unit of the chosen "
                        "factor: pick a factor per %(typed)s, or convert your quantity to "
                        "%(unit)s."
                    )
                    % {
                        "typed": labels.unit_symbol(unit),
                        "unit": labels.unit_symbol(factor.unit),
                    },
                )
        unchanged = self.instance.pk and (quantity, unit) == (
            self.instance.quantity,
            self.instance.unit,
        )  # confirmed when it was first saved
        if (
            quantity is not None
            and unit in LARGE_ABOVE
            and quantity > LARGE_ABOVE[unit]
            and not unchanged
        ):
            self.large = True
            if not cleaned.get("confirm_large"):
                self.add_error(
                    "quantity",
                    _(
                        "%(quantity)s %(unit)s is a great deal: few companies reach %(ceiling)s "
                        "%(unit)s in a year. Check the unit and the zeros; if the figure is "
                        "right, tick the box below and save again."
                    )
                    % {
                        "quantity": labels.number_text(quantity),
                        "unit": labels.unit_symbol(unit),
                        "ceiling": labels.number_text(LARGE_ABOVE[unit]),
                    },
                )
        return cleaned
