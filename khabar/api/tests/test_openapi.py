"""The OpenAPI document is generated, served, and holds against what the API answers."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from config.wsgi import application
from khabar.api.tests.conftest import get_json
from khabar.articles.models import Article

pytestmark = pytest.mark.django_db


def test_the_document_is_openapi_3_1_with_every_endpoint(client: Client) -> None:
    document = get_json(client, "/api/v1/openapi.json")
    assert document["openapi"].startswith("3.1")
    assert set(document["paths"]) == {
        "/api/v1/editions",
        "/api/v1/editions/{edition}/sections",
        "/api/v1/editions/{edition}/keywords",
        "/api/v1/articles",
        "/api/v1/articles/{edition}/{code}",
        "/api/v1/articles/{edition}/{code}/ninjs",
    }
    listed = document["paths"]["/api/v1/articles"]["get"]["parameters"]
    assert {parameter["name"] for parameter in listed} >= {"edition", "q", "since", "cursor"}


# Read from the production WSGI stack (the page cache's front included), at collection:
# serving the document reads no database.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture
def content(sample_article: Article, newsroom: Any, settings: Any) -> Iterator[None]:
    """An article, keywords and sections for the generated requests to find.

    Django closes the database connection at the end of each request; like the test
    client, keep it from ending the test's transaction.
    """
    # Every generated request is answered, none counted out by the rate limit.
    settings.API_RATE_PER_MINUTE = 10**9
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    try:
        yield
    finally:
        for signal in (request_started, request_finished):
            signal.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_keeps_to_its_document_whatever_it_is_sent(case: Any, content: None) -> None:
    """No 500, no undocumented status, no answer that breaks its schema.

    Not schemathesis's check that schema-valid requests succeed: a filter naming an
    edition, section or keyword that does not exist, or a cursor the API never gave out,
    is valid by the document's types and rightly a 400.
    """
    case.call_and_validate(checks=CHECKS)


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
