"""What an organisation's carbon inventories suggest for the climate questions
of the Levier 360 assessment, offered on the assessment as suggestions to
confirm (a person chooses to use one; nothing is answered silently):

- ENV-CLI-01, whether emissions were measured: a locked inventory less than
  four years old (its reporting year within the last four) covering energy
  and some other categories suggests "partial"; one covering only some of
  them "estimate". Levier's inventory has no category for the use and end of
  life of products sold, which "complete" requires: it is never suggested.
- ENV-CLI-02, the sources the latest footprint covers: its options from the
  categories that have lines with a quantity.
- ENV-CLI-03, a reduction plan: "targets" when the inventory has a reduction
  target with a year, else "actions" when the plan holds carbon reductions.
- ENV-CLI-09 (from version 2), the footprint's total in tonnes CO2e.
- ENV-CLI-10 (from version 2), the yearly change of the emissions between the
  previous locked inventory of the same scope (an earlier year) and this one.

A question the assessment's version does not have gets no suggestion.
"""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from levier.carbon import labels
from levier.carbon import services as carbon
from levier.carbon.models import CarbonReduction, Inventory, InventoryLine
from levier.engine.carbon.posts import POSTS
from levier.plans.models import Action

FRAMEWORK = "levier-360"
MEASURED, COVERAGE, PLAN = "ENV-CLI-01", "ENV-CLI-02", "ENV-CLI-03"
TOTAL, CHANGE = "ENV-CLI-09", "ENV-CLI-10"
# A footprint is "less than four years old" when its reporting year is.
YEARS_VALID = 4

# ENV-CLI-02's options and the inventory categories that count for each.
COVERAGE_OPTIONS = {
    "scope1": tuple(code for code, post in POSTS.items() if post.scope == 1),
    "scope2": tuple(code for code, post in POSTS.items() if post.scope == 2),
    "purchases": ("purchased_goods", "purchased_services"),
    "travel": ("business_travel", "commuting"),
    "freight": ("freight_in", "freight_out"),
}
ENERGY = COVERAGE_OPTIONS["scope1"] + COVERAGE_OPTIONS["scope2"]


@dataclass(frozen=True)
class Suggestion:
    question_code: str
    levels: tuple[str, ...]
    explanation: str
    inventory: Inventory
    # A figure for a number question (its levels are then empty), and that
    # figure as the reader reads it, with its unit.
    value: float | None = None
    value_text: str = ""


def latest_locked(organisation) -> Inventory | None:
    """The organisation's most recent locked inventory less than four years
    old (the whole organisation's rather than a site's, for the same year)."""
    oldest = timezone.localdate().year - YEARS_VALID + 1
    return (
        Inventory.objects.filter(
            organisation=organisation, status=Inventory.Status.LOCKED, year__gte=oldest
        )
        .order_by("-year", "site", "pk")
        .first()
    )


def _covered_posts(inventory: Inventory) -> set[str]:
    return set(
        InventoryLine.objects.filter(inventory=inventory, quantity__gt=0).values_list(
            "post", flat=True
        )
    )


def previous_locked(inventory: Inventory) -> Inventory | None:
    """The locked inventory of the same scope (the whole organisation or the
    same site) before ``inventory``'s year, the most recent one."""
    return (
        Inventory.objects.filter(
            organisation_id=inventory.organisation_id,
            site=inventory.site,
            status=Inventory.Status.LOCKED,
            year__lt=inventory.year,
        )
        .order_by("-year", "pk")
        .first()
    )


def yearly_change(old_kg: float, new_kg: float, years: int) -> float | None:
    """The average change per year, in percent, that leads from ``old_kg`` to
    ``new_kg`` in ``years`` years (compounded): -5 means 5 % less each year."""
    if old_kg <= 0 or new_kg < 0 or years <= 0:
        return None
    return ((new_kg / old_kg) ** (1 / years) - 1) * 100


