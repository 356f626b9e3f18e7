"""Sen's own read endpoints, built with django-ninja: /api/sen/ with /api/sen/openapi.json and /api/sen/docs.

The core makes the API and its error handling; every endpoint comes from an app through the
``sen_api_endpoints`` hook, the site's own as any plugin's:

- home: ``GET counter`` (the visitor counter), ``GET announcements``, ``GET links`` (``home/api.py``);
- search: ``GET search``, with facets by page type and highlights (``search/api.py``);
- content plugins: e.g. centre statistics under ``centers/`` (``centers/api.py``).

Every error is ``application/problem+json`` (``cms.api.problems``): 400 for bad input (never 422 or 500).
"""

from ninja import NinjaAPI
from wagtail import hooks

from cms import hooks as sen_hooks
from cms.api.problems import LocalTimeRenderer, install_ninja_handlers

api = NinjaAPI(
    title="Sen API",
    version="1.0.0",
    description=(
        "Sen's own read endpoints: centre statistics, visitor counter figures, search with "
        "facets and highlights, announcements and website links. Content pages, images and "
        "documents are served by the Wagtail API at /api/v2/."
    ),
    urls_namespace="sen_api",
    renderer=LocalTimeRenderer(),
    openapi_url="/openapi.json",
    docs_url="/docs",
)


install_ninja_handlers(api)

for register in hooks.get_hooks(sen_hooks.API_ENDPOINTS):
    register(api)
