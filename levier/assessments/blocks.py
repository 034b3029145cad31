"""What a theme page shows for each question: its answer, state and progress."""

from dataclasses import dataclass, field

from levier.assessments.answer_forms import display_value
from levier.assessments.models import Answer, Assessment
from levier.assessments.services import AnswerInput
from levier.engine.packs import TEXT, Question, Theme
from levier.engine.scoring import Result


@dataclass
class QuestionBlock:
    question: Question
    answer: Answer | None
    visible: bool
    read_only: bool
    given: AnswerInput | None = None  # what was typed, when it was not saved
    raw_value: str | None = None
    error: str | None = None
    conflict: Answer | None = None
    evidence: list = field(default_factory=list)

    @property
    def code(self) -> str:
        return self.question.code

    @property
    def shown(self) -> AnswerInput:
        if self.given is not None:
            return self.given
        if self.answer is None:
            return AnswerInput()
        return AnswerInput(
            levels=tuple(self.answer.levels),
            value=self.answer.value,
            text=self.answer.text,
            not_applicable=self.answer.not_applicable,
            comment=self.answer.comment,
        )

    @property
    def selected(self) -> set[str]:
        return set(self.shown.levels)

    @property
    def value_text(self) -> str:
        if self.raw_value is not None:
            return self.raw_value
        return display_value(self.question, self.shown.value)

    @property
    def version(self) -> int:
        return self.answer.version if self.answer else 0

    @property
    def is_answered(self) -> bool:
        return self.answer is not None and not self.answer.is_empty


@dataclass(frozen=True)
class Progress:
    answered: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.answered / self.total) if self.total else 100

    @property
    def complete(self) -> bool:
        return self.answered >= self.total


def counts_for_progress(question: Question) -> bool:
    # Written answers are welcome but optional: they never hold progress back.
    return question.type != TEXT


def theme_progress(theme: Theme, result: Result, answers: dict[str, Answer]) -> Progress:
    themed = result.themes[theme.code]
    out = set(themed.hidden) | set(themed.excluded)
    expected = [q for q in theme.questions if q.code not in out and counts_for_progress(q)]
    answered = sum(1 for q in expected if _settled(answers.get(q.code)))
    return Progress(answered, len(expected))


def _settled(stored: Answer | None) -> bool:
    """Answered, and not merely carried over from the previous assessment."""
    return stored is not None and not stored.is_empty and not stored.to_confirm


@dataclass(frozen=True)
class Scope:
    """How the framework's questions split for one organisation, so that the
    counts a page shows add up: those left out by its profile, those to
    answer (the progress bars' total), the follow-ups its answers do not open
    and the optional written answers."""

    total: int
    left_out: int
    to_answer: int
    closed_follow_ups: int
    optional: int


def question_scope(themes: list[Theme], result: Result) -> Scope:
    to_answer = closed = optional = left_out = 0
    for theme in themes:
        themed = result.themes[theme.code]
        excluded, hidden = set(themed.excluded), set(themed.hidden)
        for question in theme.questions:
            if question.code in excluded:
                left_out += 1
            elif question.code in hidden:
                closed += 1
            elif counts_for_progress(question):
                to_answer += 1
            else:
                optional += 1
    return Scope(to_answer + closed + optional + left_out, left_out, to_answer, closed, optional)


def overall_progress(progresses) -> Progress:
    progresses = list(progresses)
    return Progress(sum(p.answered for p in progresses), sum(p.total for p in progresses))


def theme_blocks(
    assessment: Assessment,
    theme: Theme,
    result: Result,
    answers: dict[str, Answer],
    read_only: bool,
) -> list[QuestionBlock]:
    themed = result.themes[theme.code]
    excluded, hidden = set(themed.excluded), set(themed.hidden)
    return [
        QuestionBlock(
            question=question,
            answer=answers.get(question.code),
            visible=question.code not in hidden,
            read_only=read_only,
            evidence=list(answers[question.code].evidence.all())
            if question.code in answers
            else [],
        )
        for question in theme.questions
        if question.code not in excluded
    ]


def next_unanswered(
    assessment: Assessment, result: Result, answers: dict[str, Answer], after_theme=None
) -> tuple[str, str] | None:
    """(theme code, question code) of the first question still to answer, starting
    after ``after_theme``'s position when given, wrapping around."""
    themes = list(assessment.pack.themes)
    if after_theme is not None:
        index = next(i for i, t in enumerate(themes) if t.code == after_theme)
        themes = themes[index:] + themes[:index]
    for theme in themes:
        themed = result.themes[theme.code]
        out = set(themed.hidden) | set(themed.excluded)
        for question in theme.questions:
            if question.code in out or not counts_for_progress(question):
                continue
            if not _settled(answers.get(question.code)):
                return theme.code, question.code
    return None
