"""Absolute URLs in API responses: from ``WAGTAILAPI_BASE_URL`` when it is set, else from the request's host.

Behind a proxy the host is ``X-Forwarded-Host`` only when the proxy is trusted
(``SEN_TRUSTED_PROXY_COUNT`` > 0 turns on Django's ``USE_X_FORWARDED_HOST``).
"""

import re
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


# Attributes of HTML in API answers (rich text, embeds) that hold a URL: a path among them is made absolute.
_HTML_URL = re.compile(
    r"""(?P<attribute>\s(?:href|src|poster|data-src)=)(?P<quote>["'])(?P<path>/(?!/)[^"']*)(?P=quote)"""
)
_SRCSET = re.compile(r"""(?P<attribute>\ssrcset=)(?P<quote>["'])(?P<value>[^"']*)(?P=quote)""")
# Keys of JSON answers whose string value is a URL: a path there is made absolute.
URL_KEYS = frozenset({"url", "src", "source", "href", "download_url", "file_url", "poster_url", "embed_url"})


def absolutize_html(html, request=None):
    """``html`` with every link, image and media path (``href="/…"``, ``src="/…"``, ``srcset``) absolute."""
    if "/" not in html or ('="/' not in html and "='/" not in html and "srcset" not in html):
        return html
    base = base_url(request)

    def one(match):
        return f"{match['attribute']}{match['quote']}{base}{match['path']}{match['quote']}"

    def srcset(match):
        candidates = []
        for candidate in match["value"].split(","):
            url, _, descriptor = candidate.strip().partition(" ")
            url = absolute_url(request, url) if url.startswith("/") and not url.startswith("//") else url
            candidates.append(f"{url} {descriptor}".strip())
        return f"{match['attribute']}{match['quote']}{', '.join(candidates)}{match['quote']}"

    return _SRCSET.sub(srcset, _HTML_URL.sub(one, html))


def absolutize_data(data, request=None):
    """A JSON answer's data with absolute URLs: the paths under ``URL_KEYS`` and inside HTML strings. Walks
    dicts and lists (a new structure only where something changed)."""
    if isinstance(data, dict):
        changed = {}
        for key, value in data.items():
            if isinstance(value, str):
                if key in URL_KEYS and value.startswith("/") and not value.startswith("//"):
                    new = absolute_url(request, value)
                elif "<" in value:
                    new = absolutize_html(value, request)
                else:
                    continue
            elif isinstance(value, dict | list):
                new = absolutize_data(value, request)
            else:
                continue
            if new is not value:
                changed[key] = new
        if not changed:
            return data
        result = data.copy() if hasattr(data, "copy") else dict(data)
        result.update(changed)
        return result
    if isinstance(data, list):
        items = []
        changed = False
        for value in data:
            if isinstance(value, str) and "<" in value:
                new = absolutize_html(value, request)
            elif isinstance(value, dict | list):
                new = absolutize_data(value, request)
            else:
                new = value
            changed = changed or new is not value
            items.append(new)
        return items if changed else data
    return data
