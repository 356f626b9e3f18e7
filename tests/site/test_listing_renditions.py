"""Listings prefetch images with all their renditions: every size works on a warm database.

Wagtail takes prefetched renditions for the complete set, so a listing that prefetched
only the list sizes made any other size (the feeds' ``max-1280x1280``) fail with a
unique-constraint error once that rendition existed: every feed answered 500 from its
second request on.
"""

import datetime

import pytest
from django.core.cache import cache
from wagtail.images import get_image_model
from wagtail.models import Locale

from articles import queries
from tests.articles.factories import make_bulletin, make_image, make_news, make_news_index, make_video_index

FEEDS = [
    f"{prefix}/feeds/{kind}/{fmt}/"
    for prefix in ("", "/en")
    for kind in ("news", "videos")
    for fmt in ("rss", "atom", "json")
]


@pytest.fixture
def illustrated(home_page):
    """An article with a photo and a bulletin with a poster, in Vietnamese and English."""
    news_index = make_news_index(home_page)
    video_index = make_video_index(home_page)
    article = make_news(news_index, "Khai giảng lớp học", main_image=make_image("Lớp học"), main_image_alt="Lớp học")
    poster = make_image("Poster")
    bulletin = make_bulletin(video_index, "Bản tin 07/12/2018", datetime.date(2018, 12, 7), poster=poster)
    english = Locale.objects.get_or_create(language_code="en")[0]
    for page, title in ((article, "Classes begin"), (bulletin, "Bulletin of 7 December 2018")):
        translation = page.copy_for_translation(english, copy_parents=True)
        translation.title = title
        translation.save_revision().publish()
    return {"article": article, "bulletin": bulletin}


@pytest.mark.parametrize("url", FEEDS)
def test_every_feed_answers_the_same_on_its_second_request(client, illustrated, url):
    first = client.get(url)
    assert first.status_code == 200
    image = illustrated["article"].main_image if "/news/" in url else illustrated["bulletin"].poster
    assert image.renditions.filter(filter_spec="max-1280x1280").exists()  # the feed shows the large size
    second = client.get(url)
    assert second.status_code == 200
    assert second.content == first.content


def test_a_listing_finds_any_size_that_already_exists(illustrated):
    cache.clear()  # renditions cached by earlier tests (whose rows were rolled back)
    rendition_model = get_image_model().get_rendition_model()
    image = illustrated["article"].main_image
    image.get_rendition("max-1280x1280")
    image.get_rendition("width-800")
    before = rendition_model.objects.filter(image=image).count()
    assert before == 2

    for page in queries.news_listing():
        if page.main_image_id == image.pk:
            assert page.main_image.get_rendition("max-1280x1280").filter_spec == "max-1280x1280"
            assert set(page.main_image.get_renditions("width-800", "max-1280x1280")) == {"width-800", "max-1280x1280"}
    assert rendition_model.objects.filter(image=image).count() == before

    poster = illustrated["bulletin"].poster
    poster.get_rendition("max-1280x1280")
    for bulletin in queries.bulletin_listing():
        assert bulletin.poster.get_rendition("max-1280x1280").filter_spec == "max-1280x1280"


def test_api_and_pages_answer_the_same_twice(client, illustrated):
    article, bulletin = illustrated["article"], illustrated["bulletin"]
    urls = [
        "/",
        article.get_parent().url,
        article.url,
        bulletin.url,
        f"/api/v2/pages/{article.pk}/",
        "/api/v2/pages/?type=articles.NewsPage&fields=*",
        f"/api/v2/images/{article.main_image_id}/",
        "/api/v2/images/",
    ]
    for url in urls:
        first = client.get(url)
        assert first.status_code == 200, url
        # Ask again after the feed made its large size: still found, nothing made twice.
        client.get("/feeds/news/rss/")
        second = client.get(url)
        assert second.status_code == 200, url


def test_no_code_prefetches_a_filtered_set_of_renditions():
    """A filtered prefetch of renditions (``Prefetch("…renditions", queryset=…)`` or Wagtail's
    ``prefetch_renditions(<filters>)``) hides the other sizes from Wagtail: keep every one whole."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent.parent
    offenders = []
    for folder in ("cms", "home", "articles", "centers", "search"):
        for path in (root / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(node, ast.Call):
                    continue
                name = getattr(node.func, "attr", getattr(node.func, "id", ""))
                first = node.args[0] if node.args else None
                lookup = first.value if isinstance(first, ast.Constant) and isinstance(first.value, str) else ""
                querysets = node.args[1:] + [k.value for k in node.keywords if k.arg == "queryset"]
                filtered_prefetch = (
                    name == "Prefetch"
                    and querysets
                    and (lookup.endswith("renditions") or "rendition" in ast.unparse(querysets[0]).lower())
                )
                if filtered_prefetch or (name == "prefetch_renditions" and node.args):
                    offenders.append(f"{path.relative_to(root)}:{node.lineno}")
    assert offenders == []


def test_reading_a_feed_writes_nothing_and_moves_no_validator(client, illustrated, monkeypatch):
    """Files saved from code get their size and hash on save: the enclosure length no longer saves the
    document on a visitor's GET, which marked the whole site changed (new ETag and Last-Modified)."""
    from django.db.models.signals import post_save

    from cms.http import middleware

    # Last-Modified also moves on by itself every 5 minutes (by design): a slow run could cross a step.
    monkeypatch.setattr(middleware, "_effective_changed_at", lambda stored, now: stored)

    document = illustrated["bulletin"].video_file
    assert document.file_size == document.file.size and document.file_hash
    before = client.get("/")
    saved = []

    def record(sender, **kwargs):
        saved.append(sender.__name__)

    post_save.connect(record)
    try:
        for url in FEEDS + ["/api/v2/documents/", f"/api/v2/documents/{document.pk}/"]:
            assert client.get(url).status_code == 200
    finally:
        post_save.disconnect(record)
    assert set(saved) <= {"Rendition"}
    after = client.get("/")
    assert (after["ETag"], after["Last-Modified"]) == (before["ETag"], before["Last-Modified"])
