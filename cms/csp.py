"""Content-Security-Policy for HTML pages (django-csp): strict on the public site, what Wagtail needs in the admin.

The public site loads scripts, styles, images and media from itself only (and from
``MEDIA_URL``'s origin when media live on object storage); an inline script or style of
Sen's own would need ``request.csp_nonce``. Video embeds may frame the providers in
``SEN_CSP_FRAME_SRC``. The Wagtail admin (``/admin/``, ``/django-admin/``, and the
previews rendered there) still uses inline scripts and styles, so it gets its own policy.
"""

import base64
import hashlib
import re
from urllib.parse import urlsplit

from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings

ADMIN_PREFIXES = ("/admin/", "/django-admin/")


def _origin(url):
    parts = urlsplit(url or "")
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") and parts.netloc else None


def inline_style_hash(template_path):
    """The CSP source of a template's one inline <style> block (the 500 page renders without a request)."""
    text = template_path.read_text(encoding="utf-8")
    match = re.search(r"<style>(.*?)</style>", text, re.DOTALL)
    if match is None:
        return None
    digest = hashlib.sha256(match.group(1).encode("utf-8")).digest()
    return "'sha256-%s'" % base64.b64encode(digest).decode("ascii")


def public_directives(frame_src=(), media_url="", extra_styles=()):
    """The public site's policy: its own origin only."""
    files = [SELF, *filter(None, [_origin(media_url)])]
    return {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE, *filter(None, extra_styles)],
        "img-src": [*files, "data:"],
        "media-src": files,
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF, *frame_src],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],  # Wagtail's live preview frames the page
    }


def admin_directives(frame_src=(), media_url=""):
    """The admin's policy: Wagtail still needs inline scripts and styles, data:/blob: images and workers."""
    files = [SELF, *filter(None, [_origin(media_url)])]
    return {
        "default-src": [SELF],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [*files, "data:", "blob:"],
        "media-src": [*files, "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF, *frame_src],
        "worker-src": [SELF, "blob:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    }


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, on HTML responses only, with the admin's own policy under ADMIN_PREFIXES."""

    def process_response(self, request, response):
        if not response.get("Content-Type", "").startswith("text/html"):
            return response
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None and request.path_info.startswith(ADMIN_PREFIXES):
            parts.config = default_config(settings.SEN_CSP_ADMIN_DIRECTIVES)
            parts.nonce = None  # a nonce would make browsers ignore 'unsafe-inline'
        return parts
