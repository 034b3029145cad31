"""From a footprint to the action plan: where to start (the categories that
weigh most, their levers and the library's practices), adding a lever to the
plan with its projected reduction, and the reduction realised once a later
inventory of the same site exists.

Figures stay in kgCO2e; pages show tonnes.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction
from django.db.models import OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from levier.assessments import services as assessments
from levier.carbon import commuting, levers, services
from levier.carbon.models import CarbonReduction, CommutingSurvey, Inventory, InventoryLine, Post
from levier.engine.carbon.footprint import Emission
from levier.engine.whatif import what_if
from levier.lib.queries import SubqueryCount
from levier.plans import services as plans
from levier.plans.models import Action
from levier.practices.models import Adoption, Practice, has_code

# How many categories "where to start" shows, heaviest first.
POSTS_SHOWN = 5
PRACTICES_PER_POST = 3
DUE_IN_DAYS = 90


@dataclass
class LeverCard:
    lever: levers.Lever
    share: float  # 0..1
    emission: Emission | None  # None: the alternative's factor is missing
    from_survey: bool = False  # the default share comes from the commuting survey
    planned: bool = False
    preview_error: str = ""  # why the share the member is trying cannot be computed

    @property
    def tonnes(self) -> float:
        return self.emission.kg / 1000 if self.emission else 0.0

    @property
    def uncertainty_tonnes(self) -> float:
        return self.emission.uncertainty_kg / 1000 if self.emission else 0.0

    @property
    def percent(self) -> float:
        return self.share * 100


@dataclass
class PostCard:
    post: str
    label: str
    emission: Emission
    share: float  # of the inventory's total, 0..1
    levers: list[LeverCard]
    practices: list[Practice] = field(default_factory=list)

    @property
    def tonnes(self) -> float:
        return self.emission.kg / 1000

    @property
    def percent(self) -> float:
        return self.share * 100


def survey_shares(inventory: Inventory, post_kg: float) -> dict[str, float]:
    """Default shares of the commuting levers from the survey's potentials
    (enough answers only): the potential's kgCO2e over the category's."""
    survey = CommutingSurvey.objects.filter(inventory=inventory).first()
    if survey is None or post_kg <= 0:
        return {}
    report = commuting.report(survey, inventory)
    if not report.enough:
        return {}
    return {
        "commuting-remote": min(1.0, report.remote.kg / post_kg),
        "commuting-carpool": min(1.0, report.carpool.kg / post_kg),
    }


def practices_for(posts) -> dict[str, list[Practice]]:
    """Published practices of the library that reduce each category (by the
    tags of the Levier 360 questions), most adopted first, with how many
    organisations of the reader's networks do them; one query."""
    tags = {tag for post in posts for tag in levers.POST_TAGS[post]}
    if not tags:
        return {}
    matching = Q()
    for tag in sorted(tags):
        matching |= has_code("tags", tag)
    found = list(
        Practice.objects.published()
        .filter(matching)
        .annotate(adopters=SubqueryCount(Adoption.objects.filter(practice=OuterRef("pk"))))
        .order_by("-adopters", "title", "pk")
    )
    result = {}
    for post in posts:
        wanted = set(levers.POST_TAGS[post])
        result[post] = [p for p in found if wanted & set(p.tags)][:PRACTICES_PER_POST]
    return result


