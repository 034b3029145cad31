"""The shipped content can be trusted (ADR 0029): every scored question of the
newest version of each shipped framework has practices to suggest, every
practice reads in English, every figure has a source, the French is typeset.

Each test lists every offender, so one run says all there is to fix.
"""

import re
from collections import defaultdict

import pytest
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from levier.engine.pack_loader import load_pack
from levier.frameworks.services import (
    DEFAULT_FRAMEWORK,
    SHIPPED_PACKS,
    latest_pack,
    sync_shipped_packs,
)
from levier.practices.exchange import shipped_files, sync_shipped
from levier.practices.models import Practice, PracticeLink, step_lines

MIN_PRACTICES_PER_QUESTION = 2
FRENCH_FIELDS = ("title", "summary", "context", "steps", "results")
ENGLISH_FIELDS = ("title_en", "summary_en", "context_en", "steps_en", "results_en")
DIGIT = re.compile(r"\d")
https_url = URLValidator(schemes=["https"])


def _version_key(version: str) -> tuple:
    return tuple(int(part) if part.isdecimal() else part for part in version.split("."))


def newest_shipped_packs() -> dict:
    """Framework id -> the newest version among the shipped pack files."""
    newest = {}
    for path in sorted(SHIPPED_PACKS.glob("*.yaml")):
        pack = load_pack(path.read_text(encoding="utf-8"), path.name)
        if pack.id not in newest or _version_key(pack.version) > _version_key(
            newest[pack.id].version
        ):
            newest[pack.id] = pack
    return newest


@pytest.fixture
def practices() -> list[dict]:
    # Read in each test, not at collection: the files are what the test checks.
    return shipped_files()[0]


@pytest.fixture
def packs() -> dict:
    return newest_shipped_packs()


def _text(entry: dict, field: str) -> str:
    value = entry.get(field) or ""
    return "\n".join(value) if isinstance(value, list) else str(value)


def _links() -> list[tuple[str, str, str, str]]:
    """(practice, framework, question, level) of every shipped link."""
    entries, extra_links = shipped_files()
    found = [
        (
            entry["code"],
            link.get("framework") or DEFAULT_FRAMEWORK,
            link.get("question"),
            link.get("level"),
        )
        for entry in entries
        for link in entry.get("questions") or []
    ]
    found += [
        (
            link.get("practice"),
            link.get("framework") or DEFAULT_FRAMEWORK,
            link.get("question"),
            link.get("level"),
        )
        for link in extra_links
    ]
    return found


def _report(title: str, offenders: list[str]) -> str:
    return f"{title} ({len(offenders)}):\n  " + "\n  ".join(offenders)


def test_shipped_packs_and_practices_are_found(practices, packs):
    # The tests below would pass on nothing: make sure they read something.
    assert {DEFAULT_FRAMEWORK, "iso-26000"} <= set(packs)
    assert len(practices) >= 100


def test_every_scored_question_of_the_newest_packs_has_two_practices(practices, packs):
    known = {entry["code"] for entry in practices}
    helping = defaultdict(set)  # (framework, question) -> practices
    broken = []
    for practice, framework, question_code, level_code in _links():
        pack = packs.get(framework)
        if pack is None or practice not in known:
            broken.append(f"{practice} → {framework} {question_code}:{level_code}")
            continue
        try:
            question = pack.question(question_code)
        except KeyError:
            # A question of an older version: it counts for no current question.
            continue
        level = question.level(level_code)
        if level is None or level.points <= question.starting_points:
            broken.append(
                f"{practice} → {framework} {question_code}:{level_code} "
                "(no such level, or no better than the lowest)"
            )
            continue
        helping[(framework, question_code)].add(practice)
    missing = [
        f"{framework} {pack.version} {question.code}: "
        f"{len(helping[(framework, question.code)])} practice(s) "
        f"{sorted(helping[(framework, question.code)])}"
        for framework, pack in sorted(packs.items())
        for question in pack.questions
        if pack.is_scoreable(question)
        and len(helping[(framework, question.code)]) < MIN_PRACTICES_PER_QUESTION
    ]

    problems = [
        _report("Links to unknown practices, frameworks or levels", broken) if broken else "",
        _report(
            f"Scored questions with fewer than {MIN_PRACTICES_PER_QUESTION} shipped practices",
            missing,
        )
        if missing
        else "",
    ]
    assert not broken and not missing, "\n".join(filter(None, problems))


