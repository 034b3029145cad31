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

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from django.test import override_settings
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode

from tests.api.test_api_tenancy import kind_of, own_values

APP = get_wsgi_application()
SCHEMA = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", APP)
SCHEMA.config.generation.update(
    modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE], max_examples=15
)


@pytest.mark.django_db
@override_settings(RATELIMIT_ENABLE=False)
@pytest.mark.parametrize("token_kind", ["org", "network"])
@SCHEMA.parametrize()
@SCHEMA.given(own=st.booleans())
@settings(
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_keeps_its_contract(api_tenants, api_headers, token_kind, case, own):
    if own and case.path_parameters and case.meta.generation.mode == GenerationMode.POSITIVE:
        values = own_values(case.operation.path, api_tenants["home"])
        case.path_parameters = {
            name: int(value) if value.isdigit() and name.endswith("_id") else value
            for name, value in values.items()
        }
    authorization = api_headers[token_kind]["HTTP_AUTHORIZATION"]
    case.call_and_validate(headers={"Authorization": authorization})


def test_the_served_document_names_every_kind_of_parameter():
    for operation in SCHEMA.get_all_operations():
        operation = operation.ok()
        for parameter in operation.path_parameters:
            assert kind_of(parameter.name), (operation.label, parameter.name)
