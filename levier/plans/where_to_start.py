""" "Where to start": the actions that bring the most points for the least effort,
drawn from the good-practice library, one click away from the plan."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from levier.assessments import services as assessments
from levier.assessments.views import get_assessment
from levier.engine import suggestions as engine
from levier.plans import services, suggesting
from levier.plans.forms import member_choices
from levier.plans.models import Action
from levier.practices import gains
from levier.practices.models import Effort
from levier.tenancy.views import org_view

REASONS = {
    "quick_win": gettext_lazy("Little effort for a real gain: a good first step."),
    "biggest_gain": gettext_lazy("One of the questions where you lose the most points."),
    "pillar_balance": gettext_lazy("Keeps your plan balanced across the pillars."),
    "peers_do_it": gettext_lazy("Many organisations of your size already do it."),
    "gain": gettext_lazy("A solid gain for the effort it asks."),
}


def _current_levels(question, stored) -> list:
    """The levels an answer holds today (several for a multiple choice)."""
    if stored is None or stored.not_applicable:
        return []
    if question.is_numeric:
        band = question.band_for(stored.value) if stored.value is not None else None
        return [band] if band is not None else []
    return [level for level in question.levels if level.code in stored.levels]


def _with_gains(cards, network_id, assessment) -> None:
    """The measured gains of the cards' practices in the organisation's network
    and the assessment's framework (one query)."""
    framework = assessment.framework_version.framework.code
    shown = {practice.pk for card in cards for practice, _option in card["practices"][:3]}
    found = gains.figures_for(shown, [network_id]) if shown else {}
    for card in cards:
        card["gains"] = {
            pk: figure
            for pk, figures in found.items()
            for figure in figures
            if figure.framework == framework
        }


@org_view("view_work")
def where_to_start(request, access, pk):
    assessment = get_assessment(access, pk)
    pack = assessment.pack
    current = assessments.stored_answers(assessment)
    found, practices = suggesting.suggestions(assessment, current)
    language = get_language() or "fr"
    pillar = request.GET.get("pillar") or None
    effort = request.GET.get("effort") or None
    cost = request.GET.get("cost") or None
    shown = engine.filter_suggestions(found, pillar=pillar, effort=effort, cost=cost)
    planned = set(
        access.organisation.actions.exclude(status=Action.Status.DROPPED).values_list(
            "question_code", "target_level"
        )
    )

    def card(suggestion):
        question = pack.question(suggestion.question_code)
        code, _params = suggestion.reason
        return {
            "suggestion": suggestion,
            "question": question,
            "theme": pack.theme(question.theme_code),
            "pillar": pack.pillar(question.pillar_code),
            "current": _current_levels(question, current.get(suggestion.question_code)),
            "answered": suggestion.question_code in current,
            "target": question.level(suggestion.target_level),
            "practices": [
                (practices[int(option.practice_id)], option)
                for option in suggestion.practices
                if int(option.practice_id) in practices
            ],
            "reason": REASONS.get(code, ""),
            "planned": (suggestion.question_code, suggestion.target_level) in planned,
        }

    quick_wins = [card(s) for s in engine.quick_wins(found)]
    top = [card(s) for s in engine.balanced_top(shown)]
    _with_gains(quick_wins + top, access.organisation.network_id, assessment)
    return render(
        request,
        "plans/where_to_start.html",
        {
            "access": access,
            "organisation": access.organisation,
            "assessment": assessment,
            "quick_wins": quick_wins,
            "top": top,
            "total": len(found),
            "pillars": [(p.code, p.title.get(language)) for p in pack.pillars],
            "efforts": Effort.choices,
            "members": member_choices(access.organisation),
            "chosen": {"pillar": pillar, "effort": effort, "cost": cost},
        },
    )


@org_view("contribute")
@require_POST
def add_suggestion(request, access, pk):
    assessment = get_assessment(access, pk)
    found, practices = suggesting.suggestions(assessment)
    question_code = request.POST.get("question")
    target = request.POST.get("target")
    chosen = next(
        (s for s in found if s.question_code == question_code and s.target_level == target),
        None,
    )
    if chosen is None:
        raise Http404
    # The member picks among this suggestion's practices only; the first by default.
    offered = [int(option.practice_id) for option in chosen.practices]
    practice_id = request.POST.get("practice", "")
    if practice_id.isdecimal() and int(practice_id) in offered:
        practice = practices.get(int(practice_id))
    else:
        practice = practices.get(offered[0]) if offered else None
    owner_id = request.POST.get("owner", "")
    owner = (
        member_choices(access.organisation).filter(pk=int(owner_id)).first()
        if owner_id.isdecimal()
        else None
    )
    action = services.add_from_suggestion(
        access.organisation, assessment, chosen, practice, request.user, owner=owner
    )
    messages.success(
        request,
        _("“%(title)s” is in your plan, due on %(date)s.")
        % {"title": action.title, "date": date_format(action.due_date, "SHORT_DATE_FORMAT")},
    )
    return redirect(
        reverse("where_to_start", args=[access.organisation.slug, assessment.pk])
        + f"#s-{question_code}"
    )
