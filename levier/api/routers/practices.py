"""The practice library: what a network's website or a member's tools show of
the good practices the token reaches (the shipped library and its own
network's), searched and filtered as the library's page does."""

from datetime import datetime
from typing import Literal

from django.db.models import OuterRef, Q
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from ninja import Field, Path, Query, Router, Schema
from ninja.pagination import paginate

from levier.api.auth import require
from levier.api.pagination import CursorPagination, Since
from levier.api.problems import Problem
from levier.api.schemas_network import MAX_ID, SectorCode, SizeBandCode, token_network_id
from levier.frameworks.services import latest_pack
from levier.lib.queries import SubqueryCount
from levier.practices.models import Adoption, Cost, Effort, Practice, step_lines
from levier.practices.search import matching
from levier.practices.services import filter_library

router = Router(tags=["practices"])

AREA = "practices"
CODE_PATTERN = r"^[-A-Za-z0-9_.]+$"


class ThemeOut(Schema):
    code: str
    title: str = Field(description="In the request's language (Accept-Language: fr or en)")


class PracticeLinkOut(Schema):
    framework: str
    question_code: str
    level_code: str = Field(description="The answer level the practice lets one reach")
    theme_code: str | None = Field(description="The question's theme, in the current framework")


class PracticeOut(Schema):
    id: int
    code: str
    network: str | None = Field(description="The network's slug; null for the shipped library")
    title: str
    title_en: str
    summary: str
    summary_en: str
    effort: str
    cost: str
    themes: list[str]
    size_bands: list[str] = Field(description="Empty: every size")
    sectors: list[str] = Field(description="NAF sections; empty: every sector")
    tags: list[str]
    status: str
    is_public: bool
    published_at: datetime | None
    updated_at: datetime
    adopters: int = Field(description="Members of the reader's networks who do it too")

    @staticmethod
    def resolve_network(practice) -> str | None:
        return practice.network.slug if practice.network_id else None


class SourceOut(Schema):
    name: str
    year: int
    url: str


class PracticeDetailOut(PracticeOut):
    context: str = Field(description="Markdown")
    context_en: str = Field(description="Markdown")
    steps: list[str]
    steps_en: list[str] = Field(description="As many as the French steps, when translated")
    results: str = Field(description="Markdown")
    results_en: str = Field(description="Markdown")
    sources: list[SourceOut] = Field(description="Where the texts' figures come from")
    author: str | None = Field(description="The organisation that did it, when it agreed")
    theme_titles: list[ThemeOut]
    links: list[PracticeLinkOut] = Field(description="The framework questions it improves")

    @staticmethod
    def resolve_steps(practice) -> list[str]:
        return practice.step_list

    @staticmethod
    def resolve_steps_en(practice) -> list[str]:
        return step_lines(practice.steps_en)

    @staticmethod
    def resolve_author(practice) -> str | None:
        author = practice.shown_author
        return author.name if author else None

    @staticmethod
    def resolve_theme_titles(practice) -> list[dict]:
        return practice.api_theme_titles

    @staticmethod
    def resolve_links(practice) -> list[dict]:
        return practice.api_links


class PracticeFilters(Schema):
    q: str | None = Field(
        None, max_length=200, description="Full-text search, as the library's search box"
    )
    pillar: str | None = Field(None, max_length=40, pattern=CODE_PATTERN)
    theme: str | None = Field(None, max_length=40, pattern=CODE_PATTERN)
    question: str | None = Field(
        None, max_length=40, pattern=CODE_PATTERN, description="A framework question's code"
    )
    size_band: SizeBandCode | None = None
    sector: SectorCode | None = None
    effort: Literal[tuple(Effort.values)] | None = None  # type: ignore[valid-type]
    cost: Literal[tuple(Cost.values)] | None = None  # type: ignore[valid-type]
    updated_since: Since | None = Field(None, description="Changed at or after (updated_at)")


def _reachable(request):
    """The practices the token reaches (the scope's "practice" rule), narrowed
    to the shipped library and the token's own network."""
    return Practice.objects.filter(
        Q(network__isnull=True) | Q(network_id=token_network_id(request))
    ).select_related("network", "author_organisation")


def _with_adopters(practices):
    return practices.annotate(
        adopters=SubqueryCount(Adoption.objects.filter(practice=OuterRef("pk")))
    )


@router.get(
    "/practices",
    response={200: list[PracticeOut], 401: Problem, 403: Problem, 422: Problem},
    summary="The practice library",
)
@paginate(CursorPagination)
def list_practices(request, filters: Query[PracticeFilters]):
    """The published practices the token reaches: the library shipped with
    Levier and its network's own, filtered as the library's page filters
    them; `q` searches their text with the library's search (accents and
    plurals folded). Ordered by id for the cursor; `updated_since` filters on
    `updated_at`."""
    require(request, AREA)
    pack = latest_pack()
    practices = filter_library(
        _reachable(request).published(),
        pack=pack,
        pillar=filters.pillar or "",
        theme=filters.theme or "",
        size_band=filters.size_band or "",
        sector=filters.sector or "",
        effort=filters.effort or "",
        cost=filters.cost or "",
        question=filters.question or "",
    )
    if filters.q:
        practices = matching(practices, filters.q)
    if filters.updated_since:
        practices = practices.filter(updated_at__gte=filters.updated_since)
    return _with_adopters(practices)


def _theme_titles(pack, codes) -> list[dict]:
    language = get_language() or "fr"
    titles = []
    for code in codes:
        try:
            title = pack.theme(code).title.get(language) if pack else code
        except KeyError:
            title = code
        titles.append({"code": code, "title": title})
    return titles


def _links(pack, practice) -> list[dict]:
    """``pack``: Levier 360's; a link to another framework reads that one's newest version."""
    packs = {pack.id: pack} if pack else {}
    links = []
    for link in practice.links.all():
        if link.framework not in packs:
            packs[link.framework] = latest_pack(link.framework)
        linked_pack = packs[link.framework]
        try:
            theme_code = (
                linked_pack.question(link.question_code).theme_code if linked_pack else None
            )
        except KeyError:
            theme_code = None
        links.append(
            {
                "framework": link.framework,
                "question_code": link.question_code,
                "level_code": link.level_code,
                "theme_code": theme_code,
            }
        )
    return links


@router.get(
    "/practices/{practice_id}",
    response={200: PracticeDetailOut, 401: Problem, 403: Problem, 404: Problem, 422: Problem},
    summary="One practice",
)
def get_practice(request, practice_id: int = Path(..., ge=1, le=MAX_ID)):
    """A practice the token reaches, with its steps, results, themes and the
    framework questions it improves. Drafts are reached as on the web: a
    member's token its organisation's, a network's token its network's."""
    require(request, AREA)
    practice = get_object_or_404(_with_adopters(_reachable(request)), pk=practice_id)
    pack = latest_pack()
    practice.api_theme_titles = _theme_titles(pack, practice.themes)
    practice.api_links = _links(pack, practice)
    return practice
