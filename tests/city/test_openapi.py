"""The OpenAPI document is the server: property-based requests from it (schemathesis),
with a valid credential, get no 5xx and no answer outside the document."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from lingong_city.app import create_app
from lingong_city.db import Database
from tests.city.conftest import LiveServer
from tests.city.helpers import SPEAKS, Device, enroll

EXAMPLES = 40  # per operation: bounded, and the same examples every run
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def served(city: Database) -> Iterator[tuple[str, Device]]:
    with (
        LiveServer(create_app(city.url)) as server,
        httpx.Client(base_url=server.url, headers=SPEAKS) as client,
    ):
        yield server.url, enroll(client, city, "ZY")


def test_the_server_keeps_to_its_document(served: tuple[str, Device]) -> None:
    url, device = served
    schema = schemathesis.openapi.from_url(f"{url}/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {op.path for op in operations} == {"/v1/health", "/v1/enroll", "/v1/push", "/v1/pull"}
    for operation in operations:
        headers = dict(SPEAKS)
        if operation.path in ("/v1/push", "/v1/pull"):
            headers.update(device.auth)
        run(operation, url, headers)


def run(operation: Any, url: str, headers: dict[str, str]) -> None:
    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
        database=None,
    )
    def keeps_to_it(case: Any) -> None:
        case.call_and_validate(base_url=url, headers=headers, checks=CHECKS)

    keeps_to_it()


def test_the_document_names_the_scheme_the_limits_and_the_links(
    served: tuple[str, Device],
) -> None:
    url, _device = served
    doc = httpx.get(f"{url}/openapi.json").json()
    assert doc["components"]["securitySchemes"]["credential"]["scheme"] == "bearer"
    push = doc["paths"]["/v1/push"]["post"]
    assert push["security"] == [{"credential": []}]
    body = push["requestBody"]["content"]["application/json"]["schema"]
    entries = body["properties"]["entries"]
    assert entries["maxItems"] == 2000
    assert entries["items"]["properties"]["hlc"]["pattern"].startswith("^[0-9]{13}")
    names = {p["name"] for p in push["parameters"]}
    assert {"X-LingGong-Protocol", "Content-Encoding"} <= names
    pull = doc["paths"]["/v1/pull"]["get"]
    assert pull["responses"]["200"]["links"]["NextPage"]["operationId"] == "pull"
    assert "PullAnswer" in str(pull["responses"]["200"]["content"])
