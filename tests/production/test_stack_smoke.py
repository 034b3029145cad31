"""The production-like stack (two gunicorn masters, one task worker, Redis,
the database) carries a journey across both web processes: a session opened
on one continues on the other, an email asked for on one is sent by the
worker, failed sign-ins on both count against one limit, and every process
logs JSON lines and reports itself healthy.

One test: starting the stack is the cost, each step builds on the last."""

import json
import time

import pytest
import requests

from tests.production.stack import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

ENGLISH = {"Accept-Language": "en"}


def browser() -> requests.Session:
    session = requests.Session()
    session.headers.update(ENGLISH)
    return session


def csrf(session: requests.Session, url: str) -> str:
    """Django's CSRF secret, from the cookie a GET of the form sets."""
    response = session.get(url, timeout=20)
    assert response.status_code == 200, response.text[:500]
    return session.cookies["csrftoken"]


def sign_in(session, web, email, password):
    token = csrf(session, f"{web}/accounts/login/")
    return session.post(
        f"{web}/accounts/login/",
        data={"csrfmiddlewaretoken": token, "login": email, "password": password},
        allow_redirects=False,
        timeout=20,
    )


def wait_for(condition, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def json_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_a_journey_across_two_web_processes_and_a_worker(production_stack):
    stack = production_stack
    a, b = stack.web

    # Both web processes and the worker are healthy, and they are distinct processes.
    for web in (a, b):
        health = requests.get(f"{web}/healthz", timeout=20)
        assert health.status_code == 200, health.text
        assert {c["status"] for c in health.json()["components"].values()} == {"ok"}
    assert stack.processes["web-a"].popen.pid != stack.processes["web-b"].popen.pid

    # Signed in on A, the session continues on B: sessions are shared, in Redis.
    member = browser()
    signed_in = sign_in(member, a, stack.email, PASSWORD)
    assert signed_in.status_code == 302, signed_in.text[:500]
    home = member.get(f"{b}/", timeout=20)
    assert home.status_code == 200
    assert stack.organisation in home.text
    session_key = member.cookies["sessionid"]
    cached = f"{stack.cache_prefix}:1:django.contrib.sessions.cached_db{session_key}"
    assert stack.redis().exists(cached)

    # A password reset asked on B is queued, and the worker sends it.
    visitor = browser()
    token = csrf(visitor, f"{b}/accounts/password/reset/")
    asked = visitor.post(
        f"{b}/accounts/password/reset/",
        data={"csrfmiddlewaretoken": token, "email": stack.email},
        allow_redirects=False,
        timeout=20,
    )
    assert asked.status_code == 302, asked.text[:500]
    worker = stack.processes["worker"]
    assert wait_for(lambda: f"To: {stack.email}" in worker.output()), stack.logs()

    # Failed sign-ins count against one limit whichever process answers them:
    # five (SIGN_IN_FAILURES) alternately on A and B, then the sixth is refused.
    intruder = browser()
    for attempt in range(5):
        failed = sign_in(intruder, (a, b)[attempt % 2], stack.email, "wrong password")
        assert failed.status_code == 200, (attempt, failed.status_code)
    refused = sign_in(intruder, b, stack.email, "wrong password")
    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) > 0
    assert sign_in(intruder, a, stack.email, PASSWORD).status_code == 429

    # Each web process logged its own requests as JSON lines.
    lines_a = json_lines(stack.processes["web-a"].errors())
    lines_b = json_lines(stack.processes["web-b"].errors())
    requests_a = {(e["method"], e["path"], e["status"]) for e in lines_a if "path" in e}
    requests_b = {(e["method"], e["path"], e["status"]) for e in lines_b if "path" in e}
    assert ("POST", "/accounts/login/", 302) in requests_a
    assert ("GET", "/", 200) in requests_b
    assert ("POST", "/accounts/password/reset/", 302) in requests_b
    assert ("GET", "/", 200) not in requests_a
