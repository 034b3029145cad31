"""Rate limits on what anyone could repeat at will, declared in one table.

Every POST to a view named in ``LIMITS`` counts against each of its limits
(django-ratelimit's fixed windows, counted in the shared cache, so that every
app process sees the same numbers). Past a limit the answer is 429 with
Retry-After and a page saying when to try again; nothing reaches the view.

Sign-in is special: what counts is a *failed* attempt, and the account's
counter is kept per client address. allauth only knows counters per account,
which let anyone lock a person out by typing wrong passwords for them from
anywhere; here a stranger's failures on Claire's account stop the stranger,
not Claire signing in from her own network. A looser limit per address
across accounts stops one client trying many accounts. Both sign-in doors
count: allauth's form and the back office's own login form.

allauth's other limits (sign-in attempts, password resets) answer 429 through
its own code; this middleware adds the Retry-After header they lack.
"""

import math
from dataclasses import dataclass

from allauth.account import app_settings
from django.contrib.auth.signals import user_login_failed
from django.shortcuts import render
from django_ratelimit.core import get_usage

from levier.lib.proxies import client_network

IP = "ip"
USER = "user"
EMAIL = "email"
IP_ACCOUNT = "ip+account"


@dataclass(frozen=True)
class Limit:
    rate: str  # django-ratelimit's notation: "10/h" is 10 an hour, "5/15m" 5 in 15 minutes
    per: str  # IP, USER (the person, or the address when signed out), EMAIL or IP_ACCOUNT
    field: str = "email"  # for EMAIL: the form field holding the address


# View name: limits on its POSTs.
LIMITS: dict[str, tuple[Limit, ...]] = {
    # Each invitation emails the address typed in.
    "invite": (Limit("20/h", USER),),
    # Guests register without an account, and each registration emails the
    # address given: per address too, so that nobody floods someone's inbox.
    "public_event": (Limit("10/h", IP), Limit("3/h", EMAIL)),
    # The commuting survey is answered without an account. A whole office
    # answers from one address, so the limit per address is loose: it stops a
    # script, not a team.
    "carbon_survey_answer": (Limit("60/h", IP),),
    # A training's questionnaire, answered from its emailed link: a room of
    # participants may share one address.
    "training_survey": (Limit("60/h", IP),),
    # A request to join a network emails the address given and the network's staff.
    "join": (Limit("10/h", IP), Limit("3/h", EMAIL, field="contact_email")),
    # A company not yet a member applies to a programme: the same request to join.
    "programme_apply": (Limit("10/h", IP), Limit("3/h", EMAIL, field="contact_email")),
    "practice_propose": (Limit("10/h", USER),),
    # Uploads fill the disk.
    "assessment_evidence_upload": (Limit("60/h", USER),),
    "action_evidence_upload": (Limit("60/h", USER),),
    "practice_import": (Limit("10/h", USER),),
    # A test of a message to members emails the animator each time.
    "campaign_test": (Limit("30/h", USER),),
}

# Sign-in forms: view name and the field that names the account.
SIGN_IN_FORMS = {"account_login": "login", "admin:login": "username"}
SIGN_IN_FAILURES = (Limit("5/15m", IP_ACCOUNT), Limit("20/15m", IP))

# allauth's 429s, by view: the action whose rates (ACCOUNT_RATE_LIMITS) apply.
ALLAUTH_ACTIONS = {
    "account_login": "login",
    "account_reset_password": "reset_password",
    "account_reset_password_from_key": "reset_password_from_key",
    "account_change_password": "change_password",
    "account_set_password": "change_password",
    "account_reauthenticate": "reauthenticate",
    "account_email": "manage_email",
    "account_signup": "signup",
}
DEFAULT_RETRY_AFTER = 60


def _normalised(value) -> str:
    return str(value or "").strip().lower()


def _key(limit: Limit, request, account: str = ""):
    """django-ratelimit's key for this limit, or None when it does not apply."""
    if limit.per == IP:
        return "ip"  # through RATELIMIT_IP_META_KEY: levier.lib.proxies.client_ip
    if limit.per == USER:
        return "user_or_ip"
    if limit.per == EMAIL:
        email = _normalised(request.POST.get(limit.field))
        return (lambda group, request: email) if email else None
    if limit.per == IP_ACCOUNT:
        if not account:
            return None
        value = f"{client_network(request)}|{account}"
        return lambda group, request: value
    raise ValueError(limit.per)


def _usage(request, name: str, limit: Limit, *, increment: bool, account: str = ""):
    key = _key(limit, request, account)
    if key is None:
        return None
    return get_usage(
        request, group=f"levier:{name}:{limit.per}", key=key, rate=limit.rate, increment=increment
    )


def count_sign_in_failure(sender, credentials, request=None, **kwargs):
    """Django sends user_login_failed from authenticate(), whichever form called it."""
    if request is None:
        return
    account = _normalised(credentials.get("email") or credentials.get("username"))
    for limit in SIGN_IN_FAILURES:
        _usage(request, "sign-in", limit, increment=True, account=account)


def too_many_requests(request, retry_after: int):
    retry_after = max(1, int(retry_after))
    response = render(
        request, "429.html", {"retry_after_minutes": math.ceil(retry_after / 60)}, status=429
    )
    response["Retry-After"] = str(retry_after)
    return response


def _seconds(rate: str) -> int:
    """The window of an allauth rate: "20/m/ip" is a minute, "3/2h/key" two hours."""
    parts = rate.strip().split("/")
    duration = parts[1] if len(parts) > 1 else "s"
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    return int(float(duration[:-1] or 1) * units.get(duration[-1], 1))


def allauth_retry_after(view_name: str) -> int:
    """The longest window among the action's rates: by then a new attempt passes."""
    rates = app_settings.RATE_LIMITS.get(ALLAUTH_ACTIONS.get(view_name, ""))
    windows = [_seconds(rate) for rate in (rates or "").split(",") if rate.strip()]
    return max(windows, default=DEFAULT_RETRY_AFTER)


class RateLimitMiddleware:
    """Place after AuthenticationMiddleware: per-person limits need request.user."""

    def __init__(self, get_response):
        self.get_response = get_response
        user_login_failed.connect(count_sign_in_failure, dispatch_uid=__name__)

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 429 and not response.has_header("Retry-After"):
            match = getattr(request, "resolver_match", None)
            response["Retry-After"] = str(allauth_retry_after(match.view_name if match else ""))
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method != "POST":
            return None
        name = request.resolver_match.view_name
        waits = []
        for limit in LIMITS.get(name, ()):
            usage = _usage(request, name, limit, increment=True)
            if usage and usage["should_limit"]:
                waits.append(usage["time_left"])
        if name in SIGN_IN_FORMS:
            account = _normalised(request.POST.get(SIGN_IN_FORMS[name]))
            for limit in SIGN_IN_FAILURES:
                # Failures are counted when they happen; here they are only read.
                usage = _usage(request, "sign-in", limit, increment=False, account=account)
                if usage and usage["count"] >= usage["limit"]:
                    waits.append(usage["time_left"])
        if waits:
            return too_many_requests(request, max(waits))
        return None
