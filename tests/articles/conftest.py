"""Fixtures of the articles plugin's tests; the site-wide ones (`home_page`, `news_index`) are in tests/conftest.py."""

import pytest

from tests.articles.factories import make_video_index


@pytest.fixture
def video_index(home_page):
    """The video bulletins' index "Truyền hình" (/truyen-hinh/) under the home page."""
    return make_video_index(home_page)
