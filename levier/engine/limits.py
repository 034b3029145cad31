"""How large a pack may be, and the range of its numbers (documented in docs/frameworks.md).

Levier 360, the largest shipped pack, weighs about 210 kB, nests 10 levels deep, holds
about 8,000 values, weighs its questions 1 or 2 and gives at most 4 points to a level.
Each limit leaves at least ten times that room: only a mistake or an attack goes beyond.
"""

MEGABYTE = 1024 * 1024
MAX_PACK_BYTES = 2 * MEGABYTE
# Mappings and lists inside one another; the pack format itself needs 10.
MAX_DEPTH = 20
# Keys, texts, numbers, lists and mappings: what the parser builds and the checks walk.
MAX_VALUES = 50_000
# The checks stop there: past that, a file is not a pack with mistakes.
MAX_PROBLEMS = 1_000
# A number or a whole number written with more characters is never meant: refusing it
# before conversion also spares Python's slow conversion of very long or base-60 numbers.
MAX_NUMBER_CHARACTERS = 40

MAX_WEIGHT = 100
MAX_POINTS = 1_000
# Band limits and show_if thresholds of `number` questions.
MAX_ABSOLUTE_VALUE = 1_000_000_000_000
MAX_HEADCOUNT = 10_000_000
