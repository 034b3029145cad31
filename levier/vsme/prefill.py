"""What Levier already knows for a VSME report: readings of the
organisation's profile (B1) and of its carbon footprint (B3), each a
suggestion the report keeps to confirm, never a value set silently.

A reading names its source ("Bilan carbone 2025, verrouillé") so that the
page says where a figure comes from, and a later reading that differs marks
the datapoint to review (``services.refresh_prefill``).
"""

from dataclasses import dataclass

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from levier.accounts.models import LegalForm
from levier.carbon import services as carbon
from levier.carbon.models import Inventory, Post
from levier.engine.carbon import units
from levier.engine.vsme.catalogue import load as load_catalogue
from levier.plans.models import Action
from levier.vsme.models import Source, VsmeReport

# Legal forms in the VSME's own list (B1 24(e)(i)).
PRIVATE_LIMITED = "vsme:PrivateLimitedLiabilityUndertakingMember"
LEGAL_FORMS = {
    LegalForm.SAS: PRIVATE_LIMITED,
    LegalForm.SASU: PRIVATE_LIMITED,
    LegalForm.SARL: PRIVATE_LIMITED,
    LegalForm.EURL: PRIVATE_LIMITED,
    LegalForm.SA: PRIVATE_LIMITED,
    LegalForm.SCOP: "vsme:CooperativeMember",
    LegalForm.SCIC: "vsme:CooperativeMember",
    LegalForm.COOPERATIVE: "vsme:CooperativeMember",
    LegalForm.SOLE_TRADER: "vsme:SoleProprietorshipMember",
}
OTHER_LEGAL_FORM = "vsme:OtherUndertakingsLegalFormMember"
FRANCE = "country:FR"


@dataclass(frozen=True)
class Suggestion:
    code: str
    value: object
    source: str
    detail: str


def _profile(report: VsmeReport) -> list[Suggestion]:
    organisation = report.organisation
    # Language-free particulars: Datapoint.source_text words them for the reader.
    detail = ""
    found = [
        Suggestion("NumberOfEmployees", float(organisation.headcount), Source.PROFILE, detail),
        Suggestion(
            "CountryOfPrimaryOperationsAndLocationOfSignificantAssets",
            FRANCE,
            Source.PROFILE,
            detail,
        ),
    ]
    if organisation.legal_form:
        found.append(
            Suggestion(
                "UndertakingsLegalForm",
                LEGAL_FORMS.get(organisation.legal_form, OTHER_LEGAL_FORM),
                Source.PROFILE,
                detail,
            )
        )
        if organisation.legal_form not in LEGAL_FORMS:
            found.append(
                Suggestion(
                    "OtherUndertakingsLegalForm",
                    str(LegalForm(organisation.legal_form).label),
                    Source.PROFILE,
                    detail,
                )
            )
    nace = nace_option(organisation.naf_code, organisation.naf_section)
    if nace:
        found.append(
            Suggestion(
                "NaceSectorClassificationCodes",
                [nace],
                Source.PROFILE,
                f"naf:{organisation.naf_code}",
            )
        )
    return found


def nace_option(naf_code: str, naf_section: str) -> str | None:
    """The NACE Rev. 2.1 class of the template's list with the NAF code's
    four digits ("10.71C" -> "nace:NACE_C1071"), whatever its section (Rev.
    2.1 moved some divisions to other sections); None when no class has that
    number (Rev. 2.1 renumbered some: 62.01 is now 62.10), rather than a guess."""
    digits = "".join(ch for ch in naf_code or "" if ch.isdigit())[:4]
    if len(digits) != 4:
        return None
    field = load_catalogue().field("NaceSectorClassificationCodes")
    for option in field.options:
        number = option.code.removeprefix("nace:NACE_")[1:]
        if option.code.startswith("nace:NACE_") and number == digits:
            return option.code
    return None


def _inventory(report: VsmeReport) -> Inventory | None:
    """The whole-organisation inventory of the report's year, locked first."""
    year = report.period_end.year if report.period_end.month > 6 else report.period_start.year
    candidates = Inventory.objects.filter(organisation=report.organisation, year=year, site="")
    return candidates.order_by("-locked_at").first()


def _megawatt_hours(lines, posts) -> float | None:
    """Energy of the lines of ``posts`` counted in energy units, in MWh; None
    when one of them is counted otherwise (litres of fuel: its energy is not
    known here)."""
    chosen = [line for line in lines if line.post in posts]
    if not chosen:
        return None
    total = 0.0
    for line in chosen:
        if not units.compatible(line.unit, "MWh"):
            return None
        total += units.convert(line.quantity, line.unit, "MWh")
    return round(total, 3)


