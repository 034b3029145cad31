"""Tenancy is a security boundary in the API too: every operation of the
OpenAPI document, called with a token of the home organisation or network
having every area, answers 404 for the objects of a sibling organisation and
of another network, and works with its own objects.

The document is walked, so operations added later are covered without
touching this file. A path parameter must say what it names: ``<kind>_id``
with a kind of ``levier.tenancy.converters`` (``assessment_id``,
``event_id``...), ``<kind>_code`` for a framework code (``question_code``),
``organisation_slug`` or ``network_slug``; any other name fails here.

For each operation and method: the variants with foreign objects (every
parameter in turn, then all of them) answer 404 (or 401/403/405/422, never
a success, a conflict or a server error); the same address with the home
objects is not a 404 for the organisation's token or for the network's (an
operation for one kind of token answers the other kind 404, which says the
operation is not theirs). Reads with one's own objects never show a name of
another tenant's world. A token with no area gets 403 everywhere but on
GET /token.
"""

import json
import re

import pytest
from django.test import Client, override_settings

from levier.api.api import api
from levier.tenancy.converters import CONVERTERS
from tests.tenancy import world as w

DOCUMENT = api.get_openapi_schema()
METHODS = ("get", "post", "put", "patch", "delete")
OPERATIONS = [
    (method.upper(), path, operation)
    for path, item in DOCUMENT["paths"].items()
    for method, operation in item.items()
    if method in METHODS
]
IDS = [f"{method} {path}" for method, path, _operation in OPERATIONS]
PARAMETER = re.compile(r"{([^}]+)}")
OBJECT_KINDS = set(CONVERTERS) - w.TOKEN_KINDS - w.CODE_KINDS - {"org", "network"}
OUTSIDER_STATUSES = {401, 403, 404, 405, 422}
# Names in the world of another tenant: what a token of the home
# organisation (or network) must never read.
FOREIGN_MARKERS = {"org": ("sibling", "foreign", "theirs"), "network": ("foreign", "theirs")}


def kind_of(name: str) -> str | None:
    """The kind of object a path parameter names, from its name."""
    if name == "organisation_slug":
        return "org"
    if name == "network_slug":
        return "network"
    stem, _underscore, suffix = name.rpartition("_")
    if suffix == "id" and stem in OBJECT_KINDS:
        return stem
    if suffix == "code" and stem in w.CODE_KINDS:
        return stem
    if suffix == "token" and name in w.TOKEN_KINDS:
        return name
    return None


def path_parameters(path: str) -> list[str]:
    return PARAMETER.findall(path)


# Request bodies and query parameters --------------------------------------------


def _resolve(schema: dict) -> dict:
    while "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = DOCUMENT["components"]["schemas"][name]
    return schema


STRING_FORMATS = {
    "date": "2026-03-02",
    "date-time": "2026-03-02T10:00:00+01:00",
    "time": "10:00:00",
    "email": "guest@example.org",
    "uri": "https://example.org/hook",
    "uuid": "00000000-0000-4000-8000-000000000000",
}


def example(schema: dict):
    """A small valid value of a JSON schema: required properties only."""
    schema = _resolve(schema)
    if "default" in schema:
        return schema["default"]
    if "const" in schema:
        return schema["const"]
    if "enum" in schema:
        return schema["enum"][0]
    for combined in ("anyOf", "oneOf"):
        if combined in schema:
            options = [o for o in schema[combined] if _resolve(o).get("type") != "null"]
            return example((options or schema[combined])[0])
    if "allOf" in schema:
        merged = {}
        for part in schema["allOf"]:
            merged.update(_resolve(part))
        return example(merged)
    kind = schema.get("type", "object")
    if kind == "string":
        text = STRING_FORMATS.get(schema.get("format"), "Exemple")
        minimum, maximum = schema.get("minLength", 0), schema.get("maxLength")
        text = text.ljust(minimum, "x")
        return text[:maximum] if maximum else text
    if kind == "integer":
        return max(schema.get("minimum", 1), schema.get("exclusiveMinimum", 0) + 1)
    if kind == "number":
        return float(schema.get("minimum", 1))
    if kind == "boolean":
        return True
    if kind == "array":
        if schema.get("minItems"):
            return [example(schema.get("items", {})) for _ in range(schema["minItems"])]
        return []
    properties = schema.get("properties", {})
    return {name: example(properties[name]) for name in schema.get("required", [])}


def _request(operation: dict) -> tuple[dict, str | None, str | None]:
    """(required query parameters, body, content type) for an operation."""
    query = {
        p["name"]: example(p.get("schema", {}))
        for p in operation.get("parameters", [])
        if p["in"] == "query" and p.get("required")
    }
    content = operation.get("requestBody", {}).get("content", {})
    if "application/json" in content:
        return (
            query,
            json.dumps(example(content["application/json"]["schema"])),
            "application/json",
        )
    return query, None, None


def call(client, method, path, operation, values, headers, **more_query):
    url = PARAMETER.sub(lambda m: values[m.group(1)], path)
    query, body, content_type = _request(operation)
    declared = {p["name"] for p in operation.get("parameters", []) if p["in"] == "query"}
    query.update({k: v for k, v in more_query.items() if k in declared})
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    extra = {"content_type": content_type} if content_type else {}
    return client.generic(method, url, body or "", **extra, **headers)


