"""The library's filters, shared by its page and the API: one meaning for
"theme", "pillar", "size" and the others wherever the library is browsed."""

from django.db.models import Q, QuerySet

from levier.practices.models import has_code


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
