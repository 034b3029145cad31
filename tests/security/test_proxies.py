"""X-Forwarded-For and X-Forwarded-Proto are believed only from the
reverse proxies LEVIER_TRUSTED_PROXIES says are there."""

import json
import os
import subprocess
import sys

import pytest
from allauth.account.adapter import get_adapter
from django.conf import settings as django_settings
from django.test import Client, RequestFactory
from django.urls import reverse

from levier.lib import ratelimits
from levier.lib.proxies import client_ip, client_network
from tests.factories import PASSWORD, make_user
from tests.security.helpers import assert_too_many

PROXY = "10.0.0.1"


def request(forwarded=None, remote=PROXY, **extra):
    headers = {"REMOTE_ADDR": remote, **extra}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **headers)


@pytest.fixture
def proxies(settings):
    def set_count(count):
        settings.LEVIER_TRUSTED_PROXIES = count
        # As levier/settings.py derives them from LEVIER_TRUSTED_PROXIES.
        settings.ALLAUTH_TRUSTED_PROXY_COUNT = count
        settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if count else None

    return set_count


def test_without_proxies_the_client_is_the_peer_whatever_it_claims(proxies):
    proxies(0)
    spoofed = request("1.2.3.4", remote="198.51.100.20", HTTP_X_FORWARDED_PROTO="https")
    assert client_ip(spoofed) == "198.51.100.20"
    assert get_adapter().get_client_ip(spoofed) == "198.51.100.20"
    assert not spoofed.is_secure()


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (1, "203.0.113.7", "203.0.113.7"),
        # Whatever the client wrote comes first; our proxy appended the truth.
        (1, "1.2.3.4, 203.0.113.7", "203.0.113.7"),
        (2, "1.2.3.4, 203.0.113.7, 10.0.0.2", "203.0.113.7"),
        (1, " 2001:db8::1 ", "2001:db8::1"),
    ],
)
def test_behind_proxies_the_client_is_counted_from_the_right(proxies, count, forwarded, expected):
    proxies(count)
    incoming = request(forwarded, HTTP_X_FORWARDED_PROTO="https")
    assert client_ip(incoming) == expected
    # allauth reads the same address for its own limits.
    assert get_adapter().get_client_ip(incoming) == expected
    assert incoming.is_secure()


def test_odd_forwarded_headers_fall_back_on_what_is_known(proxies):
    proxies(2)
    assert client_ip(request()) == PROXY
    assert client_ip(request("203.0.113.7")) == "203.0.113.7"
    assert client_ip(request("not-an-address, 10.0.0.2")) == PROXY


def test_ipv6_clients_are_counted_per_64_block(proxies):
    proxies(0)
    assert client_network(request(remote="2001:db8:1:2:aaaa::1")) == "2001:db8:1:2::"
    assert client_network(request(remote="203.0.113.7")) == "203.0.113.7"


def sign_in(email, password, forwarded):
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded).post(
        reverse("account_login"), {"login": email, "password": password}
    )


@pytest.mark.django_db
def test_behind_a_proxy_a_stranger_does_not_lock_claire_out(proxies):
    proxies(1)
    claire = make_user("claire@example.org")
    allowed = int(ratelimits.SIGN_IN_FAILURES[0].rate.split("/")[0])
    for _ in range(allowed):
        assert sign_in(claire.email, "guess", "203.0.113.7").status_code == 200

    assert_too_many(sign_in(claire.email, PASSWORD, "203.0.113.7"))
    assert sign_in(claire.email, PASSWORD, "198.51.100.20").status_code == 302


@pytest.mark.django_db
def test_without_proxies_a_forged_header_does_not_escape_the_count(proxies):
    proxies(0)
    claire = make_user("claire@example.org")
    allowed = int(ratelimits.SIGN_IN_FAILURES[0].rate.split("/")[0])
    for i in range(allowed):
        assert sign_in(claire.email, "guess", f"192.0.2.{i}").status_code == 200

    assert_too_many(sign_in(claire.email, "guess", "192.0.2.200"))


def settings_with(environment):
    code = (
        "import json, levier.settings as s; print(json.dumps([s.LEVIER_TRUSTED_PROXIES, "
        "s.SECURE_PROXY_SSL_HEADER, s.ALLAUTH_TRUSTED_PROXY_COUNT, s.RATELIMIT_IP_META_KEY]))"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("LEVIER_")}
    env.update(LEVIER_SECRET_KEY="x" * 50, LEVIER_HTTPS="1", **environment)
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_the_setting_is_read_from_the_environment(tmp_path):
    data = {"LEVIER_DATA_DIR": str(tmp_path)}
    assert settings_with(data) == [0, None, 0, "levier.lib.proxies.client_ip"]
    assert settings_with({**data, "LEVIER_TRUSTED_PROXIES": "-1"})[:3] == [0, None, 0]
    assert settings_with({**data, "LEVIER_TRUSTED_PROXIES": "2"}) == [
        2,
        ["HTTP_X_FORWARDED_PROTO", "https"],
        2,
        "levier.lib.proxies.client_ip",
    ]
