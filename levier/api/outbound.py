"""Calls Levier makes to addresses its users give (webhooks), kept away from
private networks.

An address a user types could point at Levier's own machine or at the
hosting network behind it (a cloud's metadata service, a database port):
Levier must not become a way in. Every address is resolved and refused when
any of its IP addresses is not a public one (private, loopback, link-local,
shared, reserved, multicast), when the subscription is made and again at
each delivery; the connection then goes to the very address that was
checked, so a name that resolves differently a second later (DNS rebinding)
gains nothing. Redirects are not followed. ``settings.WEBHOOK_ALLOW_PRIVATE``
(default: ``DEBUG``) lifts the rule for development and tests.
"""

import hashlib
import hmac
import http.client
import ipaddress
import socket
import ssl
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

TIMEOUT = 5  # seconds: a webhook receiver answers at once and works later


class UnsafeURL(Exception):
    """Raised with a message the admin can read."""


def allow_private() -> bool:
    return bool(getattr(settings, "WEBHOOK_ALLOW_PRIVATE", settings.DEBUG))


def is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if ip.version == 6 and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def check_url(url: str) -> tuple[str, int, str]:
    """(host, port, address to connect to) for ``url``, or ``UnsafeURL``."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UnsafeURL(_("Give a full address starting with https://."))
    if parts.scheme != "https" and not allow_private():
        raise UnsafeURL(_("Use an https:// address: deliveries travel encrypted."))
    if parts.username or parts.password:
        raise UnsafeURL(_("Leave the user name and password out of the address."))
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as error:
        raise UnsafeURL(_("The port of this address is not valid.")) from error
    try:
        infos = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as error:
        raise UnsafeURL(_("This address cannot be found: check its spelling.")) from error
    addresses = [info[4][0] for info in infos]
    if not addresses:
        raise UnsafeURL(_("This address cannot be found: check its spelling."))
    if not allow_private() and not all(is_public(address) for address in addresses):
        raise UnsafeURL(
            _(
                "This address leads to a private network. Levier sends webhooks "
                "to addresses on the public internet only."
            )
        )
    return parts.hostname, port, addresses[0]


def signature(secret: str, timestamp: str, body: bytes) -> str:
    """The value of ``X-Levier-Signature``: HMAC-SHA256 of the timestamp, a
    dot, then the raw body. Signing the timestamp lets a receiver refuse an
    old delivery replayed by whoever captured it."""
    signed = timestamp.encode() + b"." + body
    return "sha256=" + hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()


class _PinnedHTTP(http.client.HTTPConnection):
    """Connects to the checked address, whatever the name resolves to now."""

    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self):
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self.address = address

    def connect(self):
        sock = socket.create_connection((self.address, self.port), self.timeout)
        # The certificate is checked against the name, not the address.
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def post(url: str, body: bytes, headers: dict, timeout: float = TIMEOUT) -> int:
    """POST ``body`` to ``url``; the response's status code. Raises
    ``UnsafeURL`` for an address outside the public internet, ``OSError``
    or ``http.client.HTTPException`` when the receiver cannot be reached."""
    host, port, address = check_url(url)
    parts = urlsplit(url)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    kind = _PinnedHTTPS if parts.scheme == "https" else _PinnedHTTP
    connection = kind(host, port, address, timeout)
    try:
        connection.request("POST", path, body=body, headers=headers)
        response = connection.getresponse()
        response.read(65536)  # what a receiver says is not kept
        return response.status
    finally:
        connection.close()
