"""URL prefixes the HTTP caching layer treats apart (read by the middleware and the page cache)."""

# Paths that manage their own caching and must never be stored: the admin, the
# visitor-counter beacon, draft preview.
PREVIEW_PREFIXES = ("/api/preview/", "/en/api/preview/")
UNCACHED_PREFIXES = ("/admin/", "/django-admin/", "/counter/", *PREVIEW_PREFIXES)
API_PREFIXES = ("/api/", "/en/api/")
# Paths whose answers take their language from Accept-Language rather than from the path (the APIs outside a
# language prefix, cms.api.middleware): the page cache keys them by the negotiated language.
NEGOTIATED_PREFIXES = ("/api/",)
