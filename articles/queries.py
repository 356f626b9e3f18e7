"""The querysets that templates, hooks and the API share: latest news and bulletins.

Every listing selects and prefetches what a list item shows (the page types' ``listing_*``
attributes, ``cms.content.SenDetailPageMixin``), so that it renders in a fixed number of queries
however many items it holds, and shows only what visitors may open (live, not behind a login or
password: ``cms.pages.listable``).

Images come with ALL their renditions. Wagtail takes prefetched renditions for the
complete set: it neither looks further for a rendition missing from them nor can it
create one (its ``get_or_create`` goes through the same prefetched relation), so a
filtered prefetch made every size outside the filter (a feed's ``max-1280x1280``)
fail with a unique-constraint error once it existed.
"""

from articles.models import NewsIndexPage, NewsPage, VideoBulletinPage, VideoIndexPage

# Public live news / bulletins (of a queryset, all by default), newest first, with what a list item shows.
news_listing = NewsPage.listing
bulletin_listing = VideoBulletinPage.listing
# The ``limit`` newest live articles / bulletins in a locale (the active language by default).
latest_news = NewsPage.latest
latest_bulletins = VideoBulletinPage.latest
# The public index of a locale that lists every article / bulletin ("Xem tất cả"), if there is one.
news_index = NewsIndexPage.for_locale
video_index = VideoIndexPage.for_locale
