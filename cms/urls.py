import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import views as sitemap_views
from wagtail.documents import urls as wagtaildocs_urls

from cms import chrome, media, sitemaps
from cms import hooks as sen_hooks
from cms.http import accounts
from cms.preview import tokens as preview
from cms.sitemaps import SITEMAPS
from home import views as home_views
from search import views as search_views

# A database that cannot be reached answers 503 with Retry-After (cms/errors.py); other errors the 500 page.
handler500 = "cms.errors.server_error"
handler404 = "cms.http.badinput.page_not_found"

urlpatterns = [
    path("django-admin/", admin.site.urls),
    # Throttled (cms/http/accounts.py); the URL name stays Wagtail's, which reverses to the same path.
    path("admin/password_reset/", accounts.PasswordResetView.as_view()),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # A sitemap index of sections of at most SEN_SITEMAP_LIMIT URLs (cms/sitemaps.py).
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path("sitemap-<section>.xml", sitemaps.section, {"sitemaps": SITEMAPS}, name="sitemap_section"),
    path("counter/hit/", home_views.counter_hit, name="counter_hit"),
    path("counter/pixel.gif", home_views.counter_pixel, name="counter_pixel"),
    path("api/preview/", preview.preview_api, name="sen_preview_api"),
    path("api/", include("cms.api.urls")),
]

if settings.DEBUG:
    # only in DEBUG: a real deployment serves static files from the proxy, not Django
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()

if settings.DEBUG or settings.SEN_SERVE_MEDIA:
    # Uploaded media from the local disk; in a real deployment the proxy or object storage does it.
    # Documents and private images go through their collection's privacy check (cms/media.py).
    urlpatterns += [re_path(r"^%s(?P<path>.*)$" % re.escape(settings.MEDIA_URL.lstrip("/")), media.serve)]

# Vietnamese pages live at /, English translations under /en/.
urlpatterns += i18n_patterns(
    path("search/", search_views.search, name="search"),
    path("feeds/", include(sen_hooks.collect(sen_hooks.FEED_URLS))),
    # Wagtail's URLs, its page view wrapped to keep routes in the chrome cache (cms/chrome.py).
    *[pattern for pattern in wagtail_urls.urlpatterns if getattr(pattern, "name", None) != "wagtail_serve"],
    re_path(wagtail_urls.serve_pattern, chrome.serve, name="wagtail_serve"),
    prefix_default_language=False,
)
