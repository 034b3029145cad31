"""What the practices, events and network operations share: the bound of an
object id in a path, the token's network, and the choices of the filters
they have in common with the web pages."""

from typing import Literal

from levier.accounts.models import SizeBand
from levier.accounts.naf import SECTION_TITLES_EN
from levier.accounts.regions import Region

# An id as the web's typed URL parameters accept it (18 digits at most): a
# larger number is invalid input, not a database overflow.
MAX_ID = 10**18 - 1

SizeBandCode = Literal[tuple(SizeBand.values)]  # type: ignore[valid-type]
SectorCode = Literal[tuple(SECTION_TITLES_EN)]  # type: ignore[valid-type]
RegionCode = Literal[tuple(Region.values)]  # type: ignore[valid-type]


def token_network_id(request) -> int | None:
    """The network of the request's token: its own for a network's token,
    its organisation's for an organisation's."""
    token = request.auth
    if token.network_id is not None:
        return token.network_id
    return request.scope.org_networks.get(token.organisation_id)