def _carbon(report: VsmeReport) -> list[Suggestion]:
    inventory = _inventory(report)
    if inventory is None:
        return []
    lines = carbon.lines_of(inventory)
    result = carbon.footprint(inventory, lines)
    detail = f"{inventory.year}:{'locked' if inventory.is_locked else 'draft'}"

    def tonnes(kg: float) -> float:
        return round(kg / 1000, 3)

    # Scope 3 and the totals are the template's own sums: only scopes 1 and 2
    # (location-based, as Levier computes it) are datapoints to fill.
    found = [
        Suggestion(
            "GrossScope1GreenhouseGasEmissions",
            tonnes(result.by_scope[1].kg),
            Source.CARBON,
            detail,
        ),
        Suggestion(
            "GrossLocationBasedScope2GreenhouseGasEmissions",
            tonnes(result.by_scope[2].kg),
            Source.CARBON,
            detail,
        ),
    ]
    if inventory.revenue_keur:
        found.append(
            Suggestion("Turnover", round(inventory.revenue_keur * 1000, 2), Source.CARBON, detail)
        )
    energy = _megawatt_hours(
        lines, {Post.ELECTRICITY, Post.HEAT_NETWORK, Post.FUEL_BUILDINGS, Post.FUEL_VEHICLES}
    )
    if energy is not None:
        found.append(Suggestion("TotalEnergyConsumption", energy, Source.CARBON, detail))
    return found


B2_MATTERS = "SustainabilityIssueAddressedByPracticePolicyAndOrFutureInitiative"
# The Levier 360 framework's themes and the sustainability matters of B2
# (the VSME's list, from ESRS's topical standards).
THEME_ISSUES = {
    "ENV-CLI": "vsme:ClimateChangeMember",
    "ENV-MOB": "vsme:ClimateChangeMember",
    "ENV-RES": "vsme:CircularEconomyMember",
    "ENV-BIO": "vsme:BiodiversityAndEcosystemsMember",
    "SOC-EMP": "vsme:OwnWorkforceMember",
    "SOC-HSW": "vsme:OwnWorkforceMember",
    "SOC-SKL": "vsme:OwnWorkforceMember",
    "SOC-DIV": "vsme:OwnWorkforceMember",
    "GOV-PUR": "vsme:WorkersInTheValueChainMember",
    "GOV-ETH": "vsme:BusinessConductMember",
    "GOV-LOC": "vsme:AffectedCommunitiesMember",
    "GOV-CUS": "vsme:ConsumersAndEndUsersMember",
}


def _theme(action: Action) -> str:
    if action.theme_code:
        return action.theme_code
    return "-".join(action.question_code.split("-")[:2]) if action.question_code else ""


def _plan(report: VsmeReport) -> list[Suggestion]:
    """B2's matters from the plan's actions done or under way, and C2's
    description of them, matter by matter."""
    actions = [
        action
        for action in Action.objects.filter(
            organisation=report.organisation,
            status__in=[Action.Status.DONE, Action.Status.IN_PROGRESS],
        ).order_by("pk")
        if THEME_ISSUES.get(_theme(action))
    ]
    if not actions:
        return []
    detail = ""
    issues = list(dict.fromkeys(THEME_ISSUES[_theme(action)] for action in actions))
    field = load_catalogue().field(B2_MATTERS)
    labels = {option.code: option.label.get(get_language() or "fr") for option in field.options}
    lines = []
    for issue in issues:
        titles = [
            f"{action.title} ({action.get_status_display().lower()})"
            for action in actions
            if THEME_ISSUES[_theme(action)] == issue
        ]
        lines.append(
            _("%(matter)s: %(actions)s.")
            % {"matter": labels.get(issue, issue), "actions": ", ".join(titles)}
        )
    return [
        Suggestion(
            B2_MATTERS,
            issues,
            Source.PLAN,
            detail,
        ),
        Suggestion(
            "DescriptionOfPracticesPoliciesAndOrFutureInitiatives",
            "\n".join(lines),
            Source.PLAN,
            detail,
        ),
    ]


def suggestions(report: VsmeReport) -> list[Suggestion]:
    """Every reading, keyed by the catalogue's codes; those the catalogue
    does not hold are dropped by the caller's catalogue check."""
    return _profile(report) + _carbon(report) + _plan(report)
