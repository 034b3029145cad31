"""The library's filters, shared by its page and the API: one meaning for
"theme", "pillar", "size" and the others wherever the library is browsed;
and the framework questions a practice may link to."""

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from levier.frameworks.models import FrameworkVersion
from levier.practices.models import has_code


def linkable_packs(network) -> dict:
    """Framework code -> the newest version's pack, for each framework the
    network may use (the shipped ones and its own): what its practices link to."""
    network_ids = [network.pk] if network is not None else []
    versions = (
        FrameworkVersion.objects.available_to(network_ids)
        .select_related("framework")
        .order_by("framework__code", "-published_at", "-pk")
    )
    newest = {}
    for version in versions:
        newest.setdefault(version.framework.code, version)
    return {code: version.pack for code, version in newest.items()}


def level_problem(packs: dict, framework: str, question_code: str, level_code: str) -> str:
    """Why a practice may not link to this level of this question, in words;
    empty when it may: the question exists in the framework's newest version,
    the level is one of its levels and gives more points than one starts with
    (``Question.starting_points``: a practice that leads to the lowest level
    improves nothing)."""
    pack = packs.get(framework)
    if pack is None:
        return _("“%(framework)s” is not a framework of your network") % {"framework": framework}
    try:
        question = pack.question(question_code)
    except KeyError:
        return _("“%(question)s” is not a question of %(framework)s") % {
            "question": question_code,
            "framework": pack.id,
        }
    level = question.level(level_code)
    if level is None:
        return _("“%(level)s” is not a level of %(question)s") % {
            "level": level_code,
            "question": question_code,
        }
    if level.points <= question.starting_points:
        return _(
            "“%(level)s” gives no more points than the lowest level of %(question)s: "
            "choose a level the practice lets one reach"
        ) % {"level": level_code, "question": question_code}
    return ""


def filter_library(
    practices: QuerySet,
    *,
    pack,
    pillar: str = "",
    theme: str = "",
    size_band: str = "",
    sector: str = "",
    effort: str = "",
    cost: str = "",
    question: str = "",
) -> QuerySet:
    """``practices`` narrowed by the library's filters. A practice with no
    size or sector suits every size or sector; a pillar stands for its
    themes (an unknown pillar matches nothing)."""
    if pillar and pack is not None:
        try:
            themes = pack.pillar(pillar).themes
        except KeyError:
            return practices.none()
        condition = Q(pk__in=[])
        for each in themes:
            condition |= has_code("themes", each.code)
        practices = practices.filter(condition)
    if theme:
        practices = practices.filter(has_code("themes", theme))
    if size_band:
        practices = practices.filter(Q(size_bands="") | has_code("size_bands", size_band))
    if sector:
        practices = practices.filter(Q(sectors="") | has_code("sectors", sector))
    if effort:
        practices = practices.filter(effort=effort)
    if cost:
        practices = practices.filter(cost=cost)
    if question:
        practices = practices.filter(links__question_code=question).distinct()
    return practices
