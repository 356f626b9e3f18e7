"""``GET /api/``: what the site offers other sites (the API versions, their OpenAPI documents, the feeds)."""

from django.http import JsonResponse
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from cms import hooks as sen_hooks
from cms.absolute import absolute_url
from cms.api.params import ALWAYS_ALLOWED
from cms.api.problems import from_exception, unknown_parameters


def _feeds(request):
    feeds = []
    for pattern in sen_hooks.collect(sen_hooks.FEED_URLS):
        name = getattr(pattern, "name", None)
        try:
            url = reverse(name) if name else None
        except NoReverseMatch:
            url = None
        if url:
            feeds.append({"name": name.removeprefix("sen_feed_"), "url": absolute_url(request, url)})
    return feeds


def _reversed(request, name):
    try:
        return absolute_url(request, reverse(name))
    except NoReverseMatch:
        return None


def api_index(request):
    if set(request.GET) - ALWAYS_ALLOWED:
        return from_exception(unknown_parameters(set(request.GET) - ALWAYS_ALLOWED))
    versions = [
        {
            "name": "v2",
            "description": _("Pages, images and documents (Wagtail API v2)"),
            "url": absolute_url(request, "/api/v2/"),
            "endpoints": [absolute_url(request, f"/api/v2/{name}/") for name in ("pages", "images", "documents")],
            "openapi": _reversed(request, "sen_api_v2_openapi"),
            "docs": _reversed(request, "sen_api_v2_docs"),
        },
        {
            "name": "v3",
            "description": _("Pages and sites (Wagtail API v3 preview)"),
            "url": absolute_url(request, "/api/v3/"),
            "openapi": absolute_url(request, reverse("wagtailapi_v3:openapi-json")),
            "docs": absolute_url(request, reverse("wagtailapi_v3:openapi-view")),
        },
        {
            "name": "sen",
            "description": _("Statistics, visitor counter, search, announcements, links, administrative units"),
            "url": absolute_url(request, "/api/sen/"),
            "openapi": absolute_url(request, reverse("sen_api:openapi-json")),
            "docs": absolute_url(request, reverse("sen_api:openapi-view")),
        },
    ]
    return JsonResponse({"versions": versions, "feeds": _feeds(request)}, json_dumps_params={"ensure_ascii": False})
