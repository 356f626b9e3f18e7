"""Errors of every API under /api/ as ``application/problem+json`` (RFC 9457).

One shape for /api/v2/, /api/v3/ and /api/sen/::

    {"type": "about:blank", "status": 400, "title": "Bad Request", "code": "unknown_parameter",
     "parameter": "foo", "detail": "…"}

``code`` is stable and machine-readable (the list is ``CODES``), ``parameter`` names the query
parameter at fault (or is null), ``title`` and ``detail`` are in the language of the request's
``Accept-Language`` (Vietnamese by default, see ``cms.api.middleware``).
"""

import datetime
import re
from typing import Literal

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.renderers import JSONRenderer
from ninja.responses import NinjaJSONEncoder
from pydantic import ValidationError as PydanticValidationError

from cms.absolute import absolutize_data
from cms.problems import PROBLEM_JSON, TITLES, problem_body, problem_response  # noqa: F401 (the core's shape)

# Every code an API error carries, with what it means.
CODES = {
    "invalid_parameter": "A query parameter has a value of the wrong form or out of range.",
    "missing_parameter": "A required query parameter is missing.",
    "unknown_parameter": "A query parameter this endpoint does not know.",
    "unknown_field": "``fields`` or ``order`` names a field the endpoint does not have.",
    "unknown_locale": "``locale`` or ``fallback`` is not one of the site's languages.",
    "conflicting_parameters": "Two parameters cannot be used together, or one needs another.",
    "invalid_query": "The query string itself is malformed (too long, null characters).",
    "not_found": "The resource does not exist (or is not public).",
    "method_not_allowed": "The endpoint does not answer this HTTP method.",
    "authentication_required": "The endpoint needs a bearer token.",
    "permission_denied": "The token's user may not do this.",
    "rate_limited": "Too many requests; wait for Retry-After seconds.",
    "invalid_characters": "The URL or query string holds bytes that are not UTF-8 or control characters.",
    "invalid_token": "The preview token is missing, malformed, expired, revoked or not valid (``reason`` says which).",
    "unavailable": "The database is briefly unreachable; try again after Retry-After seconds (``retry_after``).",
}


class Problem(Schema):
    """An error (RFC 9457 problem details, ``application/problem+json``)."""

    type: str = Field("about:blank", description="Always about:blank: ``code`` says which problem it is.")
    status: int = Field(description="The HTTP status code.")
    title: str = Field(description="The status in words, in the language of Accept-Language.")
    code: Literal[tuple(CODES)] = Field(description="Stable machine-readable error code.")  # ty: ignore
    parameter: str | None = Field(description="The query parameter at fault, or null.")
    detail: str = Field(description="What is wrong, in the language of Accept-Language (Vietnamese by default).")


class ApiProblem(Exception):
    """Raised by any API code: answered as a problem by every API's error handler."""

    def __init__(self, status, code, detail, parameter=None):
        super().__init__(str(detail))
        self.status = status
        self.code = code
        self.detail = str(detail)
        self.parameter = parameter


def from_exception(exc):
    return problem_response(exc.status, exc.code, exc.detail, exc.parameter)


