"""The commuting survey in the database: answers in, inventory lines and a
mobility summary out.

Privacy: answers are anonymous, and below ``MIN_ANSWERS`` nothing is broken
down (shares by mode, lines by mode), since with three answers colleagues
could tell who comes by train from how far. The rule is the one Levier
applies to peer groups (``levier.engine.benchmarks``): no figure over fewer
than five.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from levier.carbon import factors
from levier.carbon.models import (
    CommuteMode,
    CommutingAnswer,
    CommutingSurvey,
    DataQuality,
    EmissionFactor,
    Inventory,
    InventoryLine,
    Post,
)
from levier.engine.carbon import commuting as engine

# Fewer answers than this and no breakdown is shown nor counted: the
# threshold of the benchmarks' anonymity rule (``engine.benchmarks.MIN_OTHERS``).
MIN_ANSWERS = 5
# Answers one survey takes: far above any SME, low enough that nobody fills
# the database through a public link.
ANSWERS_MAX = 5_000
# Levier's conventions for the summary, not published figures (said so on
# the page): a shared car carries two people; a remote day is offered to those
# who come at least two days (both in the engine); car-pooling is proposed
# from 10 km one way.
CARPOOL_MIN_KM = 10

# The shipped factor of each mode (``levier.carbon.defaults``). A shared car
# counts its share of the car's km (``engine.CARPOOL_OCCUPANCY``). Bicycles and
# walking emit nothing in use: no line.
FACTOR_KEYS = {
    CommuteMode.CAR: "car-average-km",
    CommuteMode.CARPOOL: "car-average-km",
    CommuteMode.MOTORBIKE: "motorbike-km",
    CommuteMode.BUS: "bus-passenger-km",
    CommuteMode.TRAM_METRO: "tram-metro-passenger-km",
    CommuteMode.TRAIN: "train-ter-passenger-km",
    CommuteMode.EBIKE: "ebike-passenger-km",
}


class CannotCount(Exception):
    """Why the answers cannot be counted in the inventory (translated)."""


# The public page -----------------------------------------------------------------


def why_closed(survey: CommutingSurvey) -> str:
    """Why the survey takes no answer, or "" when it does."""
    if not survey.is_open:
        return _("This survey is closed: it no longer takes answers. Thank you all the same.")
    if survey.inventory.is_locked:
        return _(
            "The carbon inventory this survey feeds is finished: the survey no longer takes "
            "answers. Thank you all the same."
        )
    return ""


@transaction.atomic
def add_answer(survey: CommutingSurvey, data: dict) -> str:
    """Store one anonymous answer; "" when stored, else why not. Runs for
    nobody (the token is the key): it touches this survey and nothing else."""
    survey = (
        CommutingSurvey.objects.select_for_update().select_related("inventory").get(pk=survey.pk)
    )
    refusal = why_closed(survey)
    if refusal:
        return refusal
    if survey.answers.count() >= ANSWERS_MAX:
        return _("This survey has received all the answers it can take. Thank you all the same.")
    CommutingAnswer.objects.create(
        survey=survey,
        distance_km=data["distance_km"],
        mode=data["mode"],
        days_on_site=data["days_on_site"],
        remote_days=data.get("remote_days") or 0,
    )
    return ""


# The organisation's page -----------------------------------------------------------


def invitation_text(organisation, link: str) -> str:
    """A message to paste in an email to colleagues."""
    return _(
        "Hello,\n\n"
        "%(organisation)s is measuring its carbon footprint, and commuting is part of it. "
        "Could you tell us how you come to work? Four questions, one minute, from your "
        "phone or computer:\n\n"
        "%(link)s\n\n"
        "The survey is anonymous: it asks for no name and keeps nothing that identifies "
        "you. We only see totals, and none at all below five answers. The results will "
        "help us see what would make commuting easier: remote work, car-pooling, "
        "cycling.\n\n"
        "Thank you!"
    ) % {"organisation": organisation.name, "link": link}


def _answers(survey) -> list[CommutingAnswer]:
    return list(
        CommutingAnswer.objects.filter(survey=survey).only(
            "distance_km", "mode", "days_on_site", "remote_days"
        )
    )


def _mode_factors() -> dict[str, EmissionFactor]:
    """The shipped factor of each mode that emits, in one query."""
    found = {
        factor.key: factor
        for factor in factors.current().filter(
            network__isnull=True, key__in=set(FACTOR_KEYS.values())
        )
    }
    missing = sorted(set(FACTOR_KEYS.values()) - set(found))
    if missing:
        raise CannotCount(
            _(
                "Levier's default emission factors are not loaded (missing: %(keys)s). "
                "Ask your administrator to run the factors' sync."
            )
            % {"keys": ", ".join(missing)}
        )
    return {mode: found[key] for mode, key in FACTOR_KEYS.items()}


def summary(survey: CommutingSurvey, answers, headcount) -> engine.Commuting:
    """The answers' year by ``levier.engine.carbon.commuting``, scaled to the headcount."""
    return engine.summarise(
        (engine.Answer(a.distance_km, a.mode, a.days_on_site, a.remote_days) for a in answers),
        survey.weeks_per_year,
        headcount,
        carpool_min_km=CARPOOL_MIN_KM,
    )


@dataclass(frozen=True)
class Potential:
    """What a change would save in a year, for the whole headcount."""

    people: int  # answers concerned
    km: float  # km of travel avoided (vehicle.km for cars)
    kg: float

    @property
    def tonnes(self) -> float:
        return self.kg / 1000


def _potential(potential: engine.Potential, kg_per_km) -> Potential:
    return Potential(people=potential.people, km=potential.km, kg=potential.kg(kg_per_km))


