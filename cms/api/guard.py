"""Input checks shared by every API endpoint: bad input is a 400 with a JSON message, never a 500."""

import functools
import logging
import re

from django.core.exceptions import ValidationError
from django.db import DataError
from django.utils.translation import gettext as _
from wagtail.utils.urlpatterns import decorate_urlpatterns

from cms.api.problems import problem_response
from cms.text import parse_int

logger = logging.getLogger("sen.api")

MAX_QUERY_STRING = 4096
MAX_PARAMETER_LENGTH = 1000
LONG_NUMBER = re.compile(r"[+-]?[0-9]{19,}")


def bad_request(message, status=400):
    return problem_response(status, "invalid_query", message)


def query_problem(request):
    """What is wrong with the request's query string, or None."""
    if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_STRING:
        return _("The query string is too long.")
    for key, values in request.GET.lists():
        if "\x00" in key or any("\x00" in value for value in values):
            return _("Null characters are not allowed in query parameters.")
        if len(key) > 100 or any(len(value) > MAX_PARAMETER_LENGTH for value in values):
            return _("The query parameter “%(name)s” is too long.") % {"name": key[:100]}
        # No parameter takes a number past 64 bits; a database would fail on it (SQLite: OverflowError).
        if any(LONG_NUMBER.fullmatch(value.strip()) for value in values):
            return _("The query parameter “%(name)s” is too long.") % {"name": key[:100]}
    # Wagtail's ``site`` filter (v2 and v3) splits "host:port" and looks the port up as a number: a port
    # that is not one was a 500.
    for site in request.GET.getlist("site"):
        if ":" in site and parse_int(site.split(":", 1)[1], 0, 65535) is None:
            return _("The site filter is a host name with an optional port number, e.g. example.org:8000.")
    return None


def guard_view(view):
    """Reject malformed query strings, and turn database errors caused by input values into 400s."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        problem = query_problem(request)
        if problem:
            return bad_request(problem)
        try:
            response = view(request, *args, **kwargs)
        except (OverflowError, DataError, ValidationError) as exc:
            logger.info("API input rejected: %s", exc)
            return bad_request(_("A query parameter has a value out of range or in the wrong format."))
        if response.status_code == 405 and "json" not in response.get("Content-Type", ""):
            # django-ninja answers a wrong method with a bare text body.
            refused = bad_request(
                _("The method %(method)s is not allowed here.") % {"method": request.method[:20]}, status=405
            )
            if response.has_header("Allow"):
                refused["Allow"] = response["Allow"]
            return refused
        return response

    return wrapped


def guard_urlpatterns(urlpatterns):
    return decorate_urlpatterns(urlpatterns, guard_view)
