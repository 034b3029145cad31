"""Emails about assessments: a colleague told of the themes they now answer."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from levier.mailing import services as mailing


def new_assignments(before: set[tuple[str, int]], after: set[tuple[str, int]], by_user_id):
    """The (theme code, user id) pairs assigned now and not before, leaving out
    the person who assigns: nobody needs an email about their own choice."""
    return sorted(pair for pair in after - before if pair[1] != by_user_id)


def tell_assignees(assessment, pairs, users_by_id, assigned_by) -> int:
    """One email per colleague and newly assigned theme; returns how many.

    Queued in the outbox, so it leaves only once the assignment is committed.
    """
    pack = assessment.pack
    organisation = assessment.organisation
    with translation.override(settings.LANGUAGE_CODE):
        lang = translation.get_language()
        for theme_code, user_id in pairs:
            user = users_by_id[user_id]
            theme_title = pack.theme(theme_code).title.get(lang)
            context = {
                "user": user,
                "assigned_by": assigned_by,
                "theme": theme_title,
                "assessment": assessment,
                "organisation": organisation,
                "link": settings.SITE_URL
                + reverse("assessment_theme", args=[organisation.slug, assessment.pk, theme_code]),
            }
            message = EmailMessage(
                subject=_("[Levier] A theme to answer: %(theme)s") % {"theme": theme_title},
                body=render_to_string("assessments/email/theme_assigned.txt", context),
                to=[user.email],
            )
            mailing.queue(message, kind="assessments.theme_assigned")
    return len(pairs)
