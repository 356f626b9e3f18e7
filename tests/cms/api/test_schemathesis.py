"""Schema-driven fuzzing of the three OpenAPI documents with schemathesis: the APIs do what they document.

Every operation of /api/v2/, /api/v3/ and /api/sen/ gets generated requests, valid ones (by the
document) and invalid ones, and every answer is checked: no 5xx, a status the operation declares,
the content type it declares for that status, a body that matches the declared schema, valid input
accepted and invalid input refused. The requests go straight to the Django WSGI application (no
network server). The number of examples per operation is bounded so the module stays within about
two minutes on one core; its tests spread over xdist workers.
"""

import contextlib
import re

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import Failure, FailureGroup
from schemathesis.generation.hypothesis.reporting import UnsatisfiableSchema
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    positive_data_acceptance,
    response_schema_conformance,
    status_code_conformance,
)

from cms.text import MAX_BIGINT
from tests.articles.factories import make_news, make_news_index
from tests.cms.api.test_sen import centres

pytestmark = pytest.mark.django_db
XDIST_SPREAD = True

MAX_EXAMPLES = 10
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
MODES = {
    GenerationMode.POSITIVE: [positive_data_acceptance],
    GenerationMode.NEGATIVE: [negative_data_rejection],
}
# schemathesis' WSGI transport asks for gzip but does not unpack the answer (cms/http/compress.py).
IDENTITY = {"Accept-Encoding": "identity"}
WRITES = ("GET", "POST", "PATCH", "PUT", "DELETE")
NEUTRAL_TO_SEARCH = {"search", "search_operator", "limit", "offset", "fields", "type", "locale", "fallback", "site"}
PAGE_TYPE = re.compile(r"\b[a-z_]+\.[A-Z][A-Za-z]+\b")


@pytest.fixture(autouse=True)
def no_rate_limit(settings):
    """Thousands of generated requests from one client: the anonymous rate limit would answer 429s."""
    settings.SEN_API_RATE_LIMIT = 0


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


def breaks_a_written_rule(case, parameters):
    """Whether a request the document allows parameter by parameter breaks a rule its descriptions state
    between parameters or values (OpenAPI cannot express them): "needs type=… of" a page type, "With locale:",
    order "random" "(alone, without offset)", "With search, order= and field filters …", "a page type's own
    fields only with type=…", "Two consecutive years", "not before date_from"."""
    query = case.query or {}
    types = query.get("type", [])
    types = set(types if isinstance(types, list) else [types])
    for parameter in parameters:
        name, description = parameter["name"], parameter.get("description", "")
        if name not in query or parameter["in"] != "query":
            continue
        if "needs type=" in description and not types & set(PAGE_TYPE.findall(description)):
            return True
        if description.startswith("With locale:") and "locale" not in query:
            return True
        if "when no page has that id" in description and not _is_page(query[name]):
            return True
        own = "a page type's own fields only with type=" in description
        if own and _outside_page_fields(query[name], next(iter(types), None), db_fields_only=name == "order"):
            return True
        if description.startswith("Two consecutive years") and not _consecutive(query[name]):
            return True
        if name == "search" and "With search" in description and set(query) - NEUTRAL_TO_SEARCH:
            return True
    if query.get("date_from") and query.get("date_to") and str(query["date_to"]) < str(query["date_from"]):
        return True  # "date_to": "not before date_from"
    return query.get("order") == "random" and bool(query.get("offset"))


def _outside_page_fields(value, page_type, db_fields_only):
    from wagtail.coreutils import resolve_model_string
    from wagtail.models import Page

    from cms.api.views import SenPagesAPIViewSet

    view = SenPagesAPIViewSet()
    allowed = set(view.get_available_fields(Page, db_fields_only))
    if page_type:
        allowed |= set(view.get_available_fields(resolve_model_string(page_type), db_fields_only))
    return bool({name.lstrip("-") for name in str(value).split(",")} - allowed - {"*", "_", "random", "date"})


def _consecutive(value):
    first, _dash, second = str(value).partition("-")
    return second.isascii() and second.isdigit() and int(second) == int(first) + 1


def _is_page(value):
    from wagtail.models import Page

    try:
        number = int(float(str(value)))  # an integer may come written as 5.0
    except ValueError:
        return True  # "root": not an id
    return abs(number) > MAX_BIGINT or Page.objects.filter(pk=number).exists()


def failures(schema_path, methods=("GET",)):
    """Run every operation of the document at ``schema_path`` in both generation modes; one example
    request per (operation, failed check), as text."""
    with keep_test_connection():
        schema = schemathesis.openapi.from_wsgi(schema_path, get_wsgi_application())
        found = {}
        operations = 0
        for result in schema.get_all_operations():
            operation = result.ok()
            if operation.method.upper() not in methods:
                continue
            operations += 1
            for mode, mode_checks in MODES.items():
                parameters = schema.raw_schema["paths"][operation.path][operation.method.lower()].get("parameters", [])
                _run(operation, mode, mode_checks, parameters, found)
    assert operations, f"no operations found in {schema_path}"
    return list(found.values())


def _run(operation, mode, mode_checks, parameters, found):
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,  # the same requests on every run: a failure in CI reproduces locally
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case):
        response = case.call(headers=IDENTITY)
        checks = (
            CHECKS
            if mode == GenerationMode.POSITIVE and breaks_a_written_rule(case, parameters)
            else CHECKS + mode_checks
        )
        try:
            case.validate_response(response, checks=checks, headers=IDENTITY)
        except (Failure, FailureGroup) as error:
            for failure in getattr(error, "exceptions", [error]):
                key = (operation.label, failure.title)
                found.setdefault(key, f"{operation.label} [{mode.value}] {failure.title}: {_sent(case, response)}")

    with contextlib.suppress(UnsatisfiableSchema, Unsatisfiable):
        # The document leaves nothing to generate in this mode (e.g. no parameter to make invalid).
        run()


def _sent(case, response):
    body = response.text[:200].replace("\n", " ")
    sent = f"{case.method} {case.formatted_path} query={case.query} body={case.body!r:.120}"
    return f"{sent} -> {response.status_code} {body}"


def test_sen_api_does_what_its_document_says(home_page):
    centres(home_page)
    make_news(make_news_index(home_page), "Lớp học cộng đồng")
    found = failures("/api/sen/openapi.json")
    assert not found, "\n".join(found)


def test_v3_api_does_what_its_document_says(home_page):
    make_news(make_news_index(home_page), "Lớp học cộng đồng")
    found = failures("/api/v3/openapi.json", methods=WRITES)
    assert not found, "\n".join(found)


def test_v2_api_does_what_its_document_says(home_page):
    make_news(make_news_index(home_page), "Lớp học cộng đồng")
    found = failures("/api/v2/openapi.json")
    assert not found, "\n".join(found)
