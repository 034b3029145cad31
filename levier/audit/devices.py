"""Sign-ins from new devices.

A browser is recognised by a long-lived signed cookie holding a random id;
each person's known browsers are the hashes of those ids (``KnownDevice``).
A sign-in from a browser the person has not used before writes an entry in
their trail and, when they had signed in from another browser before, emails
them. The first browser of an account (the one that accepted the invitation,
or the first one after this feature arrived) is recorded without an email:
there is nothing yet to compare it with, and a warning on the day one joins
would teach people to ignore it.

The cookie is a security measure, not tracking: it says nothing to anyone
but Levier, only at sign-in, and is kept after signing out (it identifies the
browser, not a session).
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from levier.audit.models import Action, KnownDevice
from levier.audit.services import record, summarise_user_agent
from levier.mailing import services as mailing
from levier.tenancy.scope import acting_as

COOKIE = "levier_device"
SALT = "levier.audit.device"
# Browsers keep a cookie at most 400 days; a year is what we ask for, and
# devices unseen for longer are forgotten (prune_audit).
COOKIE_AGE = timedelta(days=365)
_FLAG = "_levier_signed_in"


def flag_sign_in(request, user) -> None:
    """Called by the ``user_logged_in`` signal: the middleware takes over."""
    setattr(request, _FLAG, user)


def signed_in(request):
    return getattr(request, _FLAG, None)


def _device_id(request) -> str:
    """The id this browser's cookie carries, or a new one. A cookie whose
    signature does not hold is a new browser."""
    value = request.get_signed_cookie(
        COOKIE, default=None, salt=SALT, max_age=COOKIE_AGE.total_seconds()
    )
    if isinstance(value, str) and 16 <= len(value) <= 64:
        return value
    return secrets.token_urlsafe(24)


def _hash(device_id: str) -> str:
    # Only the hash is stored: the table alone cannot forge a known browser.
    return hashlib.sha256(device_id.encode()).hexdigest()


def recognise(request, response, user) -> None:
    """After a sign-in: note the browser, record and tell the person when it
    is new to them, and (re)set its cookie."""
    device_id = _device_id(request)
    now = timezone.now()
    browser = summarise_user_agent(request.META.get("HTTP_USER_AGENT", ""))
    # The person who just signed in, reading their own devices only.
    with acting_as(user), transaction.atomic():
        had_devices = KnownDevice.objects.filter(person=user).exists()
        device, created = KnownDevice.objects.get_or_create(
            person=user,
            device_hash=_hash(device_id),
            defaults={"last_seen": now, "user_agent": browser},
        )
        if created:
            entry = record(Action.NEW_DEVICE_SIGN_IN, actor=user, subject=user, request=request)
            if had_devices:
                _warn(request, user, entry)
        else:
            device.last_seen = now
            device.user_agent = browser
            device.save(update_fields=["last_seen", "user_agent"])
    response.set_signed_cookie(
        COOKIE,
        device_id,
        salt=SALT,
        max_age=int(COOKIE_AGE.total_seconds()),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def _warn(request, user, entry) -> None:
    """The email to the person, queued with the entry (it leaves on commit)."""
    context = {
        "user": user,
        "entry": entry,
        "password_link": request.build_absolute_uri(reverse("account_change_password")),
        "reset_link": request.build_absolute_uri(reverse("account_reset_password")),
        "activity_link": request.build_absolute_uri(reverse("my_activity")),
    }
    message = EmailMessage(
        subject=_("[Levier] A new sign-in to your account"),
        body=render_to_string("audit/email/new_device.txt", context),
        to=[user.email],
    )
    mailing.queue(message, kind="audit.new_device")
