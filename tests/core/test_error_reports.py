"""Error reports go to Sentry only when SENTRY_DSN is set; otherwise the
SDK is not even imported. Each case in a process of its own, as a
deployment starts: settings are read once."""

from tests.core.own_process import run_snippet

DESCRIBE_SENTRY = """
import json, sys, django
django.setup()
import levier.urls  # the whole application loaded, as in a web process
if "sentry_sdk" not in sys.modules:
    print(json.dumps({"imported": False}))
else:
    import sentry_sdk
    client = sentry_sdk.get_client()
    print(json.dumps({
        "imported": True,
        "active": client.is_active(),
        "dsn": client.options["dsn"],
        "send_default_pii": client.options["send_default_pii"],
        "environment": client.options["environment"],
        "release": client.options["release"],
        "integrations": sorted(client.integrations),
    }))
"""


def describe_sentry(**variables) -> dict:
    answer, _lines = run_snippet(
        DESCRIBE_SENTRY, "levier.settings", drop_prefix="SENTRY_", **variables
    )
    return answer


def test_a_dsn_turns_error_reports_on_without_personal_data():
    # A local address nothing listens on: nothing is sent, no event is raised.
    dsn = "http://publickey@127.0.0.1:9/1"

    sentry = describe_sentry(
        SENTRY_DSN=dsn, SENTRY_ENVIRONMENT="staging", SENTRY_RELEASE="levier@1.2.3"
    )

    assert sentry["active"] is True
    assert sentry["dsn"] == dsn
    assert sentry["send_default_pii"] is False
    assert sentry["environment"] == "staging"
    assert sentry["release"] == "levier@1.2.3"
    assert "django" in sentry["integrations"]


def test_without_a_dsn_the_sdk_is_not_imported():
    assert describe_sentry() == {"imported": False}
