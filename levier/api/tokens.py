"""Which token an API request carries, checked once per request."""

from django.utils import timezone

from levier.accounts.models import Membership, NetworkRole, OrgRole
from levier.api.models import ApiToken, digest
from levier.tenancy.scope import system

API_PREFIX = "/api/"
_UNSET = object()


def bearer(request) -> str | None:
    header = request.headers.get("Authorization", "")
    kind, _space, secret = header.partition(" ")
    if kind.lower() != "bearer" or not secret.strip():
        return None
    return secret.strip()


def check(secret: str) -> ApiToken | None:
    """The active token with this secret, or None. A token works only while
    its creator is an active admin of its organisation or network: whoever
    loses the role takes their tokens' rights with them."""
    with system():
        token = (
            ApiToken.objects.select_related("created_by")
            .filter(secret_digest=digest(secret))
            .first()
        )
        if token is None or not token.is_active():
            return None
        creator = token.created_by
        if creator is None or not creator.is_active or getattr(creator, "closed_at", None):
            return None
        if token.organisation_id is not None:
            still_admin = Membership._base_manager.filter(
                user=creator, organisation_id=token.organisation_id, role=OrgRole.ADMIN
            ).exists()
        else:
            still_admin = NetworkRole._base_manager.filter(
                user=creator, network_id=token.network_id, role=NetworkRole.Role.NETWORK_ADMIN
            ).exists()
        return token if still_admin else None


def token_of(request) -> ApiToken | None:
    """The request's valid token, looked up once and kept on the request."""
    found = getattr(request, "_api_token", _UNSET)
    if found is _UNSET:
        secret = bearer(request)
        found = check(secret) if secret else None
        request._api_token = found
    return found


def touch(token: ApiToken) -> None:
    """Record the token's last use, at most once a minute (one write per
    call would make every read a write)."""
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() >= 60:
        with system():
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
