import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from levier.engine.answers import Answer
from levier.engine.bulk import (
    applicability_matrix,
    columns_from_answers,
    columns_from_rows,
    compile_pack,
    score_many,
)
from levier.engine.profile import Profile, applies
from levier.engine.scoring import THEME_STATUSES, score
from tests.engine.scoring_demo import CASE_A, PACK, SMALL_SERVICES
from tests.engine.strategies import answer_sets, packs, profiles

BULK = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def nan_to_none(value: float) -> float | None:
    return None if math.isnan(value) else float(value)


def assert_same_as_single(pack, cases):
    compiled = compile_pack(pack)
    applicable = applicability_matrix(compiled, [profile for profile, _ in cases])
    bulk = score_many(compiled, applicable, columns_from_answers(compiled, [a for _, a in cases]))
    for row, (profile, answers) in enumerate(cases):
        single = score(pack, profile, answers)
        assert nan_to_none(bulk.overall[row]) == pytest.approx(single.overall, abs=1e-9)
        pillars = dict(
            zip(compiled.pillar_codes, map(nan_to_none, bulk.pillars[row]), strict=True)
        )
        assert pillars == pytest.approx(single.pillars, abs=1e-9)
        for column, code in enumerate(compiled.theme_codes):
            theme = single.themes[code]
            assert nan_to_none(bulk.themes[row, column]) == pytest.approx(theme.score, abs=1e-9)
            assert THEME_STATUSES[bulk.theme_status[row, column]] == theme.status
            assert bulk.theme_earned[row, column] == pytest.approx(theme.earned, abs=1e-9)
            assert bulk.theme_max[row, column] == pytest.approx(theme.max, abs=1e-9)
        codes = np.array(compiled.question_codes)
        assert set(codes[bulk.counted[row]]) == set(single.counted)
        assert set(codes[bulk.missing[row]]) == set(single.missing)


@BULK
@given(st.data())
def test_bulk_scores_equal_single_scores(data):
    pack = data.draw(packs())
    count = data.draw(st.integers(1, 6))
    cases = [(data.draw(profiles), data.draw(answer_sets(pack))) for _ in range(count)]
    assert_same_as_single(pack, cases)


@BULK
@given(st.data())
def test_applicability_matrix_equals_applies(data):
    pack = data.draw(packs())
    group = data.draw(st.lists(profiles, min_size=1, max_size=8))
    # Repeat profiles so that the grouping of identical ones is exercised.
    group = group + group[: len(group) // 2]
    matrix = applicability_matrix(compile_pack(pack), group)
    expected = [[applies(question, profile) for question in pack.questions] for profile in group]
    assert matrix.tolist() == expected


def test_bulk_on_the_hand_computed_assessment():
    assert_same_as_single(PACK, [(SMALL_SERVICES, CASE_A), (Profile(), {}), (SMALL_SERVICES, {})])
    compiled = compile_pack(PACK)
    bulk = score_many(
        compiled,
        applicability_matrix(compiled, [SMALL_SERVICES, Profile()]),
        columns_from_answers(compiled, [CASE_A, {}]),
    )
    assert bulk.overall.tolist() == [71.875, 0.0]
    assert bulk.pillars[0, 1] != bulk.pillars[0, 1]  # NaN: ENV has no score


def test_columns_from_rows_as_a_database_returns_them():
    compiled = compile_pack(PACK)
    columns = columns_from_rows(
        compiled,
        assessment=[0, 0, 1, 1],
        question_codes=["EMP-01", "EMP-02", "EMP-01", "WAT-01"],
        level_codes=[["c", "a"], [], ("b",), ()],
        values=[None, 12.5, None, None],
        na=[False, False, False, True],
    )
    # EMP-01 levels are a, b, c, none: bits 0, 1, 2, 3.
    assert columns.levels.tolist() == [0b101, 0, 0b010, 0]
    assert columns.question.tolist() == [
        compiled.question_index[code] for code in ("EMP-01", "EMP-02", "EMP-01", "WAT-01")
    ]
    assert np.isnan(columns.value[[0, 2, 3]]).all() and columns.value[1] == 12.5
    assert columns.na.tolist() == [False, False, False, True]


def test_no_answers_at_all():
    compiled = compile_pack(PACK)
    columns = columns_from_answers(compiled, [{}, {"NOT-IN-PACK": Answer.of("x")}])
    assert len(columns.question) == 0
    bulk = score_many(compiled, applicability_matrix(compiled, [Profile(), Profile()]), columns)
    assert bulk.overall.tolist() == [0.0, 0.0]
