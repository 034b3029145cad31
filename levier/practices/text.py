"""Text folding for search, the same on every database.

Neither SQLite's FTS5 nor PostgreSQL's French configuration folds "vélos" onto
"vélo" (see STACK.md), so both the indexed document and the query go through
the same folding first: lower case, no accents, no punctuation, and a plural
step for French and English words (a final "s" or "x" dropped from words of
four letters or more, "-aux" read as "-al").
"""

import re
import unicodedata

WORD = re.compile(r"[a-z0-9]+")


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
    return [fold_word(word) for word in WORD.findall(strip_accents(text or "").lower())]


def fold(text: str) -> str:
    """The searchable form of a text."""
    return " ".join(words(text))
