"""Creating and revoking API tokens, and what a token may be given."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from levier.api.models import ApiToken

# Areas a token may be given, by the kind of owner. Each area has a read and
# a write right ("plans:read", "plans:write").
ORGANISATION_AREAS = {
    "profile": _("Organisation profile"),
    "assessments": _("Assessments, answers and scores"),
    "plans": _("Action plan"),
    "practices": _("Practice library"),
    "events": _("Events and registrations"),
    "carbon": _("Carbon footprint"),
    "vsme": _("VSME report"),
}
NETWORK_AREAS = {
    "network": _("Members and dashboard figures"),
    "practices": _("Practice library"),
    "events": _("Events and registrations"),
}
RIGHTS = ("read", "write")


def areas_for(owner_is_network: bool) -> dict:
    return NETWORK_AREAS if owner_is_network else ORGANISATION_AREAS


def valid_scopes(scopes, owner_is_network: bool) -> list[str]:
    """The given scopes that exist for this kind of owner, in a stable order;
    a write right brings the read right of its area."""
    areas = areas_for(owner_is_network)
    wanted = set(scopes)
    for scope in list(wanted):
        area, _colon, right = scope.partition(":")
        if right == "write":
            wanted.add(f"{area}:read")
    return [f"{a}:{r}" for a in areas for r in RIGHTS if f"{a}:{r}" in wanted]


def create_token(
    *, name, scopes, created_by, organisation=None, network=None, expires_at=None
) -> tuple[ApiToken, str]:
    """A new token and its secret, which is shown once and never kept."""
    token = ApiToken(
        name=name,
        organisation=organisation,
        network=network,
        scopes=valid_scopes(scopes, network is not None),
        expires_at=expires_at,
        created_by=created_by,
    )
    secret = ApiToken.new_secret()
    token.set_secret(secret)
    token.full_clean(exclude=["prefix", "secret_digest"])
    token.save()
    return token, secret


def revoke(token: ApiToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
