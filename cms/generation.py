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


def _generation_in_file():
    """The local-memory cache is per process: keep the generation where every process of the machine sees it."""
    return isinstance(caches["default"], LocMemCache)


def generation_file():
    return Path(settings.VAR_DIR) / "pagecache-generation"


def _new_token():
    return secrets.token_hex(8)


def _write_generation_file(token):
    path = generation_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f"{path.name}.{os.getpid()}.{_new_token()}")
    temporary.write_text(token)
    os.replace(temporary, path)  # atomic: a reader sees the old token or the new one


def current_generation():
    """The site-wide generation (made on first use). Raises if its store cannot be reached."""
    if _generation_in_file():
        try:
            return generation_file().read_text()
        except FileNotFoundError:
            _write_generation_file(_new_token())
            return generation_file().read_text()
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, _new_token(), None)
        value = cache.get(GENERATION_KEY)
    return value


def bump_generation():
    """Make every stored page stale. Never raises: a publish must not fail because a cache is down."""
    token = _new_token()
    try:
        if _generation_in_file():
            _write_generation_file(token)
        else:
            cache.set(GENERATION_KEY, token, None)
    except Exception:
        logger.error(
            "page cache generation could not be replaced; stored pages expire after their timeout", exc_info=True
        )


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