@dataclass(frozen=True)
class ModeRow:
    mode: str
    label: str
    people: int
    people_share: float
    km: float  # person.km a year, for the whole headcount
    km_share: float
    kg: float

    @property
    def people_percent(self) -> float:
        return 100 * self.people_share

    @property
    def km_percent(self) -> float:
        return 100 * self.km_share

    @property
    def tonnes(self) -> float:
        return self.kg / 1000


@dataclass(frozen=True)
class Report:
    """What the survey says, for the page and a mobility workshop."""

    answers: int
    headcount: int | None
    weeks_per_year: int
    enough: bool  # at least MIN_ANSWERS answers: a breakdown may be shown
    min_answers: int = MIN_ANSWERS
    modes: tuple[ModeRow, ...] = ()
    average_distance_km: float = 0.0
    km: float = 0.0
    kg: float = 0.0
    remote: Potential | None = None
    carpool: Potential | None = None

    @property
    def extrapolated(self) -> bool:
        return bool(self.headcount) and self.answers < self.headcount

    @property
    def tonnes(self) -> float:
        return self.kg / 1000

    @property
    def remote_text(self) -> str:
        return _(
            "One more day of remote work a week for the %(people)s people who answered "
            "that they come at least %(days)s days a week by a motorised mode: "
            "%(km)s km a year less, %(tonnes)s tCO₂e."
        ) % {
            "people": self.remote.people,
            "days": engine.REMOTE_MIN_DAYS,
            "km": number_format(self.remote.km, 0, force_grouping=True),
            "tonnes": number_format(self.remote.tonnes, 1),
        }

    @property
    def carpool_text(self) -> str:
        return _(
            "If the %(people)s people who drive alone from %(min)s km or more shared "
            "their car with one colleague: %(km)s km of driving a year less, "
            "%(tonnes)s tCO₂e."
        ) % {
            "people": self.carpool.people,
            "min": CARPOOL_MIN_KM,
            "km": number_format(self.carpool.km, 0, force_grouping=True),
            "tonnes": number_format(self.carpool.tonnes, 1),
        }


def report(survey: CommutingSurvey, inventory: Inventory) -> Report:
    answers = _answers(survey)
    base = {
        "answers": len(answers),
        "headcount": inventory.headcount,
        "weeks_per_year": survey.weeks_per_year,
    }
    if len(answers) < MIN_ANSWERS:
        return Report(enough=False, **base)
    try:
        kg_per_km = {mode: factor.value for mode, factor in _mode_factors().items()}
    except CannotCount:
        kg_per_km = {}
    year = summary(survey, answers, inventory.headcount)
    labels = dict(CommuteMode.choices)
    rows = tuple(
        ModeRow(
            mode=figures.mode,
            label=str(labels[figures.mode]),
            people=figures.people,
            people_share=figures.people_share,
            km=figures.travelled_km,
            km_share=figures.km_share,
            kg=figures.km * kg_per_km.get(figures.mode, 0.0),
        )
        for figures in year.modes
    )
    return Report(
        enough=True,
        modes=rows,
        average_distance_km=sum(a.distance_km for a in answers) / len(answers),
        km=year.travelled_km,
        kg=year.kg(kg_per_km),
        remote=_potential(year.remote, kg_per_km),
        carpool=_potential(year.carpool, kg_per_km),
        **base,
    )


def survey_lines(inventory: Inventory) -> list[InventoryLine]:
    return list(inventory.lines.filter(from_survey=True).select_related("factor"))


LINE_LABEL = gettext_lazy("Commuting: %(mode)s (survey)")


@transaction.atomic
def count_answers(survey: CommutingSurvey, user) -> list[InventoryLine]:
    """Replace the inventory's lines from the survey by one line per mode
    that emits, scaled to the headcount. Refused on a locked inventory and
    below MIN_ANSWERS answers."""
    inventory = Inventory.objects.select_for_update().get(pk=survey.inventory_id)
    if inventory.is_locked:
        raise CannotCount(_("This inventory is locked: unlock it before counting the answers."))
    answers = _answers(survey)
    if len(answers) < MIN_ANSWERS:
        raise CannotCount(
            _(
                "The survey has %(count)s answers: at least %(min)s are needed before they "
                "are counted, so that nobody can be recognised in a line by mode."
            )
            % {"count": len(answers), "min": MIN_ANSWERS}
        )
    mode_factors = _mode_factors()
    activity = summary(survey, answers, inventory.headcount).km_by_mode
    extrapolated = bool(inventory.headcount) and len(answers) < inventory.headcount
    quality = DataQuality.EXTRAPOLATED if extrapolated else DataQuality.MEASURED
    if extrapolated:
        comment = _(
            "From the commuting survey: %(answers)s answers, scaled to %(headcount)s "
            "employees; %(weeks)s weeks worked in a year."
        )
    else:
        comment = _(
            "From the commuting survey: %(answers)s answers; %(weeks)s weeks worked in a year."
        )
    comment = comment % {
        "answers": len(answers),
        "headcount": inventory.headcount,
        "weeks": survey.weeks_per_year,
    }
    inventory.lines.filter(from_survey=True).delete()
    # Two modes may share a factor (a car alone, a shared car): one line each,
    # so the inventory reads like the survey.
    labels = dict(CommuteMode.choices)
    lines = [
        InventoryLine(
            inventory=inventory,
            post=Post.COMMUTING,
            label=LINE_LABEL % {"mode": labels[mode]},
            quantity=round(activity[mode], 1),
            unit=mode_factors[mode].unit,
            factor=mode_factors[mode],
            data_quality=quality,
            comment=comment,
            from_survey=True,
            created_by=user,
            updated_by=user,
        )
        for mode in CommuteMode.values
        if mode in mode_factors and activity.get(mode, 0) > 0
    ]
    for line in lines:
        line.full_clean()
        line.save()
    return lines
