"""The querysets that templates, hooks and the API share: latest news and bulletins.

Every listing selects and prefetches what a list item shows, so that it renders in
a fixed number of queries however many items it holds.
"""

from django.db.models import F, Prefetch
from wagtail.images import get_image_model
from wagtail.models import Locale

from articles.models import Category, NewsIndexPage, NewsPage, VideoBulletinPage, VideoIndexPage
from cms.renditions import API_RENDITIONS, responsive_specs

# The renditions list items show (the "card" set of articles/includes/*_card.html) and the API's.
LIST_RENDITIONS = [API_RENDITIONS["thumbnail"], API_RENDITIONS["card"], *responsive_specs("card")]


def _renditions(lookup):
    rendition_model = get_image_model().get_rendition_model()
    return Prefetch(lookup, queryset=rendition_model.objects.filter(filter_spec__in=LIST_RENDITIONS))


def _active_locale(locale):
    if locale is not None:
        return locale
    try:
        return Locale.get_active()
    except Locale.DoesNotExist:
        return None


def news_listing(queryset=None):
    """Live news, newest first, with main image, renditions and categories fetched in bulk."""
    queryset = NewsPage.objects.all() if queryset is None else queryset
    return (
        queryset.live()
        .select_related("main_image", "locale")
        .prefetch_related(
            _renditions("main_image__renditions"),
            Prefetch("categories", queryset=Category.objects.order_by("name")),
        )
        .order_by(F("date").desc(nulls_last=True), "-first_published_at", "-pk")
    )


def bulletin_listing(queryset=None):
    """Live bulletins, newest broadcast first, with poster, renditions and video file fetched in bulk."""
    queryset = VideoBulletinPage.objects.all() if queryset is None else queryset
    return (
        queryset.live()
        .select_related("poster", "video_file", "locale")
        .prefetch_related(_renditions("poster__renditions"))
        .order_by("-broadcast_date", "-first_published_at", "-pk")
    )


def latest_news(limit=5, locale=None):
    """The ``limit`` newest live articles in ``locale`` (the active language by default)."""
    locale = _active_locale(locale)
    queryset = NewsPage.objects.filter(locale=locale) if locale else None
    return list(news_listing(queryset)[:limit])


def latest_bulletins(limit=5, locale=None):
    """The ``limit`` most recent live bulletins in ``locale`` (the active language by default)."""
    locale = _active_locale(locale)
    queryset = VideoBulletinPage.objects.filter(locale=locale) if locale else None
    return list(bulletin_listing(queryset)[:limit])


def news_index(locale=None):
    """The live news index of ``locale`` that lists every article, if there is one."""
    locale = _active_locale(locale)
    queryset = NewsIndexPage.objects.live()
    return (queryset.filter(locale=locale) if locale else queryset).order_by("path").first()


def video_index(locale=None):
    """The live bulletin index ("Xem tất cả") of ``locale``, if there is one."""
    locale = _active_locale(locale)
    queryset = VideoIndexPage.objects.live()
    return (queryset.filter(locale=locale) if locale else queryset).order_by("path").first()
