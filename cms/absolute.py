"""Absolute URLs in API responses: from ``WAGTAILAPI_BASE_URL`` when it is set, else from the request's host.

Behind a proxy the host is ``X-Forwarded-Host`` only when the proxy is trusted
(``SEN_TRUSTED_PROXY_COUNT`` > 0 turns on Django's ``USE_X_FORWARDED_HOST``).
"""

from urllib.parse import urlsplit

from django.conf import settings
from wagtail.models import Site


def base_url(request=None):
    configured = getattr(settings, "WAGTAILAPI_BASE_URL", None)
    if configured:
        parts = urlsplit(str(configured))
        return f"{parts.scheme}://{parts.netloc}"
    if request is not None:
        return request.build_absolute_uri("/").rstrip("/")

    # Outside a request (webhooks, tasks): the site's root URL, from Wagtail's cached list (no query).
    root_paths = Site.get_site_root_paths()
    return root_paths[0].root_url if root_paths else ""


def absolute_url(request, url):
    """``url`` (a path, or already absolute) as an absolute URL."""
    if not url or url.startswith(("http://", "https://", "//")):
        return url
    return base_url(request) + (url if url.startswith("/") else "/" + url)
