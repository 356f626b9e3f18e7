"""URLs of the APIs: /api/v2/ (Wagtail API v2), /api/v3/ (Wagtail API v3 preview), /api/sen/ (Sen's own)."""

from django.urls import include, path

from cms.api.guard import guard_urlpatterns
from cms.api.router import api_router
from cms.api.sen import api as sen_api


def _guarded(urls):
    patterns, app_name, namespace = urls
    return guard_urlpatterns(list(patterns)), app_name, namespace


def _v3_urls():
    # Imported here: the v3 routers read every page model when they load.
    from wagtail.api.v3.urls import api as v3_api

    return _guarded(v3_api.urls)


urlpatterns = [
    path("v2/", include((guard_urlpatterns(api_router.get_urlpatterns()), "wagtailapi"), namespace="wagtailapi")),
    path("v3/", _v3_urls()),
    path("sen/", _guarded(sen_api.urls)),
]
