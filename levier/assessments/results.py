"""Everything the results page, the PDF and the spreadsheet show, computed once."""

from dataclasses import dataclass

from django.utils.translation import get_language

from levier.assessments import services
from levier.assessments.models import Answer, Assessment, ScoreLine
from levier.engine.impact import QuestionImpact, biggest_gaps, question_impacts
from levier.engine.packs import Pillar, Question, Theme
from levier.engine.scoring import Result


@dataclass(frozen=True)
class Row:
    """A pillar or theme with its score and, when known, the previous one."""

    code: str
    title: str
    score: float | None
    status: str
    previous: float | None

    @property
    def change(self) -> float | None:
        if self.score is None or self.previous is None:
            return None
        return self.score - self.previous


@dataclass(frozen=True)
class QuestionLine:
    question: Question
    theme: Theme
    impact: QuestionImpact


@dataclass(frozen=True)
class Results:
    assessment: Assessment
    result: Result
    overall: float | None
    previous: Assessment | None
    previous_overall: float | None
    pillars: list[Row]
    themes: list[Row]
    strengths: list[QuestionLine]
    gaps: list[QuestionLine]
    missing: list[Question]
    trajectory: list[tuple[str, float | None]]
    answers: dict[str, Answer]

    @property
    def previous_version(self) -> str | None:
        """The previous assessment's version of the framework when it is another
        one: its scores came from other questions, which the page says."""
        previous = self.previous
        if (
            previous is None
            or previous.framework_version_id == self.assessment.framework_version_id
        ):
            return None
        return previous.framework_version.version

    @property
    def overall_change(self) -> float | None:
        if self.overall is None or self.previous_overall is None:
            return None
        return self.overall - self.previous_overall


def _previous(assessment: Assessment) -> Assessment | None:
    """The organisation's last submitted assessment of the same framework before this one."""
    return (
        Assessment.objects.filter(
            organisation_id=assessment.organisation_id,
            framework_version__framework_id=assessment.framework_version.framework_id,
            status=Assessment.Status.SUBMITTED,
            created_at__lt=assessment.created_at,
        )
        .exclude(pk=assessment.pk)
        .select_related("framework_version")
        .order_by("-created_at")
        .first()
    )


def _trajectory(assessment: Assessment, overall: float | None) -> list[tuple[str, float | None]]:
    """Overall scores of the framework's submitted assessments, oldest first."""
    snapshots = (
        Assessment.objects.filter(
            organisation_id=assessment.organisation_id,
            framework_version__framework_id=assessment.framework_version.framework_id,
            snapshots__is_current=True,
        )
        .exclude(pk=assessment.pk)
        .order_by("created_at")
        .values_list("period", "snapshots__overall")
    )
    points = list(snapshots)
    points.append((assessment.period, overall))
    return points


def _title(item: Pillar | Theme) -> str:
    return item.title.get(get_language() or "fr")


def _stored_gains(assessment: Assessment, result: Result) -> dict[str, float] | None:
    """The gains stored at submission (the current snapshot's question lines, the
    same definition, kept exact by `rescore`), when they cover exactly the questions
    counted now; None otherwise (a draft, or a snapshot from before the lines)."""
    if assessment.status != Assessment.Status.SUBMITTED:
        return None
    stored = dict(
        ScoreLine.objects.filter(
            snapshot__assessment=assessment,
            snapshot__is_current=True,
            level=ScoreLine.Level.QUESTION,
        ).values_list("code", "lost")
    )
    if stored.keys() != result.questions.keys() or None in stored.values():
        return None
    return stored


def build(assessment: Assessment) -> Results:
    answers = services.stored_answers(assessment)
    result = services.score(assessment, answers)
    pack = assessment.pack
    previous = _previous(assessment)
    previous_lines: dict[tuple[str, str], float | None] = {}
    previous_overall = None
    if previous is not None:
        snapshot = previous.snapshots.filter(is_current=True).first()
        if snapshot is not None:
            previous_overall = snapshot.overall
            previous_lines = {(line.level, line.code): line.score for line in snapshot.lines.all()}
    pillars = [
        Row(
            pillar.code,
            _title(pillar),
            result.pillars[pillar.code],
            "scored" if result.pillars[pillar.code] is not None else "not_applicable",
            previous_lines.get((ScoreLine.Level.PILLAR, pillar.code)),
        )
        for pillar in pack.pillars
    ]
    themes = [
        Row(
            theme.code,
            _title(theme),
            result.themes[theme.code].score,
            result.themes[theme.code].status,
            previous_lines.get((ScoreLine.Level.THEME, theme.code)),
        )
        for theme in pack.themes
    ]

    def line(impact: QuestionImpact) -> QuestionLine:
        question = pack.question(impact.code)
        return QuestionLine(question, pack.theme(question.theme_code), impact)

    # A submitted assessment's gains were stored with its snapshot: pricing every
    # better path again was most of the engine's time on this page.
    impacts = question_impacts(
        pack,
        assessment.profile,
        services.engine_answers(answers),
        result,
        gains=_stored_gains(assessment, result),
    )
    full_marks = sorted(
        (i for i in impacts if i.earned > 0 and i.to_win <= 1e-9), key=lambda i: -i.earned
    )
    return Results(
        assessment=assessment,
        result=result,
        overall=result.overall,
        previous=previous,
        previous_overall=previous_overall,
        pillars=pillars,
        themes=themes,
        strengths=[line(i) for i in full_marks[:5]],
        gaps=[line(i) for i in biggest_gaps(impacts, limit=10)],
        missing=[pack.question(code) for code in result.missing],
        trajectory=_trajectory(assessment, result.overall),
        answers=answers,
    )
