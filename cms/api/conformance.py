"""What the django-ninja APIs (/api/v3/, /api/sen/) answer beyond their operations' own declarations, written
into their OpenAPI documents: the problems Sen's shared checks send (``cms.api.guard``, ``cms.api.params``, the
rate limit, the bearer token check) and the bounds those checks hold parameters to. A client generated from a
document, or a schema-driven fuzzer (tests/cms/api/test_schemathesis.py), then meets no undeclared answer.
"""

from django.conf import settings

from cms.api.problems import Problem

PROBLEM = {"content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}
# cms.api.guard refuses a query value of 19 digits or more before any view reads it.
MAX_QUERY_INTEGER = 10**18 - 1
PAGE_FILTERS = ("child_of", "ancestor_of", "descendant_of", "translation_of")
NO_PAGE = " (a 400 when no page has that id)."
SEARCH_RULE = (
    "Words to search for. With search, order= and field filters work only on the fields the search index orders "
    "or filters by, else a 400."
)
ERRORS = {
    400: "A bad or unknown query parameter, or a malformed query string (the problem says which).",
    401: "The endpoint needs a bearer token, or the token sent is not valid.",
    403: "The token's user may not do this.",
    404: "Nothing with this id or path (or it is not public).",
    429: "Too many requests: try again after Retry-After seconds.",
}
URI_TOO_LONG = "The request line is longer than the server accepts (answered by gunicorn or the proxy, not as JSON)."
RETRY_AFTER = {"Retry-After": {"description": "Seconds to wait.", "schema": {"type": "integer", "minimum": 0}}}


def declare_problems(document, statuses, limits=None):
    """Every operation of ``document`` declares ``statuses`` as problems (and 414); every 4xx it declares is
    a problem; integer query parameters carry the bounds the shared checks enforce (``limits`` by name)."""
    limits = limits or {}
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    schemas.setdefault("Problem", Problem.model_json_schema(ref_template="#/components/schemas/{model}"))
    for operations in document.get("paths", {}).values():
        for operation in operations.values():
            # Ninja keys its responses by int: one key per status, as JSON writes it.
            responses = operation["responses"] = {
                str(key): value for key, value in operation.get("responses", {}).items()
            }
            for status, response in responses.items():
                if status.startswith("4") and "content" in response:
                    response.update(PROBLEM)
            for status in statuses:
                responses.setdefault(str(status), {"description": ERRORS[status], **PROBLEM})
            if "429" in responses:
                responses["429"].setdefault("headers", RETRY_AFTER)
            responses.setdefault("414", {"description": URI_TOO_LONG})
            for parameter in operation.get("parameters", []):
                if parameter.get("in") == "query":
                    _bound_integers(parameter.get("schema", {}), limits.get(parameter["name"], MAX_QUERY_INTEGER))
    return document


def _bound_integers(schema, maximum):
    for member in [schema, *schema.get("anyOf", [])]:
        if member.get("type") == "integer":
            member.setdefault("maximum", maximum)
            member.setdefault("minimum", -MAX_QUERY_INTEGER)


def describe_v3(document):
    """/api/v3/: its answers and bounds (``declare_problems``), the locales there are, the snippet types."""
    from wagtail.snippets.models import get_snippet_models

    declare_problems(document, (400, 401, 403, 404, 429), {"limit": settings.WAGTAILAPI_LIMIT_MAX})
    locales = [code for code, _name in getattr(settings, "WAGTAIL_CONTENT_LANGUAGES", settings.LANGUAGES)]
    snippet_types = sorted(model._meta.label_lower for model in get_snippet_models())
    orderings = _v3_orderings()
    for path, operations in document.get("paths", {}).items():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                schema = parameter.get("schema", {})
                if parameter.get("in") == "query" and parameter["name"] == "locale":
                    # cms.api.params answers 400 for a language the site does not have.
                    for member in [schema, *schema.get("anyOf", [])]:
                        if member.get("type") == "string":
                            member["enum"] = locales
                elif parameter.get("in") == "query" and parameter["name"] == "search":
                    parameter["description"] = SEARCH_RULE
                elif parameter.get("in") == "query" and parameter["name"] in PAGE_FILTERS:
                    parameter["description"] = parameter.get("description", "Id of a page.").rstrip(".") + NO_PAGE
                elif parameter.get("in") == "query" and parameter["name"] == "order" and path in orderings:
                    # Wagtail's OrderingValidator refuses any other field (a 400).
                    for member in schema.get("anyOf", []):
                        if member.get("type") == "array":
                            member["items"] = {"type": "string", "enum": orderings[path]}
                elif parameter.get("in") == "path" and parameter["name"] == "type" and path.startswith("/api/v3/snip"):
                    # Wagtail types it as the registered snippets when its module loads: none yet, an empty const.
                    parameter["schema"] = {
                        "title": schema.get("title", "Type"),
                        "type": "string",
                        "enum": snippet_types,
                    }
    return document


def _v3_orderings():
    """The values v3's listings take in ``order=`` (their base fields and database API fields, "-" for descending),
    by path. A page type's own fields need type=… of it: the page listing documents those of every page."""
    from wagtail.api.v3.schemas.pages import BASE_PAGE_READ_FIELDS
    from wagtail.api.validators import OrderingValidator
    from wagtail.contrib.redirects.api.v3.router import BASE_REDIRECT_READ_FIELDS
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.documents import get_document_model
    from wagtail.documents.api.v3.router import BASE_DOCUMENT_READ_FIELDS
    from wagtail.images import get_image_model
    from wagtail.images.api.v3.router import BASE_IMAGE_READ_FIELDS
    from wagtail.models import Page

    listings = {
        "/api/v3/pages/": (Page, BASE_PAGE_READ_FIELDS),
        "/api/v3/images/": (get_image_model(), BASE_IMAGE_READ_FIELDS),
        "/api/v3/documents/": (get_document_model(), BASE_DOCUMENT_READ_FIELDS),
        "/api/v3/redirects/": (Redirect, BASE_REDIRECT_READ_FIELDS),
    }
    orderings = {}
    for path, (model, base_fields) in listings.items():
        validator = OrderingValidator(model=model, fields=[], base_fields=list(base_fields), db_fields_only=True)
        orderings[path] = sorted(validator.allowed_fields - {"random"})
    return orderings


def with_description(get_openapi_schema, describe):
    """Wraps a NinjaAPI's ``get_openapi_schema`` with ``describe(document)``."""

    def wrapped(*args, **kwargs):
        return describe(get_openapi_schema(*args, **kwargs))

    return wrapped
