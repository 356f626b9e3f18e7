"""A circuit breaker for Redis: after a timeout or a lost connection, stop asking for a while.

A hung Redis (accepting connections, never answering) would otherwise cost every cache read its
socket timeout, and a page makes many. ``BreakerConnectionPool`` is django-redis's
``CONNECTION_POOL_CLASS``: every client made from the pool (the cache, the visitor counter through
``get_redis_connection``, the API rate limit through the cache) shares its ``Breaker``. After one
failure every Redis call of the process raises ``ConnectionError`` at once for
``SEN_REDIS_BREAKER_SECONDS``; django-redis's ``IGNORE_EXCEPTIONS`` makes that a cache miss, and the
counter and the rate limit already treat it as "unavailable". Then one call is let through as a
probe: its success closes the breaker, its failure opens it again. A request pays at most one
timeout (``SEN_REDIS_TIMEOUT``) per breaker period, and only the request that meets the fault.
"""

import logging
import threading
import time

from django.conf import settings
from redis.connection import ConnectionPool
from redis.exceptions import ConnectionError, ResponseError, TimeoutError

logger = logging.getLogger("sen.cache")

FAULTS = (ConnectionError, TimeoutError)


class Breaker:
    """Closed (calls pass), open (calls fail at once) until ``seconds`` after the last failure, then half-open."""

    def __init__(self, seconds, clock=time.monotonic):
        self.seconds = seconds
        self.clock = clock
        self._lock = threading.Lock()
        self._open_until = None  # None: closed
        self._probe_until = None  # while a probe is out, the others still fail fast

    @property
    def is_open(self):
        return self._open_until is not None

    def allow(self):
        """True if a call may go to Redis now (closed, or the one probe of a half-open breaker)."""
        if self._open_until is None:
            return True
        with self._lock:
            now = self.clock()
            if self._open_until is None:
                return True
            if now < self._open_until or (self._probe_until is not None and now < self._probe_until):
                return False
            # A probe that never reported back (its caller died) does not keep the breaker shut forever.
            self._probe_until = now + self.seconds
            return True

    def failure(self, error):
        with self._lock:
            if self._open_until is None:
                logger.warning("Redis unavailable (%s): not asked again for %s s", error, self.seconds)
            self._open_until = self.clock() + self.seconds
            self._probe_until = None

    def success(self):
        if self._open_until is None:
            return
        with self._lock:
            if self._open_until is not None:
                logger.warning("Redis answers again")
            self._open_until = None
            self._probe_until = None


class BreakerConnectionMixin:
    """Reports every connect, send and read to the pool's breaker."""

    breaker = None

    def _watch(self, method, *args, **kwargs):
        try:
            result = method(*args, **kwargs)
        except FAULTS as error:
            self.breaker.failure(error)
            raise
        return result

    def connect(self):
        return self._watch(super().connect)

    def send_packed_command(self, command, check_health=True):
        return self._watch(super().send_packed_command, command, check_health)

    def read_response(self, *args, **kwargs):
        try:
            response = self._watch(super().read_response, *args, **kwargs)
        except ResponseError:  # an error reply is an answer: Redis is there
            self.breaker.success()
            raise
        self.breaker.success()
        return response


_connection_classes = {}


def _breaker_connection_class(base):
    """``base`` (plain, TLS or Unix-socket connection, as the URL chose) reporting to a breaker."""
    if base not in _connection_classes:
        _connection_classes[base] = type(f"Breaker{base.__name__}", (BreakerConnectionMixin, base), {})
    return _connection_classes[base]


class BreakerConnectionPool(ConnectionPool):
    """A redis-py pool whose connections share one ``Breaker``: no call reaches a Redis that just failed."""

    def __init__(self, *args, breaker_seconds=None, **kwargs):
        super().__init__(*args, **kwargs)
        if breaker_seconds is None:
            breaker_seconds = getattr(settings, "SEN_REDIS_BREAKER_SECONDS", 5)
        self.breaker = Breaker(breaker_seconds)
        self.connection_class = _breaker_connection_class(self.connection_class)

    def make_connection(self):
        connection = super().make_connection()
        connection.breaker = self.breaker
        return connection

    def get_connection(self, *args, **kwargs):
        if not self.breaker.allow():
            raise ConnectionError("Redis skipped: it failed less than SEN_REDIS_BREAKER_SECONDS ago")
        return super().get_connection(*args, **kwargs)
