"""Sen's own read endpoints, built with django-ninja: /api/sen/ with /api/sen/openapi.json and /api/sen/docs.

- ``GET counter``: the visitor counter ("Đang truy cập", "Hôm nay", "Tổng lượt truy cập").
- ``GET announcements``: the announcements visible now.
- ``GET links``: the website links ("Liên kết website").
- ``GET search``: search over live, public pages with facets by page type and highlights.
- Plugins add their own routers through the ``sen_api_endpoints`` hook (e.g. centre
  statistics under ``centers/``).

Every error is ``application/problem+json`` (``cms.api.problems``): 400 for bad input (never 422 or 500).
"""

import datetime
import logging

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, NinjaAPI, Query, Schema
from wagtail import hooks
from wagtail.models import Locale

from cms import hooks as sen_hooks
from cms.absolute import absolute_url
from cms.api.problems import ApiProblem, LocalTimeRenderer, Problem, install_ninja_handlers

logger = logging.getLogger("sen.api")

MAX_SEARCH_LENGTH = 300
MAX_LIMIT = 50

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


LANGUAGE_PATTERN = "^(" + "|".join(code for code, _name in settings.LANGUAGES) + ")$"


def locale_or_400(code):
    """The Locale for a language code (the default language when empty)."""
    if not code:
        return Locale.get_default()
    locale = Locale.objects.filter(language_code=code).first()
    if locale is None:
        raise ApiProblem(400, "unknown_locale", _("Unknown locale “%(code)s”.") % {"code": code[:20]}, "locale")
    return locale


# Visitor counter ---------------------------------------------------------------------


class CounterFigures(Schema):
    available: bool = Field(description="False when the counter's store cannot be reached.")
    online: int | None = None
    today: int | None = None
    total: int | None = None
    formatted: dict[str, str] | None = Field(None, description='Figures written the Vietnamese way, e.g. "873.969".')


@api.get("/counter", response={200: CounterFigures}, tags=["counter"], summary="Visitor counter figures")
def counter_figures(request):
    """Visitors online now, today, and in total (including the count before Sen), without counting this call."""
    from home import counter
    from home.views import figures_payload

    return figures_payload(request, counter.current_figures())


# Announcements and links -----------------------------------------------------------------


class LocaleFilter(Schema):
    locale: str | None = Field(None, pattern=LANGUAGE_PATTERN, description="Language code: vi or en.")


def _local(value):
    """An aware datetime in the portal's time zone (ISO 8601 with its offset, e.g. +07:00)."""
    return timezone.localtime(value) if value is not None else None


class AnnouncementOut(Schema):
    id: int
    title: str
    text: str = Field(description="HTML, internal links resolved.")
    url: str = Field(description="Where the details are: the link, or the document's download URL.")
    link_url: str
    document_url: str | None
    visible_from: datetime.datetime | None
    visible_until: datetime.datetime | None
    pinned: bool
    locale: str


@api.get("/announcements", response={200: list[AnnouncementOut], 400: Problem}, tags=["site"])
def announcements(request, filters: Query[LocaleFilter]):
    """The announcements visible now, pinned first, in one language (Vietnamese by default)."""
    from wagtail.rich_text import expand_db_html

    from home.models import Announcement

    locale = locale_or_400(filters.locale)
    items = Announcement.objects.visible(locale=locale).select_related("document", "locale")[:100]
    return [
        {
            "id": item.pk,
            "title": item.title,
            "text": expand_db_html(item.text) if item.text else "",
            "url": item.url,
            "link_url": item.link_url,
            "document_url": absolute_url(request, item.document.url) if item.document_id else None,
            "visible_from": _local(item.visible_from),
            "visible_until": _local(item.visible_until),
            "pinned": item.pinned,
            "locale": item.locale.language_code,
        }
        for item in items
    ]


class LinkOut(Schema):
    id: int
    title: str
    url: str
    logo: dict | None = Field(None, description="The logo's renditions with URL, width and height, and alt text.")


