"""Factories for the articles plugin's pages (wagtail-factories), and the helpers the tests call them through:
images, video files, index pages, articles, bulletins."""

import datetime
from pathlib import Path

import factory
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
from tests.factories import PublishedPageFactory

DEMO_VIDEO = Path(__file__).resolve().parent.parent.parent / "articles" / "demo_media" / "bulletin-2018-12-07.mp4"


class NewsIndexPageFactory(PublishedPageFactory):
    title = "Tin tức"
    slug = "tin-tuc"

    class Meta:
        model = NewsIndexPage
        django_get_or_create = ("slug", "parent")


class VideoIndexPageFactory(PublishedPageFactory):
    title = "Truyền hình"
    slug = "truyen-hinh"

    class Meta:
        model = VideoIndexPage
        django_get_or_create = ("slug", "parent")


class NewsPageFactory(PublishedPageFactory):
    title = factory.Sequence(lambda n: f"Tin thử {n}")

    class Meta:
        model = NewsPage


class VideoBulletinPageFactory(PublishedPageFactory):
    title = factory.Sequence(lambda n: f"Bản tin {n}")
    video_file = factory.LazyAttribute(lambda page: make_video_document(f"Video: {page.title}"))

    class Meta:
        model = VideoBulletinPage


def make_image(title="Ảnh thử", colour="teal"):
    return get_image_model().objects.create(title=title, file=get_test_image_file(colour=colour, size=(800, 600)))


def make_video_document(title="Video thử"):
    document = get_document_model()(title=title)
    document.file.save("video-thu.mp4", ContentFile(DEMO_VIDEO.read_bytes()), save=False)
    document.save()
    return document


def make_news_index(home, slug="tin-tuc", title="Tin tức"):
    """The news index under ``home`` with ``slug`` (made and published once)."""
    return NewsIndexPageFactory(parent=home, slug=slug, title=title)


def make_video_index(home, slug="truyen-hinh", title="Truyền hình"):
    return VideoIndexPageFactory(parent=home, slug=slug, title=title)


def make_category(name, locale):
    return Category.objects.create(name=name, locale=locale)


def at(year, month, day):
    return timezone.make_aware(datetime.datetime(year, month, day, 9, 0))


def make_news(index, title, publish=True, categories=(), related=(), tags=(), **fields):
    """A NewsPage under ``index``, created as a draft and published through a revision as editors do."""

    def links(page):
        if categories:
            page.categories.set(categories)
        for article in related:
            page.related_article_links.add(NewsPageRelatedArticle(article=article))
        for tag in tags:
            page.tags.add(tag)

    return NewsPageFactory(parent=index, title=title, publish=publish, before_revision=links, **fields)


def make_bulletin(index, title, broadcast_date, publish=True, **fields):
    if fields.get("embed_url") and "video_file" not in fields:
        fields["video_file"] = None
    return VideoBulletinPageFactory(
        parent=index, title=title, broadcast_date=broadcast_date, publish=publish, **fields
    )
