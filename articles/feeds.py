"""RSS 2.0, Atom and JSON Feed (1.1) of news and video bulletins, per locale and per category.

Contributed to the core through the ``sen_feed_urls`` hook; cms/urls.py mounts the
patterns under /feeds/ (Vietnamese) and /en/feeds/ (English). ``?locale=vi|en``
overrides the language of the URL, ``?category=<slug>`` filters news by category.
Items carry the full content as HTML with absolute URLs, and bulletins their video
file as an enclosure (URL, length, MIME type).
"""

import datetime
import re

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Q
from django.http import Http404, JsonResponse
from django.urls import path, reverse
from django.utils import feedgenerator, timezone, translation
from django.utils.html import escape, strip_tags
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page, Site
from wagtail.rich_text import expand_db_html

from articles import queries
from articles.models import Category, NewsPage, VideoBulletinPage
from articles.models.categories import in_category_or_translations
from cms.pages import listable
from cms.renditions import FEED_IMAGE, get_rendition

FEED_ITEMS = 30
ALLOWED_PARAMS = {"locale", "category"}
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,99}$")
# src="/media/…", href="/tin-tuc/…", poster="/…" (not protocol-relative "//host/…")
RELATIVE_URL_RE = re.compile(r'(\s(?:src|href|poster)=")(/(?!/)[^"]*)"')


class FeedParameterError(Exception):
    """A bad query parameter: answered with 400 and a JSON message."""


class FeedContext:
    """What a feed request asks for: locale, optional category, the site and the base URL."""

    def __init__(self, request, with_category):
        for name, value in request.GET.lists():
            if name not in ALLOWED_PARAMS or (with_category is False and name == "category"):
                raise FeedParameterError(_("Unknown parameter: %(name)s.") % {"name": name[:50]})
            if len(value) > 1:
                raise FeedParameterError(_("Give %(name)s only once.") % {"name": name})
            if "\x00" in value[0]:
                raise FeedParameterError(_("Parameters cannot contain NUL characters."))
        self.request = request
        language = request.GET.get("locale") or translation.get_language() or "vi"
        if language not in dict(_languages()):
            raise FeedParameterError(_("Unknown locale: %(locale)s.") % {"locale": language[:20]})
        self.locale = Locale.objects.filter(language_code=language).first()
        if self.locale is None:
            raise Http404(_("There is no content in this language."))
        self.category = None
        slug = request.GET.get("category")
        if slug is not None:
            if not SLUG_RE.match(slug):
                raise FeedParameterError(_("A category is given by its slug, e.g. giao-duc."))
            self.category = Category.objects.filter(locale=self.locale, slug=slug).first()
            if self.category is None:
                raise Http404(_("There is no category “%(slug)s”.") % {"slug": slug})
        self.site = Site.find_for_request(request)

    def absolute(self, url):
        return self.request.build_absolute_uri(url) if url else ""

    def absolutize_html(self, html):
        return RELATIVE_URL_RE.sub(lambda m: f'{m.group(1)}{escape(self.absolute(m.group(2)))}"', html)

    def scope(self, queryset):
        queryset = listable(queryset.filter(locale=self.locale))  # public, not expired: cms.pages
        if self.site is not None:
            # The site's root page in this locale: translations of the root are its siblings.
            roots = Page.objects.filter(translation_key=self.site.root_page.translation_key, locale=self.locale)
            condition = Q(pk__in=[])
            for root in roots:
                condition |= Q(path__startswith=root.path)
            queryset = queryset.filter(condition)
        return queryset


def _languages():
    return settings.LANGUAGES


# Feed generators with the full content: RSS content:encoded, Atom <content>.


class StableWhenEmpty:
    """A feed with no items is dated by its index page, not by the clock (Django's default for an empty feed is
    "now": each request would answer a different <updated>/<lastBuildDate>, and a new ETag)."""

    def latest_post_date(self):
        if not self.items and self.feed.get("updated_when_empty") is not None:
            return self.feed["updated_when_empty"]
        return super().latest_post_date()


class RssWithContent(StableWhenEmpty, feedgenerator.Rss201rev2Feed):
    def rss_attributes(self):
        attrs = super().rss_attributes()
        attrs["xmlns:content"] = "http://purl.org/rss/1.0/modules/content/"
        return attrs

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content_html"):
            handler.addQuickElement("content:encoded", item["content_html"])


class AtomWithContent(StableWhenEmpty, feedgenerator.Atom1Feed):
    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content_html"):
            handler.addQuickElement("content", item["content_html"], {"type": "html"})


# What the feeds list.


