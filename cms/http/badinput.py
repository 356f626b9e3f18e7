"""Requests Sen cannot serve, answered before they reach a view: bad bytes (400) and unknown API addresses (404).

``BadInputMiddleware`` answers 400 to a NUL character or bytes that are not UTF-8 in the
path, the query string or the names of posted form fields. Django would otherwise pass them
on: PostgreSQL refuses NUL in text (a 500 from any lookup by slug or path), and bad bytes
become U+FFFD or "%FF" text that routes to pages and queries nobody meant. Under /api/ the
answer is JSON (``{"message": …}``, as every API and feed error); elsewhere a short HTML page.
"""

import re
from urllib.parse import unquote_to_bytes

from django.http import HttpResponseBadRequest, JsonResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views import defaults

from cms.api.problems import problem_response

API_PREFIX = "/api/"
FEEDS = re.compile(r"^/(?:[a-z]{2}(?:-[a-z]+)?/)?feeds/")


def _raw(text):
    """The bytes a server put in an environ string (decoded as latin-1, as PEP 3333 says)."""
    try:
        return text.encode("latin-1")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogatepass")


def _bad_bytes(raw):
    if b"\x00" in raw:
        return True
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def _bad_path(request):
    # Django has already decoded the path and written bytes that are not UTF-8 back as
    # "%FF" (repercent_broken_unicode), so decoding the escapes again finds them.
    return _bad_encoded(request.path_info.encode("utf-8", "surrogatepass"))


def _bad_encoded(data):
    """True when URL-encoded bytes (a path, a query string, a form field's name) hide NUL or non-UTF-8 bytes."""
    return _bad_bytes(unquote_to_bytes(data.replace(b"+", b" ")))


def _bad_form(request):
    """NUL or non-UTF-8 bytes in a posted form's names or values (PostgreSQL refuses NUL in any text:
    a NUL in a sign-in form's user name reached django-axes' failure log and failed as a 500)."""
    if request.method != "POST" or request.content_type != "application/x-www-form-urlencoded":
        return False
    # Reading the body here is what request.POST does next; DATA_UPLOAD_MAX_MEMORY_SIZE still applies.
    return any(_bad_encoded(field) for field in request.body.split(b"&"))


def wants_json(request):
    """The APIs and the feeds (/feeds/, /en/feeds/) answer errors in JSON."""
    return request.path_info.startswith(API_PREFIX) or bool(FEEDS.match(request.path_info))


def bad_input_response(request, message):
    if request.path_info.startswith(API_PREFIX):
        # The APIs' error contract: application/problem+json with a stable code (cms/api/problems.py).
        response = problem_response(400, "invalid_characters", message)
    elif wants_json(request):
        response = JsonResponse({"message": message}, status=400)
    else:
        response = HttpResponseBadRequest(render_to_string("400.html", {"message": message}))
    add_never_cache_headers(response)
    return response


class BadInputMiddleware:
    """400 to a NUL or non-UTF-8 byte in the path, the query string or the names of posted fields."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _bad_path(request):
            return bad_input_response(request, _("The address contains characters that are not allowed."))
        if _bad_encoded(_raw(request.META.get("QUERY_STRING", ""))):
            return bad_input_response(
                request, _("The query string contains characters that are not allowed (NUL or invalid UTF-8).")
            )
        if _bad_form(request):
            return bad_input_response(
                request, _("The form contains characters that are not allowed (NUL or invalid UTF-8).")
            )
        return self.get_response(request)


def page_not_found(request, exception):
    """Django's 404 page, or under /api/ a JSON message like every other API error."""
    if request.path_info.startswith(API_PREFIX):
        return problem_response(404, "not_found", _("There is nothing at this address of the API."))
    return defaults.page_not_found(request, exception)
