"""The site-wide content *generation*: a random token replaced on every content change.

It keys the page cache (``cms.http.pagecache``) and the chrome cache (``cms.chrome``), so that
nothing stored under an older generation is ever served. With Redis it lives there, shared by
every app server; with the local-memory cache it is kept in a file under ``SEN_VAR_DIR``, shared
by the processes of the machine. The HTTP app's change signals (``cms.http.middleware``) replace it.

Content also changes with the clock alone: a page reaches its expiry time (the worker unpublishes it
on its next round, up to a minute later), an announcement its end. The token carries the time of the
next such change (``<token>@<POSIX seconds>``, from the ``sen_scheduled_changes`` hook), and the first
read after that time replaces it: nothing stored before an expiry is served after it.
"""

import logging
import math
import os
import secrets
from pathlib import Path

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction
from django.utils import timezone
from wagtail import hooks

from cms import hooks as sen_hooks

logger = logging.getLogger("sen.pagecache")

GENERATION_KEY = "sen:pagecache:generation"


class SharedToken:
    """A random token every process of the site reads alike: in the cache (Redis) or, with the
    per-process local-memory cache, in a file under ``SEN_VAR_DIR``. Replaced to retire what it keys."""

    def __init__(self, key, filename, make=None):
        self.key = key
        self.filename = filename
        self.make = make or _new_token

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
                self._write(self.make())
                return self.path().read_text()
        value = cache.get(self.key)
        if value is None:
            cache.add(self.key, self.make(), None)
            value = cache.get(self.key)
        return value

    def replace(self, what):
        """A new token. Never raises: a publish must not fail because a cache is down."""
        token = self.make()
        try:
            if self.in_file():
                self._write(token)
            else:
                cache.set(self.key, token, None)
        except Exception:
            logger.error("%s could not be replaced; what it keys expires after its timeout", what, exc_info=True)


def _new_token():
    return secrets.token_hex(8)


def next_scheduled_change(now=None):
    """The next time after ``now`` that public content changes by the clock alone, or None."""
    now = now or timezone.now()
    times = [when for fn in hooks.get_hooks(sen_hooks.SCHEDULED_CHANGES) if (when := fn(now)) is not None]
    return min(times) if times else None


def _generation_token():
    """A new generation, with the time of the next scheduled change after it when there is one."""
    token = _new_token()
    try:
        with transaction.atomic():  # a savepoint: a failure here leaves the caller's transaction usable
            when = next_scheduled_change()
    except Exception as exc:  # noqa: BLE001 (no database: the worker's round still retires the generation)
        logger.warning("the next scheduled change is unknown: %s", exc)
        return token
    return f"{token}@{math.ceil(when.timestamp())}" if when is not None else token


def is_past(token, now=None):
    """Whether a scheduled change carried by the generation ``token`` has come."""
    _token, _at, seconds = (token or "").partition("@")
    if not seconds.isdigit():
        return False
    return (now or timezone.now()).timestamp() >= int(seconds)


GENERATION = SharedToken(GENERATION_KEY, "pagecache-generation", make=_generation_token)


def generation_file():
    return GENERATION.path()


def current_generation():
    """The site-wide generation (made on first use; replaced once its scheduled change has come).
    Raises if its store cannot be reached."""
    return fresh(GENERATION.current())


def fresh(token):
    """``token``, read from the store, or a new generation when its scheduled change has come."""
    if is_past(token):
        bump_generation()
        token = GENERATION.current()
    return token


def bump_generation():
    """Make every stored page stale. Never raises: a publish must not fail because a cache is down."""
    GENERATION.replace("the page cache generation")


def generation_in_use():
    """The generation keys the page cache and the chrome cache (cms/chrome.py)."""
    return settings.SEN_PAGE_CACHE or getattr(settings, "SEN_CHROME_CACHE", False)


def content_changed_now():
    """Retire the generation at once (no transaction wait): after ``cms.http.middleware.bump_content_changed``."""
    if generation_in_use():
        bump_generation()


def content_changed():
    """Called by ``cms.http.middleware.content_changed``: now, and again after commit (a render between the two
    stored the old content under the intermediate generation, which the second bump retires)."""
    if not generation_in_use():
        return
    bump_generation()
    transaction.on_commit(bump_generation, robust=True)