@api.get("/links", response={200: list[LinkOut], 400: Problem}, tags=["site"])
def website_links(request, filters: Query[LocaleFilter]):
    """The website links ("Liên kết website") in the editors' order."""
    from cms.blocks import image_api_representation
    from home.models import WebsiteLink

    locale = locale_or_400(filters.locale)
    links = WebsiteLink.objects.filter(locale=locale).select_related("logo").prefetch_related("logo__renditions")
    return [
        {
            "id": link.pk,
            "title": link.title,
            "url": link.url,
            "logo": image_api_representation(link.logo, link.title, request=request),
        }
        for link in links[:200]
    ]


# Search ------------------------------------------------------------------------------------


class SearchParams(Schema):
    q: str = Field(..., min_length=1, max_length=MAX_SEARCH_LENGTH, description="The words to look for.")
    type: list[str] = Field(
        [], description="Limit to page types, by facet key (e.g. articles.newspage); repeat for several."
    )
    locale: str | None = Field(None, pattern=LANGUAGE_PATTERN, description="Language code: vi or en.")
    date_from: datetime.date | None = Field(None, description="Pages dated on or after this day (YYYY-MM-DD).")
    date_to: datetime.date | None = Field(None, description="Pages dated on or before this day (YYYY-MM-DD).")
    page: int = Field(1, ge=1, le=10_000)
    per_page: int = Field(10, ge=1, le=MAX_LIMIT)


class SearchFacet(Schema):
    key: str = Field(description="Facet key for ?type=, e.g. articles.newspage.")
    label: str
    count: int
    selected: bool


class SearchHit(Schema):
    id: int
    title: str
    title_html: str = Field(description="Escaped HTML with the query's words in <mark>.")
    excerpt_html: str = Field(description="Escaped text around the first match, the query's words in <mark>.")
    type: str
    type_label: str
    locale: str
    html_url: str | None
    api_url: str
    date: datetime.date | None


class SearchResults(Schema):
    query: str
    total: int
    total_capped: bool = Field(False, description="True when more than `total` pages match (counts stop there).")
    page: int
    per_page: int
    num_pages: int
    facets: list[SearchFacet]
    items: list[SearchHit]


@api.get("/search", response={200: SearchResults, 400: Problem}, tags=["search"])
def search(request, params: Query[SearchParams]):
    """Search live, public pages (accents optional), with a count per page type and highlighted excerpts."""
    from django.urls import reverse

    from search.query import SearchError, search_pages

    if params.type and len(params.type) > 20:
        raise ApiProblem(400, "invalid_parameter", _("Give at most 20 page types."), "type")
    try:
        results = search_pages(
            params.q,
            locale=params.locale,
            content_types=params.type or None,
            date_from=params.date_from,
            date_to=params.date_to,
            page=params.page,
            per_page=params.per_page,
            request=request,
        )
    except SearchError as exc:
        raise ApiProblem(400, "invalid_parameter", str(exc.message), getattr(exc, "parameter", "q")) from exc
    return {
        "query": results.query,
        "total": results.total,
        "total_capped": results.capped,
        "page": results.page,
        "per_page": results.per_page,
        "num_pages": results.num_pages,
        "facets": [
            {"key": f.key, "label": str(f.label), "count": f.count, "selected": f.selected} for f in results.facets
        ],
        "items": [
            {
                "id": hit.page.pk,
                "title": hit.title,
                "title_html": str(hit.title_html),
                "excerpt_html": str(hit.excerpt_html),
                "type": hit.content_type,
                "type_label": str(hit.content_type_label),
                "locale": hit.locale,
                "html_url": hit.page.get_full_url(request),
                "api_url": absolute_url(request, reverse("wagtailapi:pages:detail", args=[hit.page.pk])),
                "date": hit.date,
            }
            for hit in results.items
        ],
    }


# Plugins ------------------------------------------------------------------------------------

for register in hooks.get_hooks(sen_hooks.API_ENDPOINTS):
    register(api)
