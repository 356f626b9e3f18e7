import os

import pytest
from django.db import connection

# Tests that share one expensive session fixture run on one xdist worker (else each worker builds it).
XDIST_GROUPS = {"private_postgres_site": "private-postgres"}
# Groups of a few long tests (minutes of processes, browsers, load): handed out first, so that they do not
# start last and leave the other worker idle at the end of the run.
XDIST_LONG_FIRST = ("private-postgres", "tests/system/", "tests/browser/", "tests/cms/test_startplugin.py")
# The group of a file's transactional tests: they empty the database when they end, so they are handed out
# after every other group (a worker never runs a test that needs the migrated data after one of them).
XDIST_FLUSHING = "flushing:"


def _flushes_the_database(item):
    marker = item.get_closest_marker("django_db")
    if marker is not None and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])):
        return True
    if {"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ())):
        return True
    cls = getattr(item, "cls", None)
    if cls is not None:
        from django.test import TestCase, TransactionTestCase

        return issubclass(cls, TransactionTestCase) and not issubclass(cls, TestCase)
    return False


def pytest_xdist_make_scheduler(config, log):
    """xdist's ``loadgroup``, handing out the long groups first and the flushing ones last."""
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadGroupScheduling

    class OrderedGroupScheduling(LoadGroupScheduling):
        _ordered = False

        def _assign_work_unit(self, node):
            if not self._ordered:
                self._ordered = True

                def order(scope):
                    long = scope.removeprefix(XDIST_FLUSHING).startswith(XDIST_LONG_FIRST)
                    return (scope.startswith(XDIST_FLUSHING), not long)

                for scope in sorted(self.workqueue, key=order):
                    self.workqueue.move_to_end(scope)
            super()._assign_work_unit(node)

    return OrderedGroupScheduling(config, log)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    for item in items:
        # With ``--dist loadgroup`` (make test): a file's tests stay on one worker, so its module
        # fixtures are built once, unless the test is in one of the groups above.
        if not item.get_closest_marker("xdist_group"):
            fixtures = getattr(item, "fixturenames", ())
            group = next((name for fixture, name in XDIST_GROUPS.items() if fixture in fixtures), None)
            # A module with XDIST_SPREAD = True (long, independent tests) spreads its tests over the workers.
            spread = getattr(getattr(item, "module", None), "XDIST_SPREAD", False)
            # (A group name must not end in "]": xdist then takes the whole test id for the group.)
            own = item.nodeid.replace("[", "(").replace("]", ")")
            group = group or (own if spread else item.nodeid.split("::")[0])
            if _flushes_the_database(item):
                group = XDIST_FLUSHING + group
            item.add_marker(pytest.mark.xdist_group(group))
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
    were rolled back without a change signal) is read from the chrome or page cache (cms/chrome.py). So are
    Wagtail's cached site root paths and, with Redis, the visitor counter's figures."""
    from django.conf import settings
    from wagtail.models import Site

    from cms import generation

    generation.bump_generation()
    try:
        Site.clear_site_root_paths_cache()
        if settings.REDIS_URL and "redis" in settings.CACHES["default"]["BACKEND"].lower():
            from django_redis import get_redis_connection

            redis = get_redis_connection("default")
            prefix = getattr(settings, "CACHE_KEY_PREFIX", "sen")
            stale = list(redis.scan_iter(match=f"{prefix}:counter:*", count=1000))
            if stale:
                redis.delete(*stale)
    except Exception:  # noqa: S110 - a cache that cannot be reached holds nothing stale to read either
        pass
