"""The Redis circuit breaker: after one failure nothing asks Redis for a while, then one probe does."""

import socket
import threading

import pytest
import redis
from django.core.cache import caches

from cms.http.breaker import Breaker, BreakerConnectionPool


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def breaker():
    return Breaker(5, clock=Clock())


def test_a_closed_breaker_lets_every_call_through(breaker):
    assert all(breaker.allow() for _ in range(3))


def test_after_a_failure_every_call_is_refused_for_the_breaker_seconds(breaker):
    breaker.failure(redis.TimeoutError("hung"))
    assert not any(breaker.allow() for _ in range(3))
    breaker.clock.now += 4.9
    assert not breaker.allow()


def test_then_one_probe_goes_through_and_its_success_closes_the_breaker(breaker):
    breaker.failure(redis.TimeoutError("hung"))
    breaker.clock.now += 5
    assert breaker.allow()  # the probe
    assert not breaker.allow()  # the others while it is out
    breaker.success()
    assert all(breaker.allow() for _ in range(3))


def test_a_failed_probe_opens_the_breaker_again(breaker):
    breaker.failure(redis.ConnectionError("refused"))
    breaker.clock.now += 5
    assert breaker.allow()
    breaker.failure(redis.TimeoutError("still hung"))
    assert not breaker.allow()
    breaker.clock.now += 5
    assert breaker.allow()


def test_a_probe_that_never_reports_back_does_not_keep_it_shut(breaker):
    breaker.failure(redis.TimeoutError("hung"))
    breaker.clock.now += 5
    assert breaker.allow()
    breaker.clock.now += 5
    assert breaker.allow()


class HungRedis:
    """A listening socket that takes connections and never answers: a stopped Redis, as clients see it."""

    def __init__(self):
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(16)
        self.port = self.server.getsockname()[1]
        self.connections = []
        self.received = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                connection, _address = self.server.accept()
            except OSError:
                return
            self.connections.append(connection)
            threading.Thread(target=self._read, args=(connection,), daemon=True).start()

    def _read(self, connection):
        while True:
            try:
                data = connection.recv(65536)
            except OSError:
                return
            if not data:
                return
            self.received.append(data)

    def close(self):
        self.server.close()
        for connection in self.connections:
            connection.close()


@pytest.fixture
def hung_cache(settings):
    hung = HungRedis()
    settings.CACHES = {
        **settings.CACHES,
        "hung": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{hung.port}/0",
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": 0.3,
                "SOCKET_TIMEOUT": 0.3,
                "IGNORE_EXCEPTIONS": True,
                "CONNECTION_POOL_CLASS": "cms.http.breaker.BreakerConnectionPool",
            },
        },
    }
    yield caches["hung"], hung
    hung.close()


def test_a_hung_redis_is_asked_once_then_every_cache_call_is_a_miss_without_asking(hung_cache):
    cache, hung = hung_cache
    assert cache.get("sen:chrome") is None
    asked = len(hung.received)
    assert asked >= 1 and len(hung.connections) == 1
    assert cache.get("sen:chrome", "default") == "default"
    assert cache.get_many(["a", "b"]) == {}
    cache.set("sen:chrome", "value")  # a write is skipped the same way
    assert cache.incr("sen:ratelimit", ignore_key_check=True) is None
    assert (len(hung.received), len(hung.connections)) == (asked, 1)


def test_every_client_made_from_the_pool_shares_the_breaker(hung_cache):
    from django_redis import get_redis_connection

    cache, hung = hung_cache
    cache.get("sen:chrome")
    asked = len(hung.received)
    client = get_redis_connection("hung")  # as the visitor counter gets its connection
    assert isinstance(client.connection_pool, BreakerConnectionPool)
    with pytest.raises(redis.ConnectionError):
        client.sadd("sen:counter:day", "visitor")
    with pytest.raises(redis.ConnectionError):
        client.pipeline().zcard("sen:counter:online").execute()
    assert len(hung.received) == asked


@pytest.mark.redis
def test_an_error_reply_is_an_answer_and_closes_the_breaker(settings):
    pool = BreakerConnectionPool.from_url(settings.REDIS_URL, socket_timeout=1)
    client = redis.Redis(connection_pool=pool)
    pool.breaker.failure(redis.TimeoutError("hung a moment ago"))
    pool.breaker.clock = lambda: 10**9  # the breaker period is over: the next call is the probe
    with pytest.raises(redis.ResponseError):
        client.execute_command("NO-SUCH-COMMAND")
    assert not pool.breaker.is_open
    assert client.ping()
    pool.disconnect()
