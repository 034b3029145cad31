"""Full-text search of practices, with each database's own engine (ADR 0022).

Both engines index the same folded document (``text.practice_document``:
titles on the first line, body on the second, accents, plurals and stop words
folded away) and read the same query: every remaining word required, the last
one also as a prefix, for people still typing.

SQLite: an FTS5 table with a ``title`` and a ``body`` column, kept in step by
triggers, ranked by bm25 with the title weighing TITLE_WEIGHT times the body.
PostgreSQL: a generated ``tsvector`` with title lexemes at weight A and body
lexemes at weight B (A weighing TITLE_WEIGHT times B), GIN-indexed, ranked by
``ts_rank`` normalised by the document's length (bm25 normalises too).

Ranking happens in the database, in one query that lists the ranked ids
(``RankedSearch``: its length is the count, its slices the pages), in two
tiers: the practices with every word in their title (scored on the title's
words), then the others (scored on all, the title
weighing more). Each tier ranks at most the newest CANDIDATES of its matches,
so a search costs about the same whether it matches ten practices or all of
them: a query that broad is refined, not read past its first pages.
"""

import json
from functools import cached_property

from django.db import connection
from django.db.models import BooleanField, F, FloatField, QuerySet, Value
from django.db.models.expressions import RawSQL

from levier.practices.text import WORD, fold_word, strip_accents, words

TITLE_WEIGHT = 5
CANDIDATES = 300
# What reading one match through the GIN index costs, in rows of the
# primary key walked (RankedSearch._postgres_selective).
INDEX_READ_COST = 4

SQLITE_MATCH = "SELECT rowid FROM practices_practice_fts WHERE practices_practice_fts MATCH %s"
POSTGRES_MATCH = (
    "SELECT id FROM practices_practice WHERE search_vector @@ to_tsquery('simple', %s)"
)


def _query_words(text: str) -> tuple[list[str], bool]:
    """The words to require, and whether the last one may still be being
    typed (the text does not end with a stop word, which is dropped)."""
    tokens = words(text)
    raw = WORD.findall(strip_accents(text or "").lower())
    return tokens, bool(tokens and raw and fold_word(raw[-1]) == tokens[-1])


def engine_query(text: str, *, column: str = "") -> str | None:
    tokens, typing = _query_words(text)
    if not tokens:
        return None
    if connection.vendor == "postgresql":
        terms = list(tokens)
        if typing:
            terms[-1] += ":*"
        return " & ".join(terms)
    terms = [f'"{token}"' for token in tokens]
    if typing:
        terms[-1] += "*"
    query = " ".join(terms)
    return f"{{{column}}} : ({query})" if column else query


def matching(queryset: QuerySet, text: str) -> QuerySet:
    """``queryset`` narrowed to the practices matching ``text``."""
    query = engine_query(text)
    if query is None:
        return queryset
    sql = POSTGRES_MATCH if connection.vendor == "postgresql" else SQLITE_MATCH
    return queryset.filter(pk__in=RawSQL(sql, [query]))


def _sql(queryset: QuerySet) -> tuple[str, tuple]:
    return queryset.query.sql_with_params()


# Each tier: the newest CANDIDATES matches, scored; a practice in both tiers
# keeps its first; then the page, best first.
SQLITE_TIER = """
SELECT * FROM (
    SELECT rowid AS id, {tier} AS tier, {score} AS score
    FROM practices_practice_fts
    WHERE practices_practice_fts MATCH %s AND EXISTS ({allowed})
    ORDER BY rowid DESC LIMIT {candidates})
"""
SQLITE_SCORE = "bm25(practices_practice_fts, {title_weight}, 1)"
SQLITE_RANKED = """
SELECT id FROM ({tiers}) GROUP BY id
ORDER BY min(tier * 1000000 + score), id DESC LIMIT %s OFFSET %s
"""
# ts_rank's weights are listed D, C, B, A; normalisation 1 divides by the
# logarithm of the document's length.
POSTGRES_SCORE = (
    "ts_rank('{{0, 0, {body_weight}, 1}}', search_vector, to_tsquery('simple', %s), 1)"
)
POSTGRES_RANKED = """
SELECT pk FROM (({tier_1}) UNION ALL ({tier_2})) AS ranked
ORDER BY tier, score DESC, pk DESC LIMIT %s OFFSET %s
"""


