"""News articles and city TV video bulletins."""

from articles.models.categories import Category
from articles.models.imports import ImportRecord
from articles.models.news import NewsIndexPage, NewsPage, NewsPageRelatedArticle, NewsPageTag
from articles.models.video import VideoBulletinPage, VideoIndexPage

__all__ = [
    "Category",
    "ImportRecord",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageRelatedArticle",
    "NewsPageTag",
    "VideoBulletinPage",
    "VideoIndexPage",
]
