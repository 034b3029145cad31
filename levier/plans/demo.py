"""Demo action plans: drawn from each organisation's first assessment, some done
and confirmed by the next one, some late, so every view of the plan has content."""

from datetime import datetime, timedelta

from django.utils import timezone

from levier.assessments.models import Assessment
from levier.engine import suggestions as engine
from levier.plans import services, suggesting
from levier.plans.forms import member_choices
from levier.plans.models import Action, ActionUpdate
from levier.tenancy.scope import acting_as

PLAN_SIZE = 6


def build(network) -> None:
    """A plan for every organisation with a submitted assessment, except the first
    one (Atelier Boisvert), whose plan is the visitor's to build."""
    organisations = list(network.organisations.order_by("pk"))
    for index, organisation in enumerate(organisations[1:], start=1):
        first = (
            organisation.assessments.filter(status=Assessment.Status.SUBMITTED)
            .order_by("submitted_at")
            .first()
        )
        if first is None or index % 3 == 2:
            continue  # some members have not made a plan yet
        _plan(organisation, first, index)


def _plan(organisation, assessment, index) -> None:
    members = list(member_choices(organisation))
    author = assessment.submitted_by
    with acting_as(author):  # the practices its author would be offered
        found, practices = suggesting.suggestions(assessment)
    chosen = engine.balanced_top(found, limit=PLAN_SIZE)
    actions = []
    for position, suggestion in enumerate(chosen):
        practice = None
        if suggestion.practices:
            practice = practices.get(int(suggestion.practices[0].practice_id))
        owner = members[(index + position) % len(members)]
        actions.append(
            services.add_from_suggestion(
                organisation, assessment, suggestion, practice, author, owner=owner
            )
        )
    realised = services.realised_gains(organisation, actions)
    today = timezone.localdate()
    started = assessment.submitted_at + timedelta(days=7)
    for position, action in enumerate(actions):
        if realised.get(action.pk):
            status = Action.Status.DONE
            due = (started + timedelta(days=60 + 30 * position)).date()
        else:
            status = [Action.Status.IN_PROGRESS, Action.Status.TODO][position % 2]
            # One late action in every other plan: the overdue views need one.
            late = position == len(actions) - 1 and index % 2 == 0
            due = today - timedelta(days=12) if late else today + timedelta(days=5 + 20 * position)
        Action.objects.filter(pk=action.pk).update(
            status=status,
            due_date=due,
            created_at=started,
            completed_at=_at(due) if status == Action.Status.DONE else None,
        )
        ActionUpdate.objects.filter(action=action).update(created_at=started)


def _at(day) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, 17))
