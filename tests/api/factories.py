"""API tokens for tests: a real token made by the real service."""

from levier.api.services import create_token


def make_token(owner_admin, *, organisation=None, network=None, scopes=(), **fields):
    """(token, headers) for a token of ``organisation`` or ``network``
    created by ``owner_admin`` (who must be its admin)."""
    token, secret = create_token(
        name=fields.pop("name", "Test token"),
        scopes=list(scopes),
        created_by=owner_admin,
        organisation=organisation,
        network=network,
        **fields,
    )
    return token, {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
