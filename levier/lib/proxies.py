"""Who is asking: the client's address, as far as Levier can trust it.

Headers such as X-Forwarded-For are written by whoever sends the request, so
they only say something once a proxy we run has written them. With
``LEVIER_TRUSTED_PROXIES = N`` Levier trusts the last N hops: each of our
proxies appends the address it received the request from, so the N-th entry
from the right is the address that reached our first proxy. With 0 (no proxy)
the headers are ignored and the client is the socket's peer, REMOTE_ADDR.
"""

import ipaddress

from django.conf import settings

# IPv6 hands every subscriber at least a /64; counting per address would let
# one client spread its attempts over billions of addresses.
IPV6_PREFIX = 64


def trusted_proxies() -> int:
    return int(getattr(settings, "LEVIER_TRUSTED_PROXIES", 0) or 0)


def client_ip(request) -> str:
    """The client's IP address (used by django-ratelimit and our own limits)."""
    remote = request.META.get("REMOTE_ADDR", "")
    count = trusted_proxies()
    if count <= 0:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    if not hops:
        # Reached Levier without going through the proxies.
        return remote
    # Fewer hops than proxies: the request skipped some of them, and the first
    # hop is the furthest one we know of.
    candidate = hops[-count] if len(hops) >= count else hops[0]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def client_network(request) -> str:
    """The client's address, widened to its /64 for IPv6: the unit limits count."""
    ip = client_ip(request)
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return ip
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/{IPV6_PREFIX}", strict=False).network_address)
    return ip
