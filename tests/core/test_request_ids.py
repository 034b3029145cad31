"""Each answer carries the id its log lines carry (X-Request-ID); a trusted
reverse proxy's id is kept, a client's own is not."""

import logging

from django.urls import reverse


def request_lines(caplog):
    return [r for r in caplog.records if r.name == "levier.requests"]


def test_every_answer_names_its_request_and_logs_it(client, db, caplog):
    caplog.set_level(logging.INFO, logger="levier.requests")

    first = client.get(reverse("account_login"))
    second = client.get(reverse("account_login"))

    assert first["X-Request-ID"] != second["X-Request-ID"]
    logged = request_lines(caplog)
    assert [r.request_id for r in logged] == [first["X-Request-ID"], second["X-Request-ID"]]
    assert [(r.method, r.path, r.status) for r in logged] == [("GET", "/accounts/login/", 200)] * 2


def test_a_clients_own_request_id_is_ignored(client, db, settings):
    settings.LEVIER_TRUSTED_PROXIES = 0

    response = client.get(reverse("account_login"), HTTP_X_REQUEST_ID="chosen-by-client")

    assert response["X-Request-ID"] != "chosen-by-client"


def test_a_trusted_proxys_request_id_is_kept(client, db, settings):
    settings.LEVIER_TRUSTED_PROXIES = 1

    response = client.get(reverse("account_login"), HTTP_X_REQUEST_ID="nginx-7f3a")
    malformed = client.get(reverse("account_login"), HTTP_X_REQUEST_ID="<script> x")

    assert response["X-Request-ID"] == "nginx-7f3a"
    assert malformed["X-Request-ID"] != "<script> x"