def where_to_start(inventory: Inventory, shares: dict[str, float] | None = None):
    """The categories that weigh most, each with its levers (the reduction at
    the chosen share, or the default one) and practices. Returns (footprint,
    cards)."""
    shares = shares or {}
    lines = services.lines_of(inventory)
    result = services.footprint(inventory, lines)
    heaviest = sorted(
        (code for code in Post.values if result.by_post[code].kg > 0),
        key=lambda code: -result.by_post[code].kg,
    )[:POSTS_SHOWN]
    chosen = [lever for post in heaviest for lever in levers.for_post(post)]
    switch_to = levers.switch_factors(chosen)
    defaults = {}
    if Post.COMMUTING in heaviest:
        defaults = survey_shares(inventory, result.by_post[Post.COMMUTING].kg)
    planned = set(
        CarbonReduction.objects.filter(inventory=inventory)
        .exclude(action__status=Action.Status.DROPPED)
        .values_list("lever", flat=True)
    )
    practices = practices_for(heaviest)
    cards = []
    for post in heaviest:
        cards_of_post = []
        for lever in levers.for_post(post):
            if not levers.applies(lever, lines):
                continue
            share = shares.get(lever.code, defaults.get(lever.code, lever.default_share))
            cards_of_post.append(
                LeverCard(
                    lever=lever,
                    share=share,
                    emission=levers.reduction(lever, lines, share, switch_to),
                    from_survey=lever.code in defaults and lever.code not in shares,
                    planned=lever.code in planned,
                )
            )
        cards.append(
            PostCard(
                post=post,
                label=str(Post(post).label),
                emission=result.by_post[post],
                share=result.share(result.by_post[post]),
                levers=cards_of_post,
                practices=practices.get(post, []),
            )
        )
    return result, cards


class NoAlternative(Exception):
    """A switch's alternative factor is not in the database."""


def _score_gain(organisation, practice):
    """The question of the baseline assessment the practice improves, its
    target level and the overall points it brings, when it brings some."""
    baseline = plans.baseline_assessment(organisation)
    if practice is None or baseline is None:
        return {}
    framework = baseline.framework_version.framework.code
    answers = assessments.engine_answers(assessments.stored_answers(baseline))
    best = {}
    for link in practice.links.filter(framework=framework):
        try:
            question = baseline.pack.question(link.question_code)
            target = plans.target_answer(question, answers.get(question.code), link.level_code)
            if target is None:
                continue
            gain = what_if(baseline.pack, baseline.profile, answers, question.code, target)
        except (KeyError, ValueError):
            continue
        if gain.overall and gain.overall > best.get("projected_gain", 0):
            best = {
                "assessment": baseline,
                "question_code": question.code,
                "target_level": link.level_code,
                "theme_code": question.theme_code,
                "pillar_code": question.pillar_code,
                "projected_gain": gain.overall,
            }
    return best


@transaction.atomic
def add_to_plan(
    inventory: Inventory,
    lever: levers.Lever,
    share: float,
    user,
    *,
    title: str,
    owner=None,
    due_date: date | None = None,
    practice: Practice | None = None,
    description: str = "",
) -> Action:
    """A plan action for the lever, with its projected reduction computed
    from the inventory's lines at ``share``, and the score it brings when its
    practice improves a question of the baseline assessment."""
    lines = services.lines_of(inventory)
    emission = levers.reduction(lever, lines, share)
    if emission is None:
        raise NoAlternative(lever.to_factor_key)
    post_kg = services.footprint(inventory, lines).by_post[lever.post].kg
    action = plans.add_action(
        inventory.organisation,
        user,
        title=title[:200],
        description=description or str(lever.how),
        owner=owner,
        due_date=due_date or timezone.localdate() + timedelta(days=DUE_IN_DAYS),
        practice=practice,
        priority=Action.Priority.HIGH if emission.kg > 0.1 * post_kg else Action.Priority.MEDIUM,
        indicator_name=_("tCO2e a year: %(post)s") % {"post": Post(lever.post).label},
        indicator_unit="tCO2e",
        indicator_baseline=round(post_kg / 1000, 3),
        indicator_target=round((post_kg - emission.kg) / 1000, 3),
        **_score_gain(inventory.organisation, practice),
    )
    CarbonReduction.objects.create(
        action=action,
        inventory=inventory,
        post=lever.post,
        lever=lever.code,
        share=share,
        projected_kg=emission.kg,
    )
    return action


# Realised reductions --------------------------------------------------------


