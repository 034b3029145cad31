"""From the database to the matching rules (``levier.engine.finance.matching``)
and back to words.

The engine reads plain facts; this module makes them of model rows (the
size band comes from the project's organisation) and turns each engine
``Reason`` into a sentence a member or a funder can read: why a funder fits,
what blocks another. Nothing is decided here that the engine did not say.
"""

from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from levier.accounts.models import SizeBand
from levier.accounts.regions import Region
from levier.engine.finance.matching import (
    Criterion,
    FunderFacts,
    Match,
    ProjectFacts,
    Reason,
    match,
    rank,
)
from levier.events.forms import framework_theme_choices
from levier.finance.models import Funder, Instrument, Project, Stage


def project_facts(project: Project) -> ProjectFacts:
    return ProjectFacts(
        amount_sought=project.amount_sought,
        instruments=frozenset(project.instruments or ()),
        stage=project.stage,
        themes=frozenset(project.themes or ()),
        region=project.region,
        size_band=project.organisation.size_band or "",
        esus=project.esus,
        accompanied_by=frozenset(_names(project.accompanied_by)),
    )


def funder_facts(funder: Funder) -> FunderFacts:
    return FunderFacts(
        ticket_min=funder.ticket_min,
        ticket_max=funder.ticket_max,
        instruments=frozenset(funder.instruments or ()),
        stages=frozenset(funder.stages or ()),
        themes=frozenset(funder.themes or ()),
        regions=frozenset(funder.regions or ()),
        size_bands=frozenset(funder.size_bands or ()),
        requires_esus=funder.requires_esus,
        requires_accompanied_by=frozenset(_names(funder.requires_accompanied_by)),
    )


def _names(names) -> list[str]:
    """Names compared as people type them: case and spaces aside."""
    return [" ".join(str(name).split()).casefold() for name in names or () if str(name).strip()]


def _names_kept(funder: Funder) -> list[str]:
    return [str(name) for name in funder.requires_accompanied_by or () if str(name).strip()]


@dataclass
class Fit:
    """A funder and a project checked against each other, in words."""

    funder: Funder
    project: Project
    match: Match
    why: list[str]
    blockers: list[str]

    @property
    def fits(self) -> bool:
        return self.match.fits


def _fit(funder, project, found: Match, words: "Words") -> Fit:
    return Fit(
        funder=funder,
        project=project,
        match=found,
        why=[words.why(reason, project, funder) for reason in found.why],
        blockers=[words.blocker(reason, project, funder) for reason in found.blockers],
    )


def funders_for(project: Project, funders) -> list[Fit]:
    """The funders that fit the project first (most precise first), then the
    others (fewest blockers first), each with its reasons in words."""
    funders = list(funders)
    by_key = {funder.pk: funder for funder in funders}
    facts = project_facts(project)
    words = Words()
    return [
        _fit(by_key[key], project, found, words)
        for key, found in rank(facts, {f.pk: funder_facts(f) for f in funders})
    ]


def projects_for(funders, projects) -> list[tuple[Project, list[Fit]]]:
    """For the funders one person speaks for (or one funder), each project
    with its fit to each funder: the projects that fit one of them first,
    those fitting on the most stated criteria first; the order given
    otherwise."""
    funders = list(funders)
    checked_funders = [(funder, funder_facts(funder)) for funder in funders]
    words = Words()
    found = []
    for position, project in enumerate(projects):
        facts = project_facts(project)
        fits = [
            _fit(funder, project, match(facts, facts_of), words)
            for funder, facts_of in checked_funders
        ]
        fits.sort(key=lambda fit: (not fit.fits, -len(fit.why), len(fit.blockers)))
        best = fits[0] if fits else None
        key = (
            (not best.fits, -len(best.why), len(best.blockers), position)
            if best
            else (True, 0, 0, position)
        )
        found.append((key, project, fits))
    found.sort(key=lambda item: item[0])
    return [(project, fits) for _key, project, fits in found]


def euros(amount) -> str:
    return _("%(amount)s €") % {"amount": number_format(amount, force_grouping=True)}