# Values of path parameters ------------------------------------------------------


def own_values(path: str, home, *, public: bool = False) -> dict:
    """The home world's objects; ``public``: its network's public event
    rather than its club's meeting."""
    return {name: w.value(kind_of(name), home, public=public) for name in path_parameters(path)}


def foreign_variants(path: str, tenants, token_kind: str):
    """(description, values) with the objects of another tenant: every
    parameter in turn, then all of them. An organisation's token meets its
    sibling's objects (of the same network) and another network's; a
    network's token another network's (the sibling is its member)."""
    home = tenants["home"]
    own = own_values(path, home)
    labels = ("sibling", "foreign") if token_kind == "org" else ("foreign",)
    for label in labels:
        theirs = {}
        for name in path_parameters(path):
            kind = kind_of(name)
            if kind in w.CODE_KINDS:
                continue  # a code names no one's object
            if kind in w.TOKEN_KINDS:
                if label == "foreign":
                    theirs[name] = w.unknown_token()
                continue
            if label == "sibling" and kind not in w.ORGANISATION_KINDS:
                continue  # the sibling shares the home network's objects
            theirs[name] = w.value(kind, tenants[label])
        for name, value in theirs.items():
            yield f"{label} {name}", {**own, name: value}
        if len(theirs) > 1:
            yield f"{label} everything", {**own, **theirs}


# Tests -------------------------------------------------------------------------


def test_the_walk_finds_the_operations():
    assert ("GET", "/api/v1/token") in {(m, p) for m, p, _o in OPERATIONS}


@pytest.mark.parametrize(("method", "path", "operation"), OPERATIONS, ids=IDS)
def test_every_path_parameter_says_what_it_names(method, path, operation):
    for name in path_parameters(path):
        assert kind_of(name), (
            f"{method} {path}: {{{name}}} names no known kind; call it <kind>_id with a kind "
            "of levier.tenancy.converters (or <code kind>_code, organisation_slug, "
            "network_slug), and give tests/tenancy/world.py an object of that kind"
        )


@pytest.mark.django_db
@override_settings(RATELIMIT_ENABLE=False)
@pytest.mark.parametrize(("method", "path", "operation"), OPERATIONS, ids=IDS)
def test_foreign_objects_answer_404_and_ones_own_work(
    api_tenants, api_headers, method, path, operation
):
    client = Client()
    failures = []
    for token_kind in ("org", "network"):
        for description, values in foreign_variants(path, api_tenants, token_kind):
            response = call(client, method, path, operation, values, api_headers[token_kind])
            if response.status_code not in OUTSIDER_STATUSES:
                failures.append(
                    f"{token_kind} token, {description}: {response.status_code} "
                    f"{response.content[:200]!r}"
                )
    # Own objects last: a write may change them.
    own = own_values(path, api_tenants["home"])
    answers = {}
    for token_kind in ("org", "network"):
        response = call(client, method, path, operation, own, api_headers[token_kind])
        answers[token_kind] = response.status_code
        if response.status_code >= 500:
            failures.append(f"{token_kind} token, own objects: {response.status_code}")
    if all(status == 404 for status in answers.values()):
        failures.append(f"no token reaches its own objects: {answers}")
    assert not failures, f"{method} {path}\n" + "\n".join(failures)


GETS = [(m, p, o) for m, p, o in OPERATIONS if m == "GET"]


@pytest.mark.django_db
@override_settings(RATELIMIT_ENABLE=False)
@pytest.mark.parametrize(
    ("method", "path", "operation"), GETS, ids=[f"{m} {p}" for m, p, _o in GETS]
)
def test_reads_show_nothing_of_another_tenant(api_tenants, api_headers, method, path, operation):
    """Lists are narrowed to the token's tenant: no name of the sibling's or
    of the other network's world appears in what the home tokens read."""
    client = Client()
    own = own_values(path, api_tenants["home"])
    for token_kind, markers in FOREIGN_MARKERS.items():
        response = call(client, method, path, operation, own, api_headers[token_kind], limit=200)
        text = response.content.decode(errors="replace").lower()
        leaked = [marker for marker in markers if marker in text]
        assert not leaked, f"{token_kind} token reads {leaked} at {path}: {text[:500]}"


# GET /token needs no area: it says what the token is.
AREA_OPERATIONS = [(m, p, o) for m, p, o in OPERATIONS if (m, p) != ("GET", "/api/v1/token")]


@pytest.mark.django_db
@override_settings(RATELIMIT_ENABLE=False)
@pytest.mark.parametrize(
    ("method", "path", "operation"),
    AREA_OPERATIONS,
    ids=[f"{m} {p}" for m, p, _o in AREA_OPERATIONS],
)
def test_a_token_without_the_area_gets_403(api_tenants, api_headers, method, path, operation):
    client = Client()
    own = own_values(path, api_tenants["home"])
    for token_kind in ("org_none", "network_none"):
        response = call(client, method, path, operation, own, api_headers[token_kind])
        assert response.status_code == 403, (
            f"{token_kind}: {response.status_code} {response.content[:300]!r}"
        )
        assert response["Content-Type"] == "application/problem+json"
