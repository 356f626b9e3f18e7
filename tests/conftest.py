import os

import pytest
from django.db import connection

# Tests that share one expensive session fixture run on one xdist worker (else each worker builds it).
XDIST_GROUPS = {"private_postgres_site": "private-postgres"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        # With ``--dist loadgroup`` (make test): a file's tests stay on one worker, so its module
        # fixtures are built once, unless the test is in one of the groups above.
        if not item.get_closest_marker("xdist_group"):
            fixtures = getattr(item, "fixturenames", ())
            group = next((name for fixture, name in XDIST_GROUPS.items() if fixture in fixtures), None)
            # A module with XDIST_SPREAD = True (long, independent tests) spreads its tests over the workers.
            spread = getattr(getattr(item, "module", None), "XDIST_SPREAD", False)
            item.add_marker(pytest.mark.xdist_group(group or (item.nodeid if spread else item.nodeid.split("::")[0])))
        if item.get_closest_marker("postgres") and not os.environ.get("DATABASE_URL", "").startswith("postgres"):
            item.add_marker(pytest.mark.skip(reason="needs PostgreSQL: set DATABASE_URL=postgres://…"))
        if item.get_closest_marker("redis") and not os.environ.get("REDIS_URL"):
            item.add_marker(pytest.mark.skip(reason="needs Redis: set REDIS_URL=redis://…"))


@pytest.fixture(autouse=True)
def reset_language():
    """A request to /en/… leaves English active in this thread: start every test in Vietnamese."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def on_postgres():
    return connection.vendor == "postgresql"


@pytest.fixture
def home_page(db):
    from home.demo import ensure_home_page

    home, _created = ensure_home_page()
    return home


@pytest.fixture
def news_index(home_page):
    """The news index "Tin tức" (/tin-tuc/) under the home page: the articles plugin's, used site-wide."""
    from tests.articles.factories import make_news_index

    return make_news_index(home_page)


@pytest.fixture
def demo_site(db):
    """The whole demo site, as `make run` builds it."""
    from home.demo import load_demo

    return load_demo()


@pytest.fixture(scope="session")
def private_postgres_site(tmp_path_factory):
    """A throwaway PostgreSQL cluster with Sen migrated and the demo loaded, shared by the fault and load
    tests (tests/load/): made once, removed at the end of the session. Skips where initdb/pg_ctl are missing."""
    from tests.load.stack import PrivatePostgres, postgres_missing, prepare_site, production_env

    reason = postgres_missing()
    if reason:
        pytest.skip(f"no private PostgreSQL cluster: {reason}")
    with PrivatePostgres() as pg:
        env = production_env(pg.url(), tmp_path_factory.mktemp("sen-var"))
        prepare_site(env)
        yield pg, env


@pytest.fixture(autouse=True)
def fresh_content_generation():
    """Each test starts with a new content generation: nothing cached by an earlier test (whose database rows
    were rolled back without a change signal) is read from the chrome or page cache (cms/chrome.py)."""
    from cms import generation

    generation.bump_generation()
