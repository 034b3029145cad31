"""Weekday digests for action owners: what is due within 7 days, what is late."""

from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from levier.mailing import services as mailing
from levier.messaging import preferences
from levier.plans.models import Action
from levier.tenancy.scope import system

DAYS_AHEAD = 7


@task()
def send_action_digests() -> int:
    """One email per owner with open actions due soon or overdue; returns how many."""
    with system():
        today = timezone.localdate()
        horizon = today + timedelta(days=DAYS_AHEAD)
        actions = (
            Action.objects.filter(
                status__in=[Action.Status.TODO, Action.Status.IN_PROGRESS],
                owner__is_active=True,
                owner__closed_at__isnull=True,
                due_date__lte=horizon,
            )
            .select_related("owner", "organisation")
            .order_by("due_date", "pk")
        )
        by_owner = defaultdict(list)
        for action in actions:
            by_owner[action.owner].append(action)
        # A digest is not essential mail: whoever said "no news by email" is
        # not sent one (their plan's pages still show what is due).
        refusers = preferences.news_refusers(owner.pk for owner in by_owner)
        by_owner = {owner: owned for owner, owned in by_owner.items() if owner.pk not in refusers}
        for owner, owned in by_owner.items():
            with translation.override(settings.LANGUAGE_CODE):
                context = {
                    "owner": owner,
                    "overdue": [a for a in owned if a.due_date < today],
                    "soon": [a for a in owned if a.due_date >= today],
                    "links": {
                        a.pk: settings.SITE_URL
                        + reverse("action_detail", args=[a.organisation.slug, a.pk])
                        for a in owned
                    },
                    "unsubscribe_url": preferences.unsubscribe_url(owner),
                }
                message = EmailMessage(
                    subject=_("[Levier] Your actions: %(count)s to follow up")
                    % {"count": len(owned)},
                    body=render_to_string("plans/email/digest.txt", context),
                    to=[owner.email],
                )
                preferences.mark_as_news(message, owner)
                mailing.queue(message, kind="plans.digest")
        return len(by_owner)