# Wagtail's API v2 raises English messages; each known one gets a code, its parameter and a translation.
_WAGTAIL_MESSAGES = [
    (r"limit cannot be higher than (?P<max>\d+)", "invalid_parameter", "limit",
     gettext_lazy("limit cannot be higher than %(max)s")),
    (r"(?P<name>limit|offset|child_of|ancestor_of|descendant_of|translation_of|id) must be a positive integer",
     "invalid_parameter", None, gettext_lazy("%(name)s must be a positive integer")),
    (r"offset cannot be higher than (?P<max>\d+)", "invalid_parameter", "offset",
     gettext_lazy("offset cannot be higher than %(max)s")),
    (r"query parameter is not an operation or a recognised field: (?P<names>.*)", "unknown_parameter", None,
     gettext_lazy("Unknown query parameter: %(names)s")),
    (r"unknown fields: (?P<names>.*)", "unknown_field", "fields",
     gettext_lazy("Unknown fields: %(names)s")),
    (r"cannot order by '?(?P<names>[^' ]*)'? \((unknown|invalid) field\)", "unknown_field", "order",
     gettext_lazy("Cannot order by “%(names)s”: no such field")),
    (r"field filter error\. '(?P<value>.*)' is not a valid value for (?P<name>\S+) \(.*\)", "invalid_parameter",
     None, gettext_lazy("“%(value)s” is not a valid value for %(name)s")),
    (r"field filter error\. null characters are not allowed for (?P<name>\S+)", "invalid_parameter", None,
     gettext_lazy("Null characters are not allowed in query parameters.")),
    (r"random ordering cannot be combined with other fields", "conflicting_parameters", "order",
     gettext_lazy("order=random cannot be combined with other fields")),
    (r"random ordering with offset is not supported", "conflicting_parameters", "offset",
     gettext_lazy("order=random cannot be used with offset")),
    (r"filtering by tag with a search query is not supported", "conflicting_parameters", "search",
     gettext_lazy("Filtering by tag cannot be combined with search")),
    (r"filtering by descendant_of with child_of is not supported\.?", "conflicting_parameters", "descendant_of",
     gettext_lazy("descendant_of cannot be combined with child_of")),
    (r"(parent|descendant|ancestor|translation_of) page doesn't exist", "invalid_parameter", None,
     gettext_lazy("The page this filter refers to does not exist")),
    (r"type doesn't exist", "invalid_parameter", "type", gettext_lazy("This page type does not exist")),
    (r"search is disabled", "invalid_parameter", "search", gettext_lazy("Search is disabled")),
    # Django's get_object_or_404 (the v2 detail views): "No Page matches the given query."
    (r"No Page matches the given query\.", "not_found", None, gettext_lazy("There is no public page with this id.")),
    (r"No Image matches the given query\.", "not_found", None, gettext_lazy("There is no image with this id.")),
    (r"No Document matches the given query\.", "not_found", None, gettext_lazy("There is no document with this id.")),
    (r"No \S+ matches the given query\.", "not_found", None, gettext_lazy("Not found.")),
    (r"cannot (filter|order) by '(?P<names>[^']*)' while searching \(field is not indexed\)",
     "conflicting_parameters", "search", gettext_lazy("Cannot use “%(names)s” while searching")),
]  # fmt: skip
_WAGTAIL_PATTERNS = [(re.compile(f"^{pattern}$"), *rest) for pattern, *rest in _WAGTAIL_MESSAGES]


def from_wagtail_message(message, status=400):
    """A problem for one of Wagtail's API v2 error messages, translated where it is a known one."""
    message = str(message)
    for pattern, code, parameter, template in _WAGTAIL_PATTERNS:
        match = pattern.match(message)
        if match:
            values = match.groupdict()
            if parameter is None:
                parameter = values.get("name")
            if parameter is None and code == "unknown_parameter":
                parameter = values["names"].split(",")[0].strip()
            if parameter is None and "_of" in message:
                parameter = message.split(" ")[0].replace("parent", "child_of").replace("descendant", "ancestor_of")
            return problem_response(status, code, str(template) % values, parameter)
    if status == 404:
        return problem_response(404, "not_found", _("Not found.") if message in ("", "not found") else message)
    return problem_response(status, "invalid_parameter", message)


def unknown_parameters(names):
    names = sorted(names)
    return ApiProblem(400, "unknown_parameter", _("Unknown query parameter: %(names)s") % {"names": ", ".join(names)},
                      names[0])  # fmt: skip


# Ninja (v3 and /api/sen/) -------------------------------------------------------------------

_PYDANTIC_DETAILS = {
    "missing": gettext_lazy("%(name)s is required"),
    "int_parsing": gettext_lazy("%(name)s must be a whole number"),
    "int_type": gettext_lazy("%(name)s must be a whole number"),
    "greater_than_equal": gettext_lazy("%(name)s must be at least %(ge)s"),
    "greater_than": gettext_lazy("%(name)s must be greater than %(gt)s"),
    "less_than_equal": gettext_lazy("%(name)s cannot be higher than %(le)s"),
    "less_than": gettext_lazy("%(name)s must be less than %(lt)s"),
    "string_pattern_mismatch": gettext_lazy("%(name)s is not in the expected form"),
    "string_too_long": gettext_lazy("%(name)s is too long (at most %(max_length)s characters)"),
    "string_too_short": gettext_lazy("%(name)s is too short (at least %(min_length)s characters)"),
    "literal_error": gettext_lazy("%(name)s must be one of: %(expected)s"),
    "enum": gettext_lazy("%(name)s must be one of: %(expected)s"),
    "date_from_datetime_parsing": gettext_lazy("%(name)s must be a date in the form YYYY-MM-DD"),
    "date_parsing": gettext_lazy("%(name)s must be a date in the form YYYY-MM-DD"),
    "bool_parsing": gettext_lazy("%(name)s must be true or false"),
}


