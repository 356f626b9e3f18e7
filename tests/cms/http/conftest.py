import pytest

from cms.http import pagecache


@pytest.fixture
def page_cache(settings, tmp_path):
    """The page cache on, with a fresh generation (the cache outlives each test's rolled-back database)."""
    settings.SEN_PAGE_CACHE = True
    settings.VAR_DIR = tmp_path
    pagecache.bump_generation()
    yield
    pagecache.bump_generation()
