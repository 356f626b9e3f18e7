"""Small factories for the articles tests: images, video files, index pages, articles, bulletins."""

import datetime
from pathlib import Path

from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from articles.models import (
    Category,
    NewsIndexPage,
    NewsPage,
    NewsPageRelatedArticle,
    VideoBulletinPage,
    VideoIndexPage,
)
from home.demo import ensure_child

DEMO_VIDEO = Path(__file__).resolve().parent.parent.parent / "articles" / "demo_media" / "bulletin-2018-12-07.mp4"


def make_image(title="Ảnh thử", colour="teal"):
    return get_image_model().objects.create(title=title, file=get_test_image_file(colour=colour, size=(800, 600)))


def make_video_document(title="Video thử"):
    document = get_document_model()(title=title)
    document.file.save("video-thu.mp4", ContentFile(DEMO_VIDEO.read_bytes()), save=False)
    document.save()
    return document


def make_news_index(home, slug="tin-tuc", title="Tin tức"):
    return ensure_child(home, NewsIndexPage, slug, title=title)[0]


def make_video_index(home, slug="truyen-hinh", title="Truyền hình"):
    return ensure_child(home, VideoIndexPage, slug, title=title)[0]


def make_category(name, locale):
    return Category.objects.create(name=name, locale=locale)


def at(year, month, day):
    return timezone.make_aware(datetime.datetime(year, month, day, 9, 0))


def make_news(index, title, publish=True, categories=(), related=(), **fields):
    """A NewsPage under ``index``, created as a draft and published through a revision as editors do."""
    page = NewsPage(title=title, live=False, **fields)
    index.add_child(instance=page)
    if categories:
        page.categories.set(categories)
    for article in related:
        page.related_article_links.add(NewsPageRelatedArticle(article=article))
    revision = page.save_revision()
    if publish:
        revision.publish()
    page.refresh_from_db()
    return page


def make_bulletin(index, title, broadcast_date, publish=True, **fields):
    if "video_file" not in fields and not fields.get("embed_url"):
        fields["video_file"] = make_video_document(f"Video: {title}")
    page = VideoBulletinPage(title=title, broadcast_date=broadcast_date, live=False, **fields)
    index.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    page.refresh_from_db()
    return page
