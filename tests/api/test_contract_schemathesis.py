"""The OpenAPI document is a contract: schemathesis generates calls of every
operation from it (valid ones and invalid ones: the examples, coverage and
fuzzing phases, positive and negative modes) and sends them to Levier in
process, through its WSGI application, with a token of the home
organisation and one of the home network having every area, on a database
holding the tenancy world. No call may end in a server error; every
response must be one the document declares (status code, content type,
headers, body schema); invalid input must be refused and valid input not
refused as invalid.

Path parameters are either generated (unknown objects: 404, or invalid: 422)
or, for valid calls half of the time, the home world's own objects, so the
operations' successful answers are checked against their schemas too.

Kept fast and reproducible: few examples per operation, derandomized, no
deadline (a database call takes what it takes).
"""

import json

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import override_settings
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode

from levier.api.api import api
from tests.api.test_api_tenancy import kind_of, own_values

APP = get_wsgi_application()
SCHEMA = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", APP)
SCHEMA.config.generation.update(
    modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE],
    max_examples=12,
    # Unknown query parameters are ignored, as HTTP APIs do; OpenAPI cannot
    # say "no other parameter", so calls with made-up ones prove nothing.
    allow_extra_parameters=False,
)
# Valid input may still break a business rule the schema cannot say (a SIREN's
# checksum, an owner who is not a member, a submitted assessment): a 409 or a
# 422 problem naming the field is then the right answer. Invalid input must
# always be refused (negative_data_rejection, unchanged).
SCHEMA.config.checks.positive_data_acceptance.expected_statuses = [
    "2xx",
    "401",
    "403",
    "404",
    "409",
    "422",
    "429",
]


@pytest.fixture
def _test_connection_kept():
    """Django's WSGI handler closes the database connection after each
    request (an open transaction makes it "obsolete"): that would end the
    test's transaction on PostgreSQL. Django's test client stops it the
    same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@override_settings(RATELIMIT_ENABLE=False)
@pytest.mark.usefixtures("_test_connection_kept")
@pytest.mark.parametrize("token_kind", ["org", "network"])
@SCHEMA.parametrize()
@SCHEMA.given(objects=st.sampled_from(["generated", "own", "own public"]))
@settings(
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_keeps_its_contract(api_tenants, api_headers, token_kind, case, objects):
    positive = case.meta.generation.mode == GenerationMode.POSITIVE
    if objects != "generated" and case.path_parameters and positive:
        values = own_values(
            case.operation.path, api_tenants["home"], public=objects == "own public"
        )
        case.path_parameters = {
            name: int(value) if value.isdigit() and name.endswith("_id") else value
            for name, value in values.items()
        }
    headers = {"Authorization": api_headers[token_kind]["HTTP_AUTHORIZATION"]}
    if not positive and "Authorization" not in (case.headers or {}):
        # A negative case may be about the token itself (left out): send it
        # without one, as generated, so that it is refused for that reason.
        headers = {}
    case.call_and_validate(headers=headers)


def test_the_served_document_is_the_apis_and_names_every_kind_of_parameter():
    assert SCHEMA.raw_schema == json.loads(json.dumps(api.get_openapi_schema()))
    for result in SCHEMA.get_all_operations():
        operation = result.ok()
        for parameter in operation.path_parameters:
            assert kind_of(parameter.name), (operation.label, parameter.name)
