"""Browser tests fail when the browser refuses anything under the Content
Security Policy, whichever page or tab it happened in."""

import pytest
from django.core.cache import caches
from django.core.cache.backends.db import BaseDatabaseCache


def csp_violations(messages: list[str]) -> list[str]:
    """Chromium words it "Refused to execute inline script because it violates
    the following Content Security Policy directive..." or, in recent
    versions, "Applying inline style violates the following Content Security
    Policy directive...": either way, it says so."""
    return [text for text in messages if "Refused to" in text or "Content Security Policy" in text]


@pytest.fixture(autouse=True)
def _no_csp_violation(request, monkeypatch):
    """Listen to every browser context the test opens (the `page` fixture's
    and those made with browser.new_context()), then fail on any violation
    the browser printed on the console, where Chromium reports them."""
    if "page" not in request.fixturenames and "browser" not in request.fixturenames:
        yield
        return
    browser = request.getfixturevalue("browser")
    messages: list[str] = []
    new_context = browser.new_context

    def listening_context(*args, **kwargs):
        context = new_context(*args, **kwargs)
        context.on("console", lambda message: messages.append(message.text))
        context.on("weberror", lambda error: messages.append(str(error.error)))
        return context

    monkeypatch.setattr(browser, "new_context", listening_context)
    yield messages
    violations = csp_violations(messages)
    if violations:
        pytest.fail("The browser reported CSP violations:\n" + "\n".join(violations))


@pytest.fixture(autouse=True)
def _fresh_rate_limit_counters(request):
    """Browser tests commit to the database, cache table included: rate-limit
    counters left by one test must not throttle the next."""
    if "live_server" not in request.fixturenames:
        yield
        return
    request.getfixturevalue("transactional_db")
    cache = caches["default"]
    # Only the test database's table: clearing a Redis would flush all of it.
    if isinstance(cache, BaseDatabaseCache):
        cache.clear()
    yield
