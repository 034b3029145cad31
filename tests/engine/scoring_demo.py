"""The pack of fixtures/scoring.yaml and an assessment whose scores are known by hand."""

from pathlib import Path

from levier.engine.answers import Answer
from levier.engine.pack_loader import load_pack_file
from levier.engine.profile import Profile

PACK = load_pack_file(Path(__file__).parent / "fixtures" / "scoring.yaml")
SMALL_SERVICES = Profile(headcount=20, naf_section="J")

yes, no = Answer.of("yes"), Answer.of("no")
NA = Answer.not_applicable()

# SOC-SAF 2/2 (SAF-02 hidden) = 100; SOC-EMP: EMP-01 {a, c} 3/3, EMP-02 15h 1/2 x2,
# EMP-03 shown (15 >= 10) but missing 0/1 -> 5/8 = 62.5;
# SOC = (1 x 100 + 3 x 62.5) / 4 = 71.875.
# ENV-WAT: WAT-01 N/A (8 set aside), WAT-02 1/1, WAT-03 excluded (NAF J):
# 1 < 9 / 3 -> mostly not applicable. ENV-BIG: its only question is for large
# companies -> not applicable. ENV has no score, so overall = SOC = 71.875.
CASE_A = {
    "SAF-01": no,
    "EMP-01": Answer.of("a", "c"),
    "EMP-02": Answer.of_value(15),
    "WAT-01": NA,
    "WAT-02": yes,
}
