"""News articles and city TV video bulletins."""

from articles.models.categories import Category
from articles.models.news import NewsIndexPage, NewsPage, NewsPageRelatedArticle, NewsPageTag
from articles.models.video import VideoBulletinPage, VideoIndexPage

__all__ = [
    "Category",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageRelatedArticle",
    "NewsPageTag",
    "VideoBulletinPage",
    "VideoIndexPage",
]