class RankedSearch:
    """The practices of a queryset matching a text, best first, fetched a
    slice at a time: what a Paginator needs (``count`` and slicing).

    Two tiers: the practices with every word of the text in their title, then
    the others; within a tier, the engine's score. Each tier ranks the newest
    CANDIDATES of its matches, so the cost has a ceiling however many match.
    """

    def __init__(self, queryset: QuerySet, text: str):
        self.queryset = queryset
        self.text = text
        self.query = engine_query(text)

    def _sqlite_tiers(self) -> tuple[str, list]:
        """The two tiers as one SQL union of (id, tier, score)."""
        # Checked match by match until enough are found, never listed whole
        # first (that would cost the size of the library).
        allowed, allowed_params = _sql(
            self.queryset.order_by()
            .filter(pk=RawSQL("practices_practice_fts.rowid", []))
            .values("pk")
        )
        # In the title tier, bm25 counts the title's words only.
        score = SQLITE_SCORE.format(title_weight=TITLE_WEIGHT)
        tiers, params = [], []
        for tier, match in enumerate([engine_query(self.text, column="title"), self.query]):
            tiers.append(
                SQLITE_TIER.format(tier=tier, score=score, allowed=allowed, candidates=CANDIDATES)
            )
            params += [match, *allowed_params]
        return " UNION ALL ".join(tiers), params

    @cached_property
    def _postgres_selective(self) -> bool:
        """Whether the planner expects few enough matches that reading them
        all through the GIN index, then keeping the newest, beats walking
        the primary key from the newest practice until CANDIDATES match.

        The walk reads about CANDIDATES x total / matches rows, testing each
        one's vector; the index reads the matches, each costing about
        INDEX_READ_COST rows walked (measured by bench/bench_search.py: the
        heap is read out of order and each match is checked again): the two
        cost the same where INDEX_READ_COST x matches² = CANDIDATES x total.
        PostgreSQL's cost model prices
        the test of a row's vector far below what reading it costs, and walks
        the key for words of middling frequency (a word in 2.5 % of 50,000
        practices: 12,000 rows read to find 300, 36 ms instead of 3), so the
        choice is made here, from the planner's own estimate of the matches.
        """
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (FORMAT JSON) " + POSTGRES_MATCH, [self.query])
            plan = cursor.fetchone()[0]
            matches = (json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"]["Plan Rows"]
            cursor.execute(
                "SELECT reltuples FROM pg_class WHERE oid = 'practices_practice'::regclass"
            )
            # -1 until the table is first analysed: walk the key, as before.
            total = max(cursor.fetchone()[0], 0)
        return INDEX_READ_COST * matches * matches < CANDIDATES * total

    def _postgres_tiers(self) -> list[tuple[str, tuple]]:
        """Each tier's SQL, (id, tier, score) rows."""
        title_match = RawSQL(
            "title_vector @@ to_tsquery('simple', %s)", [self.query], output_field=BooleanField()
        )
        matches = self.queryset.filter(
            RawSQL(
                "search_vector @@ to_tsquery('simple', %s)",
                [self.query],
                output_field=BooleanField(),
            )
        )
        # In the title tier, the title's words only count (body weight 0),
        # as bm25 counts them there on SQLite.
        tiers = []
        for tier, (practices, body_weight) in enumerate(
            [
                # Every title word is in the whole vector too: the small title
                # vector alone decides, row after row, newest first.
                (self.queryset.filter(title_match), 0),
                (matches.exclude(title_match), 1 / TITLE_WEIGHT),
            ]
        ):
            score = RawSQL(
                POSTGRES_SCORE.format(body_weight=body_weight),
                [self.query],
                output_field=FloatField(),
            )
            # "id + 0" orders the same but keeps the planner off the primary
            # key's index, so that it reads the matches through the GIN index.
            newest_first = (
                RawSQL('"practices_practice"."id" + 0', []).desc()
                if tier == 1 and self._postgres_selective
                else F("pk").desc()
            )
            newest = (
                practices.annotate(tier=Value(tier), score=score)
                .order_by(newest_first)
                .values("pk", "tier", "score")[:CANDIDATES]
            )
            tiers.append(_sql(newest))
        return tiers

    def sql(self, limit: int, offset: int = 0) -> tuple[str, list]:
        if connection.vendor == "postgresql":
            (tier_1, params_1), (tier_2, params_2) = self._postgres_tiers()
            sql = POSTGRES_RANKED.format(tier_1=tier_1, tier_2=tier_2)
            return sql, [*params_1, *params_2, limit, offset]
        tiers, params = self._sqlite_tiers()
        return SQLITE_RANKED.format(tiers=tiers), [*params, limit, offset]

    @cached_property
    def _ranked(self) -> list[int]:
        """Every practice the ranking lists, best first: at most CANDIDATES
        per tier, so one query serves the count and every page."""
        with connection.cursor() as cursor:
            cursor.execute(*self.sql(2 * CANDIDATES))
            return [row[0] for row in cursor.fetchall()]

    def ids(self, limit: int, offset: int = 0) -> list[int]:
        if self.query is None:
            pks = self.queryset.order_by("-pk").values_list("pk", flat=True)
            return list(pks[offset : offset + limit])
        return self._ranked[offset : offset + limit]

    def count(self) -> int:
        """How many the ranking lists: every match, or CANDIDATES per tier."""
        if self.query is None:
            return self.queryset.count()
        return len(self._ranked)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, key):
        if isinstance(key, slice):
            start = key.start or 0
            return self.ids(key.stop - start, start)
        return self.ids(1, key)[0]


def ranked_ids(queryset: QuerySet, text: str) -> list[int]:
    """Ids of the practices of ``queryset`` matching ``text``, best first
    (every match, or the ranked candidates of a very broad text)."""
    return RankedSearch(queryset, text).ids(2 * CANDIDATES)
