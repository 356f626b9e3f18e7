"""The visitor counter: "Đang truy cập", "Hôm nay", "Tổng lượt truy cập".

A visitor counts once per day (a day-salted keyed hash of address and browser, so no
IP address is stored), "online" means seen in the last few minutes, bots and logged-in
editors are not counted. State lives in Redis when REDIS_URL is set (shared by every
app server), in the database otherwise. Counting never makes a page fail.
"""

import hashlib
import hmac
import logging
import re
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from cms.http.middleware import client_id
from home.models import VisitorDay, VisitorPresence, VisitorTotal

logger = logging.getLogger("sen.counter")

ONLINE_WINDOW = timedelta(seconds=getattr(settings, "SEN_COUNTER_ONLINE_SECONDS", 300))
TOTAL = "total"
BOT_PATTERN = re.compile(
    r"bot|crawl|spider|slurp|bingpreview|facebookexternalhit|embedly|quora link preview|"
    r"curl/|wget/|python-requests|python-urllib|httpx|go-http-client|java/|libwww|okhttp|"
    r"lighthouse|pingdom|uptime|monitor|headlesschrome.*\(compatible",
    re.IGNORECASE,
)


@dataclass
class Figures:
    online: int
    today: int
    total: int

    def as_dict(self):
        return {"online": self.online, "today": self.today, "total": self.total}


def client_address(request):
    """The visitor's address: the one the trusted proxies saw (``SEN_TRUSTED_PROXY_COUNT``), as the rate limit counts.

    A client can write anything in X-Forwarded-For; only the entries the site's own proxies
    appended are believed, so a made-up header never makes one visitor count as many.
    """
    return client_id(request)


def visitor_key(request, day):
    """A keyed hash of (day, address, browser): the same visitor gets the same key all day, nothing reversible."""
    message = "|".join([day.isoformat(), client_address(request), request.META.get("HTTP_USER_AGENT", "")[:512]])
    return hmac.new(settings.SECRET_KEY.encode(), message.encode(), hashlib.sha256).hexdigest()[:40]


def is_countable(request):
    """Bots and logged-in editors are not visitors."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    agent = request.META.get("HTTP_USER_AGENT", "")
    return bool(agent) and not BOT_PATTERN.search(agent)


class DatabaseCounter:
    """Counter state in the database: one row per visitor and day, an atomic running total."""

    def hit(self, key, now):
        day = timezone.localdate(now)
        try:
            with transaction.atomic():
                # The unique (day, visitor) constraint decides who is first, even under concurrency.
                VisitorDay.objects.create(day=day, visitor=key)
                self._increment_total()
            first_today = True
        except IntegrityError:
            first_today = False
        self._touch(key, now)
        return first_today

    def _increment_total(self):
        if VisitorTotal.objects.filter(name=TOTAL).update(value=F("value") + 1):
            return
        try:
            with transaction.atomic():
                VisitorTotal.objects.create(name=TOTAL, value=1)
        except IntegrityError:  # created by a concurrent first visit meanwhile
            VisitorTotal.objects.filter(name=TOTAL).update(value=F("value") + 1)

    def _touch(self, key, now):
        updated = VisitorPresence.objects.filter(visitor=key).update(last_seen=now)
        if not updated:
            try:
                with transaction.atomic():
                    VisitorPresence.objects.create(visitor=key, last_seen=now)
            except IntegrityError:
                VisitorPresence.objects.filter(visitor=key).update(last_seen=now)

    def figures(self, now):
        day = timezone.localdate(now)
        total = VisitorTotal.objects.filter(name=TOTAL).values_list("value", flat=True).first() or 0
        return Figures(
            online=VisitorPresence.objects.filter(last_seen__gte=now - ONLINE_WINDOW).count(),
            today=VisitorDay.objects.filter(day=day).count(),
            total=total,
        )

    def prune(self, now, keep_days=2):
        """Forget visitor keys older than ``keep_days``; the totals stay."""
        VisitorDay.objects.filter(day__lt=timezone.localdate(now) - timedelta(days=keep_days)).delete()
        VisitorPresence.objects.filter(last_seen__lt=now - ONLINE_WINDOW).delete()


class RedisCounter:
    """Counter state in Redis: a set of today's visitor keys, a sorted set of presences, a total."""

    def __init__(self, connection=None):
        if connection is None:
            from django_redis import get_redis_connection  # only with Redis: the counter also runs without it

            connection = get_redis_connection("default")
        self.redis = connection
        self.prefix = f"{getattr(settings, 'CACHE_KEY_PREFIX', 'sen')}:counter"

    def _day_key(self, day):
        return f"{self.prefix}:day:{day.isoformat()}"

    def hit(self, key, now):
        day_key = self._day_key(timezone.localdate(now))
        # SADD is atomic: exactly one of any number of concurrent first visits gets 1.
        first_today = self.redis.sadd(day_key, key) == 1
        pipe = self.redis.pipeline()
        if first_today:
            pipe.incr(f"{self.prefix}:total")
            pipe.expire(day_key, 60 * 60 * 48)
        pipe.zadd(f"{self.prefix}:online", {key: now.timestamp()})
        pipe.execute()
        return first_today

    def figures(self, now):
        online_key = f"{self.prefix}:online"
        pipe = self.redis.pipeline()
        pipe.zremrangebyscore(online_key, "-inf", (now - ONLINE_WINDOW).timestamp())
        pipe.zcard(online_key)
        pipe.scard(self._day_key(timezone.localdate(now)))
        pipe.get(f"{self.prefix}:total")
        _removed, online, today, total = pipe.execute()
        return Figures(online=online, today=today, total=int(total or 0))


def get_counter():
    backend = getattr(settings, "SEN_COUNTER_BACKEND", None) or ("redis" if settings.REDIS_URL else "database")
    return RedisCounter() if backend == "redis" else DatabaseCounter()


def record_visit(request, now=None):
    """Count this request's visitor if it is one. Returns the figures, or None if the store is down."""
    now = now or timezone.now()
    try:
        counter = get_counter()
        if is_countable(request):
            counter.hit(visitor_key(request, timezone.localdate(now)), now)
        return counter.figures(now)
    except Exception:  # the counter must never break a page
        logger.warning("visitor counter unavailable", exc_info=True)
        return None


def current_figures(now=None):
    try:
        return get_counter().figures(now or timezone.now())
    except Exception:
        logger.warning("visitor counter unavailable", exc_info=True)
        return None
