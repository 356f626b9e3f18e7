"""Simulated visitors and editors for the load and fault tests (threads + requests, bounded in time).

A reader fetches pages and API resources in turn and, after every HTML page, posts the visitor-counter
beacon as the page's script does in a browser. Each simulated visitor has its own browser User-Agent
(the counter tells visitors apart by address and browser), so the number of distinct visitors whose
beacon was answered is exactly what the counter must add. An editor logs in to the admin and publishes
new versions of one news page, one after another.
"""

import re
import secrets
import threading
import time
from dataclasses import dataclass, field

import requests

from tests.load.stack import BROWSER_UA

BOT_UA = "python-requests/sen-load-probe"  # not counted: used to read the counter's figures
PAGE_VIEWS_PER_VISITOR = 5


@dataclass
class Sample:
    at: float  # seconds since the run started
    kind: str
    url: str
    status: int | None  # None: no HTTP answer (connection refused, timeout)
    seconds: float
    retry_after: str | None = None
    traceback: bool = False
    detail: str = ""


@dataclass
class Stats:
    started: float = field(default_factory=time.monotonic)
    samples: list = field(default_factory=list)
    visitors: set = field(default_factory=set)  # visitors whose beacon was answered
    published: dict = field(default_factory=dict)  # editor -> (page id, last title published)
    attempts: list = field(default_factory=list)  # (editor, page id, title, status)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, sample):
        with self.lock:
            self.samples.append(sample)

    def by_status(self):
        counts = {}
        for sample in self.samples:
            counts[sample.status] = counts.get(sample.status, 0) + 1
        return counts


def _fetch(session, method, url, stats, kind, **kwargs):
    begun = time.monotonic()
    try:
        response = session.request(method, url, timeout=60, allow_redirects=False, **kwargs)
    except requests.RequestException as exc:
        stats.add(Sample(begun - stats.started, kind, url, None, time.monotonic() - begun, detail=repr(exc)[:300]))
        return None
    body = response.text if response.status_code >= 400 else ""
    stats.add(
        Sample(
            begun - stats.started,
            kind,
            url,
            response.status_code,
            time.monotonic() - begun,
            retry_after=response.headers.get("Retry-After"),
            traceback="Traceback" in body,
            detail=body[:300] if response.status_code >= 400 else "",
        )
    )
    return response


def counter_total(base):
    """The counter's total as the site shows it (asked with a bot's User-Agent, which is not counted)."""
    response = requests.post(f"{base}/counter/hit/", headers={"User-Agent": BOT_UA}, timeout=30)
    data = response.json()
    assert data.get("available"), data
    return data["total"]


def reader(base, paths, stop, stats, number, think=0.2, run_id=None):
    """Read ``paths`` in turn until ``stop`` is set; a new visitor every few page views."""
    session = requests.Session()
    run_id = run_id or secrets.token_hex(4)
    views = 0
    while not stop.is_set():
        visitor = f"{run_id}-{number}-{views // PAGE_VIEWS_PER_VISITOR}"
        session.headers["User-Agent"] = f"{BROWSER_UA} SenLoad/{visitor}"
        path = paths[views % len(paths)]
        views += 1
        response = _fetch(session, "GET", base + path, stats, "read")
        is_page = response is not None and response.headers.get("Content-Type", "").startswith("text/html")
        if is_page and response.status_code == 200 and "data-counter-url" in response.text:
            beacon = _fetch(session, "POST", f"{base}/counter/hit/", stats, "beacon")
            if beacon is not None and beacon.status_code == 200 and beacon.json().get("available"):
                with stats.lock:
                    stats.visitors.add(visitor)
        if think:
            stop.wait(think)


def login(base, password, username="admin"):
    session = requests.Session()
    session.headers["User-Agent"] = f"{BROWSER_UA} SenEditor"
    session.get(f"{base}/admin/login/", timeout=60)
    response = session.post(
        f"{base}/admin/login/",
        data={"username": username, "password": password, "csrfmiddlewaretoken": session.cookies["csrftoken"]},
        headers={"Referer": f"{base}/admin/login/"},
        timeout=60,
        allow_redirects=False,
    )
    assert response.status_code == 302, f"admin login failed: {response.status_code}"
    return session


def editor(base, password, page_id, slug, form_data, stop, stats, name, pause=1.0, in_flight=None):
    """Publish new titles of page ``page_id`` through the admin's edit form until ``stop`` is set.

    ``form_data(title, slug)`` gives the form fields of a news page.
    """
    session = None
    number = 0
    while not stop.is_set():
        if session is None:
            try:
                session = login(base, password)
            except (requests.RequestException, AssertionError, KeyError):
                session = None
                stop.wait(pause)
                continue
        number += 1
        title = f"Bài kiểm thử tải {name} số {number}"
        data = {**form_data(title, slug), "action-publish": "1", "csrfmiddlewaretoken": session.cookies["csrftoken"]}
        if in_flight is not None:
            in_flight.set()
        response = _fetch(
            session, "POST", f"{base}/admin/pages/{page_id}/edit/", stats, "publish",
            data=data, headers={"Referer": f"{base}/admin/pages/{page_id}/edit/"},
        )  # fmt: skip
        if in_flight is not None:
            in_flight.clear()
        status = response.status_code if response is not None else None
        with stats.lock:
            stats.attempts.append((name, page_id, title, status))
            if status == 302:
                stats.published[name] = (page_id, title)
        if status == 200:  # the form came back: a validation error, which is a failed publish
            errors = re.findall(r'class="error-message"[^>]*>\s*<span>([^<]+)', response.text)
            stats.samples[-1].detail = "form error: " + "; ".join(errors)[:300]
        stop.wait(pause)


def run(workers, seconds, stats, stop=None, during=None):
    """Start the ``workers`` (callables taking ``stop``), run ``during`` if given, stop after ``seconds``."""
    stop = stop or threading.Event()
    threads = [threading.Thread(target=worker, args=(stop,), daemon=True) for worker in workers]
    for thread in threads:
        thread.start()
    try:
        if during is not None:
            during()
        remaining = seconds - (time.monotonic() - stats.started)
        if remaining > 0:
            stop.wait(remaining)
    finally:
        stop.set()
        for thread in threads:
            thread.join(90)
    return stats
