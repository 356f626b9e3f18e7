"""What a list item of news or bulletins shows, fetched in bulk: the listings the index pages use
and ``articles.queries`` builds on (here, below the page models, so that they need no import back)."""

from django.db.models import F, Prefetch

from articles.models.categories import Category
from cms.pages import listable


def news_listing(queryset, within=None):
    """Public live news of ``queryset``, newest first, with main image, renditions and categories
    fetched in bulk.

    ``within``: the page that shows the list (see ``cms.pages.restricted_q``).
    """
    return (
        listable(queryset, within)
        .select_related("main_image", "locale")
        .prefetch_related(
            "main_image__renditions",
            Prefetch("categories", queryset=Category.objects.order_by("name")),
        )
        .order_by(F("date").desc(nulls_last=True), "-first_published_at", "-pk")
    )


def bulletin_listing(queryset, within=None):
    """Public live bulletins of ``queryset``, newest broadcast first, with poster, renditions and
    video file fetched in bulk."""
    return (
        listable(queryset, within)
        .select_related("poster", "video_file", "locale")
        .prefetch_related("poster__renditions")
        .order_by("-broadcast_date", "-first_published_at", "-pk")
    )