@dataclass(frozen=True)
class Realised:
    """The targeted category's emissions in the reduction's inventory and in
    the latest later inventory of the same site."""

    before: Inventory
    after: Inventory
    before_kg: float
    after_kg: float

    @property
    def kg(self) -> float:
        return self.before_kg - self.after_kg

    @property
    def tonnes(self) -> float:
        return self.kg / 1000

    @property
    def abs_tonnes(self) -> float:
        return abs(self.kg) / 1000

    @property
    def before_tonnes(self) -> float:
        return self.before_kg / 1000

    @property
    def after_tonnes(self) -> float:
        return self.after_kg / 1000


@dataclass(frozen=True)
class PlanCarbon:
    """What the plan shows of an action's carbon reduction."""

    reduction: CarbonReduction
    realised: Realised | None

    @property
    def projected_tonnes(self) -> float:
        return self.reduction.projected_kg / 1000

    @property
    def post_label(self) -> str:
        return str(Post(self.reduction.post).label)

    @property
    def lever(self) -> levers.Lever | None:
        return levers.get(self.reduction.lever)

    @property
    def percent(self) -> float:
        return self.reduction.share * 100


def _later(inventory: Inventory, inventories: list[Inventory]) -> Inventory | None:
    later = [
        other
        for other in inventories
        if other.site == inventory.site and other.year > inventory.year
    ]
    return max(later, key=lambda other: other.year) if later else None


def for_actions(organisation, actions=None) -> dict[int, PlanCarbon]:
    """Per action with a carbon reduction, its projection and, when a later
    inventory of the same site exists, the realised reduction; three queries
    whatever the number of actions and lines (one without reductions)."""
    reductions = CarbonReduction.objects.filter(action__organisation=organisation)
    if actions is not None:
        reductions = reductions.filter(action__in=[a.pk for a in actions])
    reductions = list(reductions.select_related("inventory"))
    if not reductions:
        return {}
    inventories = list(Inventory.objects.filter(organisation=organisation))
    pairs = {r.pk: (r.inventory, _later(r.inventory, inventories)) for r in reductions}
    needed = {inv.pk for pair in pairs.values() if pair[1] for inv in pair}
    lines: dict[int, list[InventoryLine]] = {pk: [] for pk in needed}
    if needed:
        for line in (
            InventoryLine.objects.filter(inventory__in=needed)
            .select_related("factor")
            .order_by("post", "pk")
        ):
            lines[line.inventory_id].append(line)
    by_post = {
        pk: services.footprint(None, of_inventory).by_post for pk, of_inventory in lines.items()
    }
    result = {}
    for reduction in reductions:
        before, after = pairs[reduction.pk]
        realised = None
        if after is not None:
            realised = Realised(
                before=before,
                after=after,
                before_kg=by_post[before.pk][reduction.post].kg,
                after_kg=by_post[after.pk][reduction.post].kg,
            )
        result[reduction.action_id] = PlanCarbon(reduction, realised)
    return result


@dataclass(frozen=True)
class PlanTotal:
    projected_kg: float
    realised_kg: float | None
    actions: int

    @property
    def projected_tonnes(self) -> float:
        return self.projected_kg / 1000

    @property
    def realised_tonnes(self) -> float | None:
        return None if self.realised_kg is None else self.realised_kg / 1000


def plan_total(carbon: dict[int, PlanCarbon], actions) -> PlanTotal | None:
    """The plan's projected tCO2e (dropped actions aside) and the realised
    reduction of the categories its actions target, each category of an
    inventory counted once."""
    counted = [
        carbon[a.pk] for a in actions if a.pk in carbon and a.status != Action.Status.DROPPED
    ]
    if not counted:
        return None
    realised: dict[tuple, float] = {}
    for item in counted:
        if item.realised is not None:
            key = (item.realised.before.pk, item.realised.after.pk, item.reduction.post)
            realised[key] = item.realised.kg
    return PlanTotal(
        projected_kg=sum(item.reduction.projected_kg for item in counted),
        realised_kg=sum(realised.values()) if realised else None,
        actions=len(counted),
    )
