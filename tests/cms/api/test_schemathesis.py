"""Property-based checks of the OpenAPI documents with schemathesis: no input makes the server fail.

The requests go straight to the Django WSGI application (no network server). The number
of examples per operation is bounded so the whole module stays well under a minute.
"""

import contextlib

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.generation.hypothesis.reporting import UnsatisfiableSchema

from tests.articles.factories import make_news, make_news_index
from tests.cms.api.test_sen import centres

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_rate_limit(settings):
    """Thousands of generated requests from one client: the anonymous rate limit would answer 429s."""
    settings.SEN_API_RATE_LIMIT = 0


MAX_EXAMPLES = 15


@contextlib.contextmanager
def keep_test_connection():
    """Like Django's test client: the WSGI handler must not close the test's database connection."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def server_errors(schema_path, methods=("GET",)):
    """Run every operation of the document at ``schema_path``; return the requests that got a 5xx."""
    with keep_test_connection():
        return _server_errors(schema_path, methods)


def _server_errors(schema_path, methods):
    schema = schemathesis.openapi.from_wsgi(schema_path, get_wsgi_application())
    failures = []
    operations = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        if operation.method.upper() not in methods:
            continue
        operations += 1

        @settings(
            max_examples=MAX_EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy())
        def run(case):
            response = case.call()
            if response.status_code >= 500:
                failures.append((case.method, case.formatted_path, case.query, response.status_code))

        try:
            run()
        except UnsatisfiableSchema:
            # The document gives no value for some parameter (e.g. an empty enum): nothing to send.
            operations -= 1
    assert operations, f"no operations found in {schema_path}"
    return failures


def test_sen_api_has_no_server_errors(home_page):
    centres(home_page)
    make_news(make_news_index(home_page), "Lớp học cộng đồng")
    assert server_errors("/api/sen/openapi.json") == []


def test_v3_api_has_no_server_errors(home_page):
    make_news(make_news_index(home_page), "Lớp học cộng đồng")
    assert server_errors("/api/v3/openapi.json", methods=("GET", "POST", "PATCH", "PUT", "DELETE")) == []


def test_v2_api_has_no_server_errors(home_page):
    make_news(make_news_index(home_page), "Lớp học cộng đồng")
    assert server_errors("/api/v2/openapi.json") == []


def test_v2_responses_match_the_document(home_page):
    """The documented shapes (listing, items, page fields, problems) are what v2 answers."""
    from schemathesis.specs.openapi.checks import response_schema_conformance

    make_news(make_news_index(home_page), "Lớp học cộng đồng")
    with keep_test_connection():
        schema = schemathesis.openapi.from_wsgi("/api/v2/openapi.json", get_wsgi_application())
        for result in schema.get_all_operations():
            operation = result.ok()

            @settings(max_examples=MAX_EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
            @given(case=operation.as_strategy())
            def run(case):
                # schemathesis' WSGI transport asks for gzip but does not unpack the answer (cms/http/compress.py).
                case.call_and_validate(checks=[response_schema_conformance], headers={"Accept-Encoding": "identity"})

            run()
