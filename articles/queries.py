"""The querysets that templates, hooks and the API share: latest news and bulletins.

Every listing selects and prefetches what a list item shows, so that it renders in
a fixed number of queries however many items it holds, and shows only what visitors
may open (live, not behind a login or password: ``cms.pages.listable``).

Images come with ALL their renditions. Wagtail takes prefetched renditions for the
complete set: it neither looks further for a rendition missing from them nor can it
create one (its ``get_or_create`` goes through the same prefetched relation), so a
filtered prefetch made every size outside the filter (a feed's ``max-1280x1280``)
fail with a unique-constraint error once it existed.
"""

from wagtail.models import Locale

from articles.models import NewsIndexPage, NewsPage, VideoBulletinPage, VideoIndexPage, listings
from cms.pages import listable


def _active_locale(locale):
    if locale is not None:
        return locale
    try:
        return Locale.get_active()
    except Locale.DoesNotExist:
        return None


def news_listing(queryset=None, within=None):
    """Public live news (of ``queryset``, all by default), newest first, with what a list item shows."""
    return listings.news_listing(NewsPage.objects.all() if queryset is None else queryset, within)


def bulletin_listing(queryset=None, within=None):
    """Public live bulletins (of ``queryset``, all by default), newest broadcast first."""
    return listings.bulletin_listing(VideoBulletinPage.objects.all() if queryset is None else queryset, within)


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
    """The public news index of ``locale`` that lists every article, if there is one."""
    locale = _active_locale(locale)
    queryset = listable(NewsIndexPage.objects.all())
    return (queryset.filter(locale=locale) if locale else queryset).order_by("path").first()


def video_index(locale=None):
    """The public bulletin index ("Xem tất cả") of ``locale``, if there is one."""
    locale = _active_locale(locale)
    queryset = listable(VideoIndexPage.objects.all())
    return (queryset.filter(locale=locale) if locale else queryset).order_by("path").first()
