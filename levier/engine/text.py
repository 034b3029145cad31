"""Translated texts: every text a user sees exists in French and English."""

from __future__ import annotations

from dataclasses import dataclass

LANGUAGES = ("fr", "en")


@dataclass(frozen=True)
class Text:
    fr: str
    en: str

    def get(self, lang: str) -> str:
        """The text in `lang` ("en", "en-GB", ...); French for any other language.

        French is the reference language of the packs, so it is the fallback.
        """
        if lang.split("-", 1)[0].lower() == "en" and self.en:
            return self.en
        return self.fr
