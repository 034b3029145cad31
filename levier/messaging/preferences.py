"""What a person wants from the mail Levier sends them, asked by any code
that sends non-essential mail.

``wants_news(user)``: False once the person said "no news by email" (from
their account page or an unsubscribe link). Essential mail (registrations,
invitations, password resets) never asks: it is always sent.

These read the preference of whoever the mail is for, whatever the scope of
the request or task sending it (an animator sends to members): the rows are
read without the "own" rule, and only the two answers leave this module.
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils.crypto import constant_time_compare

from levier.messaging.models import Preference

UNSUBSCRIBE_SALT = "levier.messaging.unsubscribe"


def _preference(user) -> Preference | None:
    if user is None or user.pk is None:
        return None
    return Preference._base_manager.filter(user_id=user.pk).first()


def wants_news(user) -> bool:
    """Whether non-essential news may be emailed to ``user``."""
    if user is None or not user.is_active or getattr(user, "closed_at", None):
        return False
    preference = _preference(user)
    return preference.news if preference else True


def news_refusers(user_ids) -> set[int]:
    """Among ``user_ids``, those who want no news by email (one query)."""
    return set(
        Preference._base_manager.filter(user_id__in=list(user_ids), news=False).values_list(
            "user_id", flat=True
        )
    )


def languages(user_ids) -> dict[int, str]:
    """The language each person chose for their emails (one query); absent
    for those who chose none."""
    return dict(
        Preference._base_manager.filter(user_id__in=list(user_ids))
        .exclude(language="")
        .values_list("user_id", "language")
    )


def language_of(user) -> str:
    """The language to write to ``user`` in: theirs if they chose one, else
    the site's (French)."""
    preference = _preference(user)
    return (preference.language if preference else "") or settings.LANGUAGE_CODE


def set_news(user, wanted: bool) -> Preference:
    preference, _created = Preference._base_manager.get_or_create(user=user)
    if preference.news != wanted:
        preference.news = wanted
        preference.save(update_fields=["news", "updated_at"])
    return preference


# The unsubscribe link: a signature of the person's id, with no expiry (an
# old newsletter's link must still work) and no sign-in needed.

_signer = signing.Signer(salt=UNSUBSCRIBE_SALT, sep=".")


def unsubscribe_token(user) -> str:
    return _signer.sign(str(user.pk))


def user_id_of(token: str) -> int | None:
    """The person an unsubscribe token stands for; None for a forged one."""
    try:
        value = _signer.unsign(token)
    except signing.BadSignature:
        return None
    if not value.isdigit() or not constant_time_compare(_signer.sign(value), token):
        return None
    return int(value)


def unsubscribe_url(user) -> str:
    return settings.SITE_URL + reverse("unsubscribe", args=[unsubscribe_token(user)])


def mark_as_news(message, user) -> str:
    """Make ``message`` (to ``user``) non-essential mail: mail programs offer
    a one-click unsubscribe (RFC 2369, RFC 8058). Returns the link, for the
    email's footer: the same page stops every kind of news."""
    url = unsubscribe_url(user)
    message.extra_headers["List-Unsubscribe"] = f"<{url}>"
    message.extra_headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    return url
