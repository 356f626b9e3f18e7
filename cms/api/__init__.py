"""Sen's public read API.

- ``/api/v2/``: Wagtail's API v2 (pages, images, documents) with display-ready fields,
  locales, translations, an opt-in locale fallback and filters content models declare.
- ``/api/v3/``: Wagtail's API v3 preview (django-ninja), mounted as Wagtail provides it.
- ``/api/sen/``: Sen's own endpoints (django-ninja) with an OpenAPI document.

The core never imports a content app: models declare ``api_fields`` and ``api_filters``,
and plugins add their ninja routers through the ``sen_api_endpoints`` hook.
"""
