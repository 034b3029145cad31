"""What the token itself is: the first call a new integration makes."""

from datetime import datetime

from ninja import Router, Schema

router = Router(tags=["token"])


class TokenOut(Schema):
    name: str
    organisation: str | None
    network: str | None
    scopes: list[str]
    expires_at: datetime | None


@router.get("/token", response=TokenOut, summary="The token making the call")
def current_token(request):
    token = request.auth
    return {
        "name": token.name,
        "organisation": token.organisation.slug if token.organisation_id else None,
        "network": token.network.slug if token.network_id else None,
        "scopes": token.scopes,
        "expires_at": token.expires_at,
    }
