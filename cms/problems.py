"""The shape of an HTTP error for machines: ``application/problem+json`` (RFC 9457).

The core's, so that the outage and bad-input answers (``cms.errors``, ``cms.http.badinput``) give the
same body as the APIs (``cms.api.problems`` adds the API's codes, schema and handlers)::

    {"type": "about:blank", "status": 400, "title": "Bad Request", "code": "unknown_parameter",
     "parameter": "foo", "detail": "…"}
"""

import json
from http import HTTPStatus

from django.http import HttpResponse
from django.utils.translation import gettext_lazy

PROBLEM_JSON = "application/problem+json"

# HTTP status phrases, translated (the ``title`` of a problem).
TITLES = {
    400: gettext_lazy("Bad request"),
    401: gettext_lazy("Authentication required"),
    403: gettext_lazy("Forbidden"),
    404: gettext_lazy("Not found"),
    405: gettext_lazy("Method not allowed"),
    429: gettext_lazy("Too many requests"),
    503: gettext_lazy("Service unavailable"),
}


def problem_body(status, code, detail, parameter=None, **extra):
    try:
        fallback_title = HTTPStatus(status).phrase
    except ValueError:
        fallback_title = "Error"
    body = {
        "type": "about:blank",
        "status": status,
        "title": str(TITLES.get(status, fallback_title)),
        "code": code,
        "parameter": parameter,
        "detail": str(detail),
    }
    body.update(extra)
    return body


def problem_response(status, code, detail, parameter=None, **extra):
    response = HttpResponse(
        json.dumps(problem_body(status, code, detail, parameter, **extra), ensure_ascii=False),
        status=status,
        content_type=PROBLEM_JSON,
    )
    return response