class Words:
    """The sentences of the reasons, in the active language."""

    def __init__(self):
        self.themes = dict(framework_theme_choices())

    # Labels ------------------------------------------------------------------

    def _labels(self, criterion: Criterion, values) -> str:
        labels = {
            Criterion.INSTRUMENT: dict(Instrument.choices),
            Criterion.STAGE: dict(Stage.choices),
            Criterion.THEME: self.themes,
            Criterion.TERRITORY: dict(Region.choices),
            Criterion.SIZE: dict(SizeBand.choices),
        }.get(criterion, {})
        return ", ".join(str(labels.get(value, value)) for value in values)

    def _ticket(self, reason: Reason) -> str:
        low, high = reason.detail
        if high and int(low):
            return _("from %(low)s to %(high)s") % {
                "low": euros(int(low)),
                "high": euros(int(high)),
            }
        if high:
            return _("up to %(high)s") % {"high": euros(int(high))}
        return _("from %(low)s") % {"low": euros(int(low))}

    # Why a funder fits ---------------------------------------------------------

    def _accompanied(self, reason: Reason, funder: Funder) -> str:
        """The names as the funder's profile writes them."""
        written = {_names([name])[0]: name for name in _names_kept(funder)}
        return ", ".join(written.get(name, name) for name in reason.detail)

    def why(self, reason: Reason, project: Project, funder: Funder) -> str:
        criterion, detail = reason.criterion, reason.detail
        values = self._labels(criterion, detail)
        if criterion == Criterion.TICKET:
            return _("The amount sought, %(amount)s, is within its tickets (%(range)s).") % {
                "amount": euros(project.amount_sought),
                "range": self._ticket(reason),
            }
        if criterion == Criterion.INSTRUMENT:
            return _("It offers an instrument the project accepts: %(values)s.") % {
                "values": values
            }
        if criterion == Criterion.STAGE:
            return _("It finances projects at this stage: %(values)s.") % {"values": values}
        if criterion == Criterion.THEME:
            return _("It finances the project’s themes: %(values)s.") % {"values": values}
        if criterion == Criterion.TERRITORY:
            return _("It finances projects in %(values)s.") % {"values": values}
        if criterion == Criterion.SIZE:
            return _("It finances companies of this size: %(values)s.") % {"values": values}
        if criterion == Criterion.ESUS:
            return _("It asks for the ESUS approval, which the company holds.")
        return _("It asks for projects accompanied by %(values)s, as this one is.") % {
            "values": self._accompanied(reason, funder)
        }

    # What blocks another -------------------------------------------------------

    def blocker(self, reason: Reason, project: Project, funder: Funder) -> str:
        criterion, detail = reason.criterion, reason.detail
        values = self._labels(criterion, detail)
        if criterion == Criterion.TICKET:
            return _("The amount sought, %(amount)s, is outside its tickets (%(range)s).") % {
                "amount": euros(project.amount_sought),
                "range": self._ticket(reason),
            }
        if criterion == Criterion.INSTRUMENT:
            return _(
                "It offers none of the instruments the project accepts, only: %(values)s."
            ) % {"values": values}
        if criterion == Criterion.STAGE:
            return _("It finances only these stages: %(values)s.") % {"values": values}
        if criterion == Criterion.THEME:
            return _("It finances only these themes: %(values)s.") % {"values": values}
        if criterion == Criterion.TERRITORY:
            return _("It finances only projects in %(values)s.") % {"values": values}
        if criterion == Criterion.SIZE:
            return _("It finances only companies of these sizes: %(values)s.") % {"values": values}
        if criterion == Criterion.ESUS:
            return _("It finances only companies holding the ESUS approval.")
        return _("It finances only projects accompanied by %(values)s.") % {
            "values": self._accompanied(reason, funder)
        }


def labelled(projects, words: Words | None = None):
    """Give each project the labels of its themes and instruments, for pages."""
    themes = (words or Words()).themes
    instruments = dict(Instrument.choices)
    for project in projects:
        project.theme_labels = [themes.get(code, code) for code in project.themes or ()]
        project.instrument_labels = [
            str(instruments.get(code, code)) for code in project.instruments or ()
        ]
    return projects


def funder_labels(funder: Funder, words: Words | None = None) -> dict:
    """A funder's criteria in words, for its profile page."""
    themes = (words or Words()).themes
    return {
        "instruments": [str(dict(Instrument.choices).get(c, c)) for c in funder.instruments],
        "stages": [str(dict(Stage.choices).get(c, c)) for c in funder.stages],
        "themes": [themes.get(c, c) for c in funder.themes],
        "regions": [str(dict(Region.choices).get(c, c)) for c in funder.regions],
        "size_bands": [str(dict(SizeBand.choices).get(c, c)) for c in funder.size_bands],
    }