class NewsSource:
    kind = "news"
    with_category = True

    def index(self, context):
        return queries.news_index(context.locale)

    def items(self, context):
        queryset = context.scope(NewsPage.objects.all())
        if context.category is not None:
            queryset = queryset.filter(pk__in=in_category_or_translations(context.category))
        items = list(queries.news_listing(queryset).prefetch_related("tagged_items__tag")[:FEED_ITEMS])
        known = {}  # the categories' translations, looked up once for the feed (articles.models.categories.in_locale)
        for page in items:
            page.category_translations = known
        return items

    def title(self, context, index):
        title = index.title if index else _("News")
        if context.category is not None:
            title = f"{title} – {context.category.name}"
        return title

    def description(self, context, index):
        if context.category is not None and context.category.description:
            return context.category.description
        return strip_tags(index.intro) if index and index.intro else _("The latest news.")

    def summary(self, page):
        return page.summary

    def content_html(self, context, page):
        parts = []
        if page.summary:
            parts.append(f"<p><strong>{escape(page.summary)}</strong></p>")
        rendition = get_rendition(page.main_image, FEED_IMAGE) if page.main_image else None
        if rendition is not None:
            caption = f"<figcaption>{escape(page.main_image_caption)}</figcaption>" if page.main_image_caption else ""
            parts.append(
                f'<figure><img src="{escape(rendition.url)}" width="{rendition.width}" height="{rendition.height}"'
                f' alt="{escape(page.main_image_alt)}">{caption}</figure>'
            )
        parts.append(str(page.body.render_as_block()) if page.body else "")
        byline = [escape(page.author)] if page.author else []
        if page.source:
            source = escape(page.source)
            if page.source_url:
                source = f'<a href="{escape(page.source_url)}">{source}</a>'
            byline.append(_("Source:") + " " + source)
        if byline:
            parts.append("<p>" + " – ".join(byline) + "</p>")
        return context.absolutize_html("\n".join(parts))

    def date(self, page):
        return page.display_date or page.last_published_at

    def author(self, page):
        return page.author or None

    def categories(self, page):
        return [category.name for category in page.display_categories] + [
            tag.tag.name for tag in page.tagged_items.all()
        ]

    def image(self, context, page):
        rendition = get_rendition(page.main_image, FEED_IMAGE) if page.main_image else None
        return context.absolute(rendition.url) if rendition is not None else None

    def attachment(self, context, page):
        return None


class VideoSource:
    kind = "videos"
    with_category = False

    def index(self, context):
        return queries.video_index(context.locale)

    def items(self, context):
        queryset = context.scope(VideoBulletinPage.objects.all())
        return list(queries.bulletin_listing(queryset)[:FEED_ITEMS])

    def title(self, context, index):
        return index.title if index else _("Video bulletins")

    def description(self, context, index):
        return strip_tags(index.intro) if index and index.intro else _("The latest video bulletins.")

    def summary(self, page):
        return strip_tags(page.description)[:500]

    def content_html(self, context, page):
        parts = []
        rendition = get_rendition(page.poster, FEED_IMAGE) if page.poster else None
        if rendition is not None:
            parts.append(f'<p><img src="{escape(rendition.url)}" alt="{escape(page.title)}"></p>')
        document = page.video_file
        if document is not None:
            parts.append(
                f'<p><video controls preload="none" src="{escape(document.url)}"></video></p>'
                f'<p><a href="{escape(document.url)}">{escape(_("Download the video"))}</a></p>'
            )
        elif page.embed_url:
            parts.append(f'<p><a href="{escape(page.embed_url)}">{escape(_("Watch the video"))}</a></p>')
        if page.description:
            parts.append(expand_db_html(page.description))
        if page.transcript:
            paragraphs = "".join(f"<p>{escape(line)}</p>" for line in page.transcript.splitlines() if line.strip())
            parts.append(f"<h2>{escape(_('Transcript'))}</h2>{paragraphs}")
        return context.absolutize_html("\n".join(parts))

    def date(self, page):
        return timezone.make_aware(datetime.datetime.combine(page.broadcast_date, datetime.time(12, 0)))

    def author(self, page):
        return None

    def categories(self, page):
        return []

    def image(self, context, page):
        rendition = get_rendition(page.poster, FEED_IMAGE) if page.poster else None
        return context.absolute(rendition.url) if rendition is not None else None

    def attachment(self, context, page):
        document = page.video_file
        if document is None:
            return None
        return {
            "url": context.absolute(document.url),
            "length": document.get_file_size() or 0,
            "type": document.content_type or "video/mp4",
            "duration": int(page.duration.total_seconds()) if page.duration else None,
        }


# RSS and Atom through Django's syndication framework.