def _figures(assessment, inventory: Inventory, found: dict) -> None:
    """ENV-CLI-09 and ENV-CLI-10, for a version of the framework that asks them."""
    pack = assessment.pack
    codes = {question.code for question in pack.questions}
    if TOTAL not in codes and CHANGE not in codes:
        return
    tonnes = round(carbon.footprint(inventory).total.kg / 1000, 1)
    where = {"year": inventory.year}
    if TOTAL in codes and tonnes > 0:
        found[TOTAL] = Suggestion(
            TOTAL,
            (),
            _("The total of your carbon inventory %(year)s, locked.") % where,
            inventory,
            value=tonnes,
            value_text=_("%(tonnes)s t CO2e") % {"tonnes": labels.number_text(tonnes)},
        )
    earlier = previous_locked(inventory) if CHANGE in codes else None
    if earlier is None:
        return
    change = yearly_change(
        carbon.footprint(earlier).total.kg,
        carbon.footprint(inventory).total.kg,
        inventory.year - earlier.year,
    )
    if change is None:
        return
    change = round(change, 1)
    found[CHANGE] = Suggestion(
        CHANGE,
        (),
        _(
            "From your carbon inventory %(earlier)s to %(year)s, both locked: the "
            "change per year on average. Check that both cover the same categories."
        )
        % {**where, "earlier": earlier.year},
        inventory,
        value=change,
        value_text=_("%(percent)s%% per year") % {"percent": labels.number_text(change)},
    )


def _names(posts) -> str:
    return ", ".join(str(labels.post_label(code)) for code in sorted(posts))


def suggestions(assessment) -> dict[str, Suggestion]:
    """The carbon suggestions for the assessment's climate questions, by
    question code; none for another framework or without a locked inventory
    less than four years old."""
    if assessment.framework_version.framework.code != FRAMEWORK:
        return {}
    inventory = latest_locked(assessment.organisation)
    if inventory is None:
        return {}
    covered = _covered_posts(inventory)
    if not covered:
        return {}
    where = {"year": inventory.year}
    found = {}
    energy = covered & set(ENERGY)
    others = covered - set(ENERGY)
    level = "partial" if energy and others else "estimate"
    found[MEASURED] = Suggestion(
        MEASURED,
        (level,),
        (
            _(
                "Your carbon inventory %(year)s is locked and covers energy (%(energy)s) "
                "and other categories (%(others)s). A full footprint would also count the "
                "use and end of life of the products you sell, which Levier's inventory "
                "does not: choose a higher level if yours does."
            )
            if level == "partial"
            else _(
                "Your carbon inventory %(year)s is locked but covers only some categories "
                "(%(covered)s)."
            )
        )
        % {
            **where,
            "energy": _names(energy),
            "others": _names(others),
            "covered": _names(covered),
        },
        inventory,
    )
    options = tuple(option for option, posts in COVERAGE_OPTIONS.items() if covered & set(posts))
    found[COVERAGE] = Suggestion(
        COVERAGE,
        options,
        _("The categories with figures in your carbon inventory %(year)s: %(covered)s.")
        % {**where, "covered": _names(covered)},
        inventory,
    )
    if inventory.target_percent and inventory.target_year:
        found[PLAN] = Suggestion(
            PLAN,
            ("targets",),
            _(
                "Your carbon inventory %(year)s sets a target: %(percent)s%% less by "
                "%(target_year)s."
            )
            % {
                **where,
                "percent": labels.number_text(inventory.target_percent),
                "target_year": inventory.target_year,
            },
            inventory,
        )
    else:
        planned = (
            CarbonReduction.objects.filter(inventory__organisation=assessment.organisation)
            .exclude(action__status=Action.Status.DROPPED)
            .count()
        )
        if planned:
            found[PLAN] = Suggestion(
                PLAN,
                ("actions",),
                ngettext(
                    "Your plan holds %(count)s action with an expected reduction in tCO2e, "
                    "but your carbon inventory %(year)s sets no target with a year.",
                    "Your plan holds %(count)s actions with an expected reduction in tCO2e, "
                    "but your carbon inventory %(year)s sets no target with a year.",
                    planned,
                )
                % {**where, "count": planned},
                inventory,
            )
    _figures(assessment, inventory, found)
    return found


def shown(found: dict[str, Suggestion], answers) -> dict[str, Suggestion]:
    """The suggestions worth showing: those that differ from the stored
    answer, or whose answer was carried over and is still to confirm."""
    result = {}
    for code, suggestion in found.items():
        stored = answers.get(code)
        if (
            stored is None
            or stored.to_confirm
            or stored.not_applicable
            or sorted(stored.levels) != sorted(suggestion.levels)
            or (suggestion.value is not None and stored.value != suggestion.value)
        ):
            result[code] = suggestion
    return result
