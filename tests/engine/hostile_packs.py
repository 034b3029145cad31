"""Packs written to hurt, and a way to measure what checking them costs."""

import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass

from levier.engine.limits import MAX_PACK_BYTES
from tests.frameworks.packs import mini_pack

# Time and memory a refusal may take: generous for a shared machine, yet far below
# the minutes and gigabytes these files cost before they were refused.
MAX_SECONDS = 1.0
MAX_PEAK_BYTES = 50 * 1024 * 1024


HEADER = """\
format: 1
id: hostile
version: "1.0.0"
title: {fr: Hostile, en: Hostile}
description: {fr: Hostile, en: Hostile}
"""


def alias_bomb(width: int = 9) -> str:
    """Aliases repeated at each level of the pack: width ** 4 faulty options to check,
    each with its problems, from under a kilobyte."""
    again = "".join

    def copies(indent: int, anchor: str) -> str:
        return again(f"{' ' * indent}- *{anchor}\n" for _ in range(width - 1))

    return (
        HEADER
        + "pillars:\n"
        + "  - &p\n    code: P\n    title: {fr: P, en: P}\n    themes:\n"
        + "      - &t\n        code: P-T\n        title: {fr: T, en: T}\n"
        + "        questions:\n"
        + "          - &q\n            code: P-T-01\n            type: single_choice\n"
        + "            text: {fr: Q, en: Q}\n            options:\n"
        + '              - &o {code: "Bad code", points: -1, label: {fr: O}}\n'
        + copies(14, "o")
        + copies(10, "q")
        + copies(6, "t")
        + copies(2, "p")
    )


def deep_pack(levels: int = 20_000) -> str:
    return HEADER + f"pillars: {'[' * levels}{']' * levels}\n"


def deep_block_pack(levels: int = 40) -> str:
    """Nesting in block style, one level per line, as an editor would indent it."""
    nested = "".join(f"{'  ' * level}-\n" for level in range(1, levels))
    return HEADER + "pillars:\n" + nested + f"{'  ' * levels}- x\n"


def oversize_pack() -> str:
    """A valid pack followed by a comment that takes it past the size limit."""
    return mini_pack("1.0.0") + "# " + "x" * MAX_PACK_BYTES + "\n"


WEIGHT_LINE = 15


def weighted_pack(weight: str) -> str:
    """mini_pack with the question weighted `weight`, on line WEIGHT_LINE."""
    text = mini_pack("1.0.0").replace(
        "            type: yes_no\n", f"            type: yes_no\n            weight: {weight}\n"
    )
    assert text.splitlines()[WEIGHT_LINE - 1].strip() == f"weight: {weight}"
    return text


@dataclass
class Cost:
    result: object
    seconds: float
    peak_bytes: int


def measure(action: Callable[[], object]) -> Cost:
    """Runs `action` twice: timed alone, then traced, since tracing slows allocations down.

    The time is the CPU time of this process: the work the refusal costs, which
    other test workers sharing the machine's cores do not inflate."""
    start = time.process_time()
    result = action()
    seconds = time.process_time() - start
    tracemalloc.start()
    try:
        action()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return Cost(result, seconds, peak)
