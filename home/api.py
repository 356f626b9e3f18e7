"""Home's part of Sen's API (/api/sen/), registered through the ``sen_api_endpoints`` hook.

- ``GET counter``: the visitor counter ("Đang truy cập", "Hôm nay", "Tổng lượt truy cập").
- ``GET announcements``: the announcements visible now.
- ``GET links``: the website links ("Liên kết website").

The operation ids keep the names they had when the core served these endpoints
(``cms_api_sen_…``): clients generated from the OpenAPI document use them.
"""

import datetime

from ninja import Field, Query, Router, Schema
from wagtail.rich_text import expand_db_html

from cms.absolute import absolute_url
from cms.api.common import LocaleFilter, local_time, locale_or_400
from cms.api.problems import Problem
from cms.blocks import image_api_representation
from cms.shapes import ImageRef
from home import counter
from home.models import Announcement, WebsiteLink
from home.views import figures_payload

router = Router()


# Visitor counter ---------------------------------------------------------------------


class CounterFigures(Schema):
    available: bool = Field(description="False when the counter's store cannot be reached.")
    online: int | None = None
    today: int | None = None
    total: int | None = None
    formatted: dict[str, str] | None = Field(None, description='Figures written the Vietnamese way, e.g. "873.969".')


@router.get(
    "/counter",
    response={200: CounterFigures},
    tags=["counter"],
    summary="Visitor counter figures",
    operation_id="cms_api_sen_counter_figures",
)
def counter_figures(request):
    """Visitors online now, today, and in total (including the count before Sen), without counting this call."""
    return figures_payload(request, counter.current_figures())


# Announcements and links -----------------------------------------------------------------


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


@router.get(
    "/announcements",
    response={200: list[AnnouncementOut], 400: Problem},
    tags=["site"],
    operation_id="cms_api_sen_announcements",
)
def announcements(request, filters: Query[LocaleFilter]):
    """The announcements visible now, pinned first, in one language (Vietnamese by default)."""
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
            "visible_from": local_time(item.visible_from),
            "visible_until": local_time(item.visible_until),
            "pinned": item.pinned,
            "locale": item.locale.language_code,
        }
        for item in items
    ]


class LinkOut(Schema):
    id: int
    title: str
    url: str
    logo: ImageRef | None = Field(None, description="The logo's renditions with URL, width and height, and alt text.")


@router.get(
    "/links",
    response={200: list[LinkOut], 400: Problem},
    tags=["site"],
    operation_id="cms_api_sen_website_links",
)
def website_links(request, filters: Query[LocaleFilter]):
    """The website links ("Liên kết website") in the editors' order."""
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


def register(api):
    api.add_router("", router)