def from_validation_errors(errors):
    """A 400 problem for pydantic/ninja validation errors (the first one names the parameter)."""
    errors = list(errors) or [{}]
    first = errors[0]
    location = [str(part) for part in first.get("loc", ()) if part not in ("query", "path", "body")]
    # Ninja nests flattened schemas under their argument name: the parameter is the last part.
    name = location[-1] if location else ""
    kind = first.get("type", "")
    template = _PYDANTIC_DETAILS.get(kind)
    values = {"name": name, **(first.get("ctx") or {})}
    try:
        detail = str(template) % values if template else f"{name}: {first.get('msg', '')}".strip(": ")
    except (KeyError, TypeError, ValueError):
        detail = f"{name}: {first.get('msg', '')}".strip(": ")
    code = "missing_parameter" if kind == "missing" else "invalid_parameter"
    return problem_response(400, code, detail or _("Invalid parameters."), name or None)


def install_ninja_handlers(api):
    """Make a NinjaAPI answer every error as a problem (replacing its handlers, e.g. Wagtail v3's 422)."""

    def on_problem(request, exc):
        return from_exception(exc)

    def on_ninja_validation(request, exc):
        return from_validation_errors(exc.errors)

    def on_pydantic_validation(request, exc):
        return from_validation_errors(exc.errors())

    def on_django_validation(request, exc):
        return problem_response(400, "invalid_parameter", "; ".join(exc.messages)[:500])

    def on_data_error(request, exc):
        return problem_response(400, "invalid_parameter", _("A parameter has a value out of range."))

    def on_not_found(request, exc):
        message = str(exc)
        return problem_response(404, "not_found", message if message and "matches the given" not in message
                                else _("Not found."))  # fmt: skip

    def on_http_error(request, exc):
        if exc.status_code == 404:
            return on_not_found(request, exc)
        return from_wagtail_message(str(exc), exc.status_code)

    def on_authentication(request, exc):
        return problem_response(401, "authentication_required", _("This endpoint needs a bearer token."))

    def on_permission_denied(request, exc):
        if not request.user.is_authenticated:
            return on_authentication(request, exc)
        return problem_response(403, "permission_denied", str(exc) or _("Permission denied."))

    api.add_exception_handler(ApiProblem, on_problem)
    api.add_exception_handler(NinjaValidationError, on_ninja_validation)
    api.add_exception_handler(PydanticValidationError, on_pydantic_validation)
    api.add_exception_handler(DjangoValidationError, on_django_validation)
    api.add_exception_handler(DataError, on_data_error)
    api.add_exception_handler(Http404, on_not_found)
    api.add_exception_handler(HttpError, on_http_error)
    api.add_exception_handler(AuthenticationError, on_authentication)
    api.add_exception_handler(PermissionDenied, on_permission_denied)


class LocalTimeJSONEncoder(NinjaJSONEncoder):
    """Datetimes in the site's time zone with its offset (``2017-06-20T08:00:00+07:00``), as on /api/v2/."""

    def default(self, o):
        if isinstance(o, datetime.datetime) and timezone.is_aware(o):
            return timezone.localtime(o).isoformat()
        return super().default(o)


class LocalTimeRenderer(JSONRenderer):
    """JSON with timestamps in the site's offset and every URL absolute (``cms.absolute.absolutize_data``)."""

    encoder_class = LocalTimeJSONEncoder

    def render(self, request, data, *, response_status):
        if 200 <= response_status < 300:
            data = absolutize_data(data, request)
        return super().render(request, data, response_status=response_status)