def test_every_shipped_practice_reads_in_english(practices):
    offenders = []
    for entry in practices:
        missing = [field for field in ("title_en", "summary_en") if not _text(entry, field)]
        missing += [
            f"{field}_en"
            for field in ("context", "results")
            if _text(entry, field) and not _text(entry, f"{field}_en")
        ]
        steps, steps_en = entry.get("steps") or [], entry.get("steps_en") or []
        if len(steps_en) != len(steps):
            missing.append(f"steps_en ({len(steps_en)} steps for {len(steps)} in French)")
        if missing:
            offenders.append(f"{entry['code']}: {', '.join(missing)}")

    assert not offenders, _report("Practices without complete English", offenders)


def _source_problems(source) -> list[str]:
    if not isinstance(source, dict):
        return [f"not a source: {source!r}"]
    problems = []
    if not str(source.get("name") or "").strip():
        problems.append("no name")
    if not isinstance(source.get("year"), int):
        problems.append(f"no year ({source.get('year')!r})")
    try:
        https_url(str(source.get("url") or ""))
    except ValidationError:
        problems.append(f"no https link ({source.get('url')!r})")
    return problems


def test_every_figure_has_a_source(practices):
    offenders = []
    for entry in practices:
        fields = FRENCH_FIELDS + ENGLISH_FIELDS
        with_digits = [field for field in fields if DIGIT.search(_text(entry, field))]
        sources = entry.get("sources") or []
        if with_digits and not sources:
            offenders.append(f"{entry['code']}: figures in {', '.join(with_digits)}, no source")
        for number, source in enumerate(sources, start=1):
            problems = _source_problems(source)
            if problems:
                offenders.append(f"{entry['code']}: source {number}: {', '.join(problems)}")

    assert not offenders, _report("Practices with figures lacking a proper source", offenders)


def test_french_texts_use_the_typographic_apostrophe(practices):
    offenders = [
        f"{entry['code']}: {field} «{_excerpt(_text(entry, field))}»"
        for entry in practices
        for field in FRENCH_FIELDS
        if "'" in _text(entry, field)
    ]

    assert not offenders, _report("French texts with a straight apostrophe", offenders)


def _excerpt(text: str) -> str:
    at = text.index("'")
    return text[max(at - 25, 0) : at + 25].replace("\n", " ")


def test_no_results_paragraph_opens_with_les_entreprises(practices):
    offenders = [
        f"{entry['code']}: «{paragraph.strip()[:60]}…»"
        for entry in practices
        for paragraph in _text(entry, "results").split("\n")
        if paragraph.strip().startswith("Les entreprises")
    ]

    assert not offenders, _report("Results opening with “Les entreprises”", offenders)


@pytest.mark.django_db
def test_the_synced_library_holds_the_shipped_content(practices, packs):
    sync_shipped_packs()
    sync_shipped()
    shipped = {entry["code"]: entry for entry in practices}
    stored = {p.code: p for p in Practice.objects.filter(network=None)}
    differing = [
        f"{code}: {field}"
        for code, entry in shipped.items()
        for field in ("context_en", "results_en", "steps_en", "sources")
        if _stored(stored[code], field) != _shipped(entry, field)
    ]
    assert set(stored) == set(shipped)
    assert not differing, _report("Practices stored unlike their file", differing)

    # Where to start reads the links from the database: every scored question of
    # the newest published version of each framework has its practices there.
    missing = []
    for framework in packs:
        pack = latest_pack(framework)
        linked = defaultdict(set)
        for link in PracticeLink.objects.filter(framework=framework, practice__network=None):
            linked[link.question_code].add(link.practice_id)
        missing += [
            f"{framework} {question.code}: {len(linked[question.code])}"
            for question in pack.questions
            if pack.is_scoreable(question)
            and len(linked[question.code]) < MIN_PRACTICES_PER_QUESTION
        ]
    assert not missing, _report("Scored questions with too few practices once synced", missing)


def _stored(practice, field):
    if field == "steps_en":
        return step_lines(practice.steps_en)
    return getattr(practice, field)


def _shipped(entry, field):
    if field == "steps_en":
        return [step.strip() for step in entry.get(field) or []]
    if field == "sources":
        return [dict(source) for source in entry.get(field) or []]
    return str(entry.get(field) or "").strip()