class SenFeed(Feed):
    source = None
    feed_type = RssWithContent

    def get_object(self, request, *args, **kwargs):
        context = FeedContext(request, self.source.with_category)
        context.index = self.source.index(context)
        return context

    def title(self, context):
        return self.source.title(context, context.index)

    def link(self, context):
        if context.index is None:
            return context.absolute("/")
        url = context.index.get_url(context.request) or "/"
        if context.category is not None:
            url += "?category=" + context.category.slug
        return context.absolute(url)

    def feed_url(self, context):
        return context.request.build_absolute_uri()

    def description(self, context):
        return self.source.description(context, context.index)

    def subtitle(self, context):
        return self.description(context)

    def feed_extra_kwargs(self, context):
        index = context.index
        return {"updated_when_empty": (index.last_published_at or index.latest_revision_created_at) if index else None}

    def get_feed(self, obj, request):
        self._context = obj
        self.language = obj.locale.language_code  # read as a plain attribute by Feed.get_feed
        return super().get_feed(obj, request)

    def items(self, context):
        return self.source.items(context)

    def item_title(self, page):
        return page.title

    def item_link(self, page):
        return self._context.absolute(page.get_url(self._context.request))

    def item_guid(self, page):
        return self.item_link(page)

    def item_description(self, page):
        return self.source.summary(page) or page.title

    def item_pubdate(self, page):
        return self.source.date(page)

    def item_updateddate(self, page):
        return page.last_published_at or self.source.date(page)

    def item_author_name(self, page):
        return self.source.author(page)

    def item_categories(self, page):
        return self.source.categories(page)

    def item_enclosures(self, page):
        attachment = self.source.attachment(self._context, page)
        if attachment is None:
            return []
        return [feedgenerator.Enclosure(attachment["url"], str(attachment["length"]), attachment["type"])]

    def item_extra_kwargs(self, page):
        return {"content_html": self.source.content_html(self._context, page)}

    def __call__(self, request, *args, **kwargs):
        try:
            return super().__call__(request, *args, **kwargs)
        except FeedParameterError as error:
            return _bad_request(error)


def _bad_request(error):
    return JsonResponse({"message": str(error)}, status=400, json_dumps_params={"ensure_ascii": False})


class NewsRssFeed(SenFeed):
    source = NewsSource()


class NewsAtomFeed(NewsRssFeed):
    feed_type = AtomWithContent


class VideoRssFeed(SenFeed):
    source = VideoSource()


class VideoAtomFeed(VideoRssFeed):
    feed_type = AtomWithContent


# JSON Feed 1.1 (https://jsonfeed.org/version/1.1).


def json_feed_view(source):
    def view(request):
        feed = SenFeed()
        feed.source = source
        try:
            context = feed.get_object(request)
        except FeedParameterError as error:
            return _bad_request(error)
        feed._context = context
        items = []
        for page in source.items(context):
            date = source.date(page)
            item = {
                "id": feed.item_guid(page),
                "url": feed.item_link(page),
                "title": page.title,
                "content_html": source.content_html(context, page),
                "summary": source.summary(page) or None,
                "image": source.image(context, page),
                "date_published": date.isoformat() if date else None,
                "date_modified": page.last_published_at.isoformat() if page.last_published_at else None,
                "authors": [{"name": source.author(page)}] if source.author(page) else None,
                "tags": source.categories(page) or None,
                "language": context.locale.language_code,
            }
            attachment = source.attachment(context, page)
            if attachment is not None:
                item["attachments"] = [
                    {
                        "url": attachment["url"],
                        "mime_type": attachment["type"],
                        "size_in_bytes": attachment["length"],
                        **({"duration_in_seconds": attachment["duration"]} if attachment["duration"] else {}),
                    }
                ]
            items.append({key: value for key, value in item.items() if value is not None})
        data = {
            "version": "https://jsonfeed.org/version/1.1",
            "title": feed.title(context),
            "home_page_url": feed.link(context),
            "feed_url": request.build_absolute_uri(),
            "description": feed.description(context),
            "language": context.locale.language_code,
            "items": items,
        }
        return JsonResponse(data, content_type="application/feed+json", json_dumps_params={"ensure_ascii": False})

    return view


def per_request(feed_class):
    """A view making a new feed object for each request (feeds keep the request's context)."""

    def view(request):
        return feed_class()(request)

    return view


def feed_urlpatterns():
    """The patterns cms/urls.py mounts under /feeds/ (and /en/feeds/)."""
    return [
        path("news/rss/", per_request(NewsRssFeed), name="sen_feed_news_rss"),
        path("news/atom/", per_request(NewsAtomFeed), name="sen_feed_news_atom"),
        path("news/json/", json_feed_view(NewsSource()), name="sen_feed_news_json"),
        path("videos/rss/", per_request(VideoRssFeed), name="sen_feed_videos_rss"),
        path("videos/atom/", per_request(VideoAtomFeed), name="sen_feed_videos_atom"),
        path("videos/json/", json_feed_view(VideoSource()), name="sen_feed_videos_json"),
    ]


def feed_links(kind, category=None):
    """(type, title, URL) of the feeds of ``kind`` ("news" or "videos") for <link rel="alternate">."""
    suffix = f"?category={category.slug}" if category is not None else ""
    return [
        ("application/rss+xml", "RSS", reverse(f"sen_feed_{kind}_rss") + suffix),
        ("application/atom+xml", "Atom", reverse(f"sen_feed_{kind}_atom") + suffix),
        ("application/feed+json", "JSON Feed", reverse(f"sen_feed_{kind}_json") + suffix),
    ]
