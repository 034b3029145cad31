"""Text folding for search, the same on every database.

Neither SQLite's FTS5 nor PostgreSQL's French configuration folds "vélos" onto
"vélo" (see STACK.md), so both the indexed document and the query go through
the same folding first: lower case, no accents, no punctuation, and a plural
step for French and English words (a final "s" or "x" dropped from words of
four letters or more, "-aux" read as "-al").

Stop words (articles, prepositions, pronouns: "de", "les", "pour", "the"…)
are left out of both, so "charte de télétravail" finds what "charte
télétravail" finds, and they weigh nothing in the ranking. Words that change
the meaning ("sans", "pas", "plus", "moins") are kept.
"""

import re
import unicodedata

WORD = re.compile(r"[a-z0-9]+")

# Unaccented and lower case, compared before the plural step. Single letters
# are the elided articles and pronouns ("d'intérim", "l'égalité", "qu'il").
STOP_WORDS = frozenset([
    "a", "au", "aux", "avec", "ce", "ces", "cet", "cette", "chez", "comme", "dans", "de",
    "des", "du", "elle", "elles", "en", "entre", "et", "eux", "il", "ils", "je", "la", "le",
    "les", "leur", "leurs", "lui", "ma", "mais", "me", "meme", "mes", "moi", "mon", "ne",
    "nos", "notre", "nous", "on", "ou", "par", "pour", "qu", "que", "qui", "sa", "se", "ses",
    "son", "sur", "ta", "te", "tes", "toi", "ton", "tu", "un", "une", "vos", "votre", "vous",
    "y", "est", "sont", "ont",
    "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is", "it", "its", "of",
    "or", "the", "their", "this", "to", "with",
    "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s",
    "t", "u", "v", "w", "x", "z",
])  # fmt: skip


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold_word(word: str) -> str:
    if len(word) >= 5 and word.endswith("aux"):
        return word[:-3] + "al"
    if len(word) >= 4 and word[-1] in "sx" and not word.endswith("ss"):
        return word[:-1]
    return word


def words(text: str) -> list[str]:
    """The searchable words of a text, folded, stop words left out."""
    raw = WORD.findall(strip_accents(text or "").lower())
    return [fold_word(word) for word in raw if word not in STOP_WORDS]


def fold(text: str) -> str:
    """The searchable form of a text."""
    return " ".join(words(text))


ENGLISH_BODY = ("context_en", "steps_en", "results_en")


def practice_document(practice) -> str:
    """What the full-text index reads of a practice: its folded titles on the
    first line, the rest on the second, so each engine weighs them apart.
    (Also run by a migration on the historical model: attributes only.)"""
    titles = [practice.title, practice.title_en]
    body = [practice.summary, practice.summary_en, practice.context, practice.steps]
    body += [practice.results, " ".join(practice.tags)]
    # The English texts came later (practices 0005): a migration before it
    # builds the document of a model without them.
    body += [getattr(practice, name, "") for name in ENGLISH_BODY]
    title_line = fold(" ".join(part for part in titles if part))
    body_line = fold(" ".join(part for part in body if part))
    return f"{title_line}\n{body_line}"
