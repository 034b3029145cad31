"""An event's theme, typed by its animator in one language, shown in the
reader's language when it names a theme of a shipped framework: "Mobilité"
reads "Mobility" on an English page. Other words are shown as typed."""

from functools import cache

from levier.engine.pack_loader import load_pack_file
from levier.engine.text import Text
from levier.frameworks.services import SHIPPED_PACKS
from levier.lib.collation import reading_key


@cache
def _shipped_theme_titles() -> dict[str, Text]:
    """Each shipped theme's titles, found by either language's title (read
    once per process: the shipped files change only with a release)."""
    titles = {}
    for path in sorted(SHIPPED_PACKS.glob("*.yaml")):
        for theme in load_pack_file(path).themes:
            for title in (theme.title.fr, theme.title.en):
                titles[reading_key(title)[0]] = theme.title
    return titles


def theme_in_language(typed: str, language: str) -> str:
    titles = _shipped_theme_titles().get(reading_key(typed.strip())[0])
    if titles is None:
        return typed
    return titles.get(language)
