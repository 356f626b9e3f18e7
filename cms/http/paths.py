"""URL prefixes the HTTP caching layer treats apart (read by the middleware and the page cache)."""

# Paths that manage their own caching and must never be stored: the admin, the
# visitor-counter beacon, draft preview.
PREVIEW_PREFIXES = ("/api/preview/", "/en/api/preview/")
UNCACHED_PREFIXES = ("/admin/", "/django-admin/", "/counter/", *PREVIEW_PREFIXES)
API_PREFIXES = ("/api/", "/en/api/")
