"""URLs of the APIs: /api/v2/ (Wagtail API v2), /api/v3/ (Wagtail API v3 preview), /api/sen/ (Sen's own)."""

from django.urls import include, path

from cms.api.conformance import declare_problems, describe_v3, with_description
from cms.api.guard import guard_urlpatterns
from cms.api.index import api_index
from cms.api.openapi_v2 import anonymous_without_scheme, docs_v2, openapi_v2
from cms.api.params import check_urlpatterns
from cms.api.problems import LocalTimeRenderer, install_ninja_handlers
from cms.api.router import api_router
from cms.api.schemas import with_open_ends_typed
from cms.api.sen import api as sen_api


def _guarded(urls, field_filters_for=()):
    patterns, app_name, namespace = urls
    patterns = check_urlpatterns(list(patterns), field_filters_for)
    return guard_urlpatterns(patterns), app_name, namespace


def _v3_urls():
    # Imported here: the v3 routers read every page model when they load (StreamFields typed by
    # cms.api.apps, install_v3_types).
    from wagtail.api.v3.urls import api as v3_api

    # Errors as problems with 400 (not 422) for bad parameters, like /api/v2/ and /api/sen/.
    install_ninja_handlers(v3_api)
    v3_api.get_openapi_schema = anonymous_without_scheme(v3_api.get_openapi_schema)
    v3_api.get_openapi_schema = with_open_ends_typed(v3_api.get_openapi_schema)
    v3_api.get_openapi_schema = with_description(v3_api.get_openapi_schema, describe_v3)
    v3_api.renderer = LocalTimeRenderer()  # timestamps with the site's offset, as on v2 and /api/sen/
    return _guarded(v3_api.urls, field_filters_for={"list_pages"})


sen_api.get_openapi_schema = with_open_ends_typed(sen_api.get_openapi_schema)
sen_api.get_openapi_schema = with_description(
    sen_api.get_openapi_schema, lambda document: declare_problems(document, (400, 404, 429))
)

urlpatterns = [
    path("", api_index, name="sen_api_index"),
    path("v2/openapi.json", openapi_v2, name="sen_api_v2_openapi"),
    path("v2/docs/", docs_v2, name="sen_api_v2_docs"),
    path("v2/", include((guard_urlpatterns(api_router.get_urlpatterns()), "wagtailapi"), namespace="wagtailapi")),
    path("v3/", _v3_urls()),
    path("sen/", _guarded(sen_api.urls)),
]
