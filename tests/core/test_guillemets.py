"""Guillemets stay with their words: a template writes « and » with a
no-break space, so that a line never starts with a lone » (it did on a phone
after a level's label)."""

import re
from pathlib import Path

TEMPLATES = Path(__file__).parents[2] / "levier" / "templates"
LOOSE = re.compile(r"« |\s»")


def test_no_template_separates_a_guillemet_from_its_words():
    loose = [
        f"{path.relative_to(TEMPLATES)}:{number}"
        for path in sorted(TEMPLATES.rglob("*.html"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if LOOSE.search(line.replace("\u00a0»", "").replace("\u202f»", ""))
    ]

    assert loose == []
