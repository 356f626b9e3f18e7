"""Tests: the same settings as production code paths, made fast and isolated."""

import os
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

# Under pytest-xdist (``make test`` runs two workers), each worker has its own Redis database (the
# suite's cache.clear() is a FLUSHDB) and its own var/ directory (the content generation's file), and
# the processes a test starts inherit both through the environment.
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
if _WORKER.startswith("gw"):
    os.environ.setdefault("SEN_VAR_DIR", str(Path(tempfile.gettempdir()) / f"sen-test-var-{os.getpid()}"))
    if os.environ.get("REDIS_URL") and "PYTEST_XDIST_REDIS_URL" not in os.environ:
        _redis = urlsplit(os.environ["REDIS_URL"])
        _redis_db = (int(_redis.path.strip("/") or 0) + 1 + int(_WORKER[2:])) % 16
        os.environ["PYTEST_XDIST_REDIS_URL"] = os.environ["REDIS_URL"] = urlunsplit(
            _redis._replace(path=f"/{_redis_db}")
        )

from .base import *  # noqa: E402, F403

DEBUG = False
SECRET_KEY = "sen-test-secret-key-not-for-production-" + "x" * 20
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="sen-test-media-"))
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="sen-test-static-"))
WAGTAILADMIN_BASE_URL = "http://testserver"

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not an in-memory database: live-server threads then get their own
    # connections and wait for each other's writes, as app servers do on SQLite.
    DATABASES["default"]["TEST"] = {"NAME": str(Path(tempfile.gettempdir()) / f"sen-test-{os.getpid()}.sqlite3")}  # noqa: F405
    # Durability does not matter for a throwaway test database; speed does.
    DATABASES["default"]["OPTIONS"]["init_command"] = "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;"  # noqa: F405

# The anonymous API rate limit is off in tests (the suite makes many requests from 127.0.0.1);
# tests/cms/http/test_http_caching.py turns it on where it is tested.
SEN_API_RATE_LIMIT = env_int("SEN_API_RATE_LIMIT", 0)  # noqa: F405

# The page cache would carry responses from one test to the next (the database is rolled back, the cache
# is not): off in tests, except in tests/cms/http/test_page_cache.py and the proxy tests that test it.
SEN_PAGE_CACHE = env_bool("SEN_PAGE_CACHE", False)  # noqa: F405
