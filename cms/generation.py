"""The site-wide content *generation*: a random token replaced on every content change.

It keys the page cache (``cms.http.pagecache``) and the chrome cache (``cms.chrome``), so that
nothing stored under an older generation is ever served. With Redis it lives there, shared by
every app server; with the local-memory cache it is kept in a file under ``SEN_VAR_DIR``, shared
by the processes of the machine. The HTTP app's change signals (``cms.http.middleware``) replace it.
"""

import logging
import os
import secrets
from pathlib import Path

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction

logger = logging.getLogger("sen.pagecache")

GENERATION_KEY = "sen:pagecache:generation"


class SharedToken:
    """A random token every process of the site reads alike: in the cache (Redis) or, with the
    per-process local-memory cache, in a file under ``SEN_VAR_DIR``. Replaced to retire what it keys."""

    def __init__(self, key, filename):
        self.key = key
        self.filename = filename

    def in_file(self):
        return isinstance(caches["default"], LocMemCache)

    def path(self):
        return Path(settings.VAR_DIR) / self.filename

    def _write(self, token):
        path = self.path()
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f"{path.name}.{os.getpid()}.{_new_token()}")
        temporary.write_text(token)
        os.replace(temporary, path)  # atomic: a reader sees the old token or the new one

    def current(self):
        """The token (made on first use). Raises if its store cannot be reached."""
        if self.in_file():
            try:
                return self.path().read_text()
            except FileNotFoundError:
                self._write(_new_token())
                return self.path().read_text()
        value = cache.get(self.key)
        if value is None:
            cache.add(self.key, _new_token(), None)
            value = cache.get(self.key)
        return value

    def replace(self, what):
        """A new token. Never raises: a publish must not fail because a cache is down."""
        token = _new_token()
        try:
            if self.in_file():
                self._write(token)
            else:
                cache.set(self.key, token, None)
        except Exception:
            logger.error("%s could not be replaced; what it keys expires after its timeout", what, exc_info=True)


def _new_token():
    return secrets.token_hex(8)


GENERATION = SharedToken(GENERATION_KEY, "pagecache-generation")


def generation_file():
    return GENERATION.path()


def current_generation():
    """The site-wide generation (made on first use). Raises if its store cannot be reached."""
    return GENERATION.current()


def bump_generation():
    """Make every stored page stale. Never raises: a publish must not fail because a cache is down."""
    GENERATION.replace("the page cache generation")


def generation_in_use():
    """The generation keys the page cache and the chrome cache (cms/chrome.py)."""
    return settings.SEN_PAGE_CACHE or getattr(settings, "SEN_CHROME_CACHE", False)


def content_changed_now():
    """Retire the generation at once (no transaction wait): after ``cms.http.bump_content_changed``."""
    if generation_in_use():
        bump_generation()


def content_changed():
    """Called by ``cms.http.content_changed``: now, and again after commit (a render between the two stored the old
    content under the intermediate generation, which the second bump retires)."""
    if not generation_in_use():
        return
    bump_generation()
    transaction.on_commit(bump_generation, robust=True)
