"""When the database is unreachable (restarting, failing over): a 503 with Retry-After, never a 500.

Django turns every exception a view or middleware raises into the ``handler500`` response; ``server_error``
below is that handler. When the exception is (or was caused by) a database connection error, it answers
503 Service Unavailable with ``Retry-After``: a short Vietnamese page, or a problem+json under /api/. Neither touches
the database or the cache. Any other error keeps Django's 500 page (templates/500.html, no traceback).

``AtomicAdminWritesMiddleware`` makes a publish all or nothing: Wagtail saves the revision and publishes it
in separate steps, so a database lost between them would leave a saved-but-unpublished revision. Every
non-GET request to the admin runs in one transaction, rolled back when it ends in a server error.
"""

import sys

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, transaction
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views import defaults

from cms.problems import problem_response

API_PREFIXES = ("/api/", "/en/api/")
ADMIN_PREFIXES = ("/admin/", "/django-admin/")
SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")


def database_unavailable_error(exc):
    """Whether ``exc`` (or an exception it came from) says the database cannot be reached."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, (OperationalError, InterfaceError)):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def retry_after():
    return max(int(getattr(settings, "SEN_RETRY_AFTER", 5)), 1)


def database_unavailable(request):
    """503 with Retry-After: a problem+json for API clients, a short page for people. No database, no cache."""
    seconds = retry_after()
    message = _("The site is briefly unavailable. Please try again in a few seconds.")
    if request.path.startswith(API_PREFIXES):
        response = problem_response(503, "unavailable", message, retry_after=seconds)
    else:
        html = render_to_string("503.html", {"message": message, "retry_after": seconds})
        response = HttpResponse(html, status=503, content_type="text/html; charset=utf-8")
    response["Retry-After"] = str(seconds)
    add_never_cache_headers(response)
    return response


def server_error(request, template_name=defaults.ERROR_500_TEMPLATE_NAME):
    """handler500: called while Django handles the exception, so ``sys.exc_info()`` names it."""
    if database_unavailable_error(sys.exc_info()[1]):
        return database_unavailable(request)
    return defaults.server_error(request, template_name)


class AtomicAdminWritesMiddleware:
    """Run each admin POST (save, publish, approve…) in one transaction: done entirely or not at all."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in SAFE_METHODS or not request.path.startswith(ADMIN_PREFIXES):
            return self.get_response(request)
        try:
            with transaction.atomic():
                response = self.get_response(request)
                if response.status_code >= 500:
                    transaction.set_rollback(True)
        except DatabaseError:
            # The commit (or rollback) itself failed: the connection is gone, nothing was kept.
            if database_unavailable_error(sys.exc_info()[1]):
                return database_unavailable(request)
            raise
        return response
