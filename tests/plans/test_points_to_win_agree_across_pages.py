"""The results page, where-to-start and the stored score line give the same gain for a
question whose better answer reveals follow-ups (ENV-CLI-01 reveals ENV-CLI-02/03)."""

import pytest
from django.urls import reverse

from levier.assessments import services as assessments
from levier.assessments.models import ScoreLine
from levier.engine.scoring import score
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db
PARENT, BEST = "ENV-CLI-01", "tracked"


def test_one_figure_for_a_question_with_follow_ups(client, submitted, admin, network):
    practice = make_practice(network, title="Bilan carbone suivi", effort="low", cost="none")
    practice.links.create(framework="levier-360", question_code=PARENT, level_code=BEST)
    client.force_login(admin)
    args = [submitted.organisation.slug, submitted.pk]

    start = client.get(
        reverse("where_to_start", args=args), {"pillar": "ENV"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    results = client.get(reverse("assessment_results", args=args), HTTP_ACCEPT_LANGUAGE="en")

    card = next(c for c in start.context["top"] if c["question"].code == PARENT)
    suggestion = card["suggestion"]
    assert suggestion.target_level == BEST
    # The follow-ups the best level reveals that are worth points (ENV-CLI-02, 03
    # and, from v2, ENV-CLI-10; ENV-CLI-09's total is recorded, worth none).
    revealed = {
        q.code
        for q in submitted.pack.questions
        if q.condition is not None
        and q.condition.question == PARENT
        and BEST in (q.condition.any_of or ())
        and q.max_points > 0
    }
    assert {"ENV-CLI-02", "ENV-CLI-03"} <= revealed
    assert {code for code, _ in suggestion.follow_ups} == revealed
    gap = next(line for line in results.context["results"].gaps if line.question.code == PARENT)
    assert gap.impact.to_win == pytest.approx(suggestion.gain.overall, abs=1e-9)
    stored = ScoreLine.objects.get(
        snapshot__assessment=submitted, level=ScoreLine.Level.QUESTION, code=PARENT
    )
    assert stored.lost == pytest.approx(suggestion.gain.overall, abs=1e-9)
    # The figure is the rescoring of the path, follow-ups answered at their best.
    answers = assessments.engine_answers(assessments.stored_answers(submitted))
    path = {**answers, PARENT: suggestion.target_answer, **dict(suggestion.follow_ups)}
    direct = (
        score(submitted.pack, submitted.profile, path).overall
        - score(submitted.pack, submitted.profile, answers).overall
    )
    assert suggestion.gain.overall == pytest.approx(direct, abs=1e-9)
    shown = f"+{direct:.1f}"
    assert shown in start.content.decode()
    assert shown in results.content.decode()
