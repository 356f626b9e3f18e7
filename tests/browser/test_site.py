"""Every page type in a real browser: no console errors or failed requests, accessible, valid HTML.

Run with ``make test`` (it installs Chromium, Playwright, axe-core and vnu-jar when missing);
the screenshots folder is printed at the end of the run.
"""

import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test.utils import override_settings, setup_databases, teardown_databases
from pytest_django.live_server_helper import LiveServer

from tests.browser.conftest import AXE, CHROMIUM, CHROMIUM_ARGS, VNU, java, screenshot_dir

# Not marked django_db: a test transaction would hold SQLite's write lock while the live
# server writes. The module fixture gives the database to the live server instead.
pytestmark = [pytest.mark.browser]

PAGE_TYPES = [
    "home",
    "news_index",
    "news_page",
    "video_index",
    "bulletin",
    "center_index",
    "center_page",
    "search",
    "not_found",
]
WIDTHS = (375, 1280)
SEARCH_QUERY = "hoc tap cong dong"  # typed without accents, as visitors do
SEARCH_EXPECTS = "học tập cộng đồng"
SKIP_LINK_TEXT = "Truy cập nội dung luôn"
AXE_RUN = """width => axe.run(document, {resultTypes: ["violations"]}).then(result => result.violations.map(v => ({
    width: width, id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(" "))})))"""
COUNTER_NUMBER = re.compile(r"^\d{1,3}(\.\d{3})*$")
VISITS_BEFORE_SEN = 873_968  # shows as "873.968" and more: thousands separators are visible


def _page_urls():
    """A path for every page type, found in the demo content."""
    from wagtail.models import Page

    def first(app_label, model):
        page = Page.objects.live().filter(content_type__app_label=app_label, content_type__model=model)
        page = page.order_by("path").first()
        assert page is not None, f"the demo content has no live {app_label}.{model}"
        return page.url

    return {
        "home": "/",
        "news_index": first("articles", "newsindexpage"),
        "news_page": first("articles", "newspage"),
        "video_index": first("articles", "videoindexpage"),
        "bulletin": first("articles", "videobulletinpage"),
        "center_index": first("centers", "centerindexpage"),
        "center_page": first("centers", "centerpage"),
        "search": "/search/?q=trung+tam",
        "not_found": "/trang-nay-khong-co/",
    }


def _record_visit(browser, base_url, name, path, html_dir, shots):
    """Load one page as a visitor would, and keep what the browser saw."""
    context = browser.new_context(viewport={"width": WIDTHS[-1], "height": 900}, locale="vi-VN")
    page = context.new_page()
    seen = {"console_errors": [], "failed_requests": [], "error_responses": [], "beacons": []}
    page.on(
        "console",
        lambda message: (
            seen["console_errors"].append(f"{message.text} ({message.location.get('url', '')})")
            if message.type == "error"
            else None
        ),
    )
    page.on("pageerror", lambda error: seen["console_errors"].append(f"uncaught: {error}"))
    page.on("requestfailed", lambda request: seen["failed_requests"].append(f"{request.url}: {request.failure}"))

    def on_response(response):
        if "/counter/hit/" in response.url:
            seen["beacons"].append(response.status)
        if response.status >= 400 and response.url != base_url + path:
            seen["error_responses"].append(f"{response.status} {response.url}")

    page.on("response", on_response)
    response = page.goto(base_url + path, wait_until="load")
    page.wait_for_load_state("networkidle")
    seen["status"] = response.status
    seen["html_file"] = html_dir / f"{name}.html"
    seen["html_file"].write_text(response.text(), encoding="utf-8")
    seen["title"] = page.title()
    seen["counter"] = page.eval_on_selector_all(
        "[data-counter] dd", "cells => cells.map(cell => cell.textContent.trim())"
    )
    seen["axe"] = None
    if AXE.exists():
        # Evaluated through DevTools, not added as an inline <script>: the site's CSP rightly blocks those.
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")
        seen["axe"] = []
    for width in sorted(WIDTHS, reverse=True):
        page.set_viewport_size({"width": width, "height": 900})
        if seen["axe"] is not None:  # at each width: a phone layout can hide or overflow things
            seen["axe"] += page.evaluate(AXE_RUN, width)
        page.screenshot(path=str(shots / f"{name}-{width}.png"), full_page=True)
    context.close()
    return seen


class NuChecker:
    """The Nu Html Checker over every saved page at once, run in the background while other tests go on."""

    def __init__(self, html_files):
        self.names = [path.name for path in html_files]
        command = [java(), "-jar", str(VNU), "--format", "json", "--exit-zero-always", "--stdout"]
        self.process = subprocess.Popen(  # noqa: S603
            [*command, *map(str, html_files)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        self._errors = None

    def errors(self):
        """{file name: [error messages]} once the checker has finished."""
        if self._errors is None:
            output, _stderr = self.process.communicate(timeout=180)
            self._errors = {name: [] for name in self.names}
            for message in json.loads(output or "{}").get("messages", []):
                if message.get("type") == "error" or message.get("subType") == "fatal":
                    name = Path(message.get("url", "").removeprefix("file:")).name
                    line = f"line {message.get('lastLine')}: {message.get('message')}"
                    self._errors.setdefault(name, []).append(line)
        return self._errors

    def stop(self):
        if self.process.poll() is None:
            self.process.kill()
            self.process.communicate()


def _session_sets_up_databases(session):
    """Whether pytest-django made the test database: some selected test asks for the database."""
    database_fixtures = {"db", "transactional_db", "live_server"}
    return any(
        item.get_closest_marker("django_db") or database_fixtures & set(getattr(item, "fixturenames", ()))
        for item in session.items
    )


@pytest.fixture(scope="module")
def browser_site(request, django_db_setup, django_db_blocker):
    """The demo site on a live server, every page type visited once in Chromium."""
    from playwright.sync_api import sync_playwright
    from wagtail.models import Site

    from home.demo import load_demo
    from home.models import PortalSettings

    # Playwright's sync API keeps an event loop in this thread; the ORM calls here are not concurrent.
    previous_async_flag = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    blocker = django_db_blocker.unblock()
    blocker.__enter__()
    own_databases = None
    if not _session_sets_up_databases(request.session):
        # Only browser tests were selected: pytest-django made no test database, so make one here.
        own_databases = setup_databases(verbosity=0, interactive=False, aliases={"default"})
    initial_state = connection.creation.serialize_db_to_string()
    # The demo's images and videos go to a folder of their own, removed afterwards.
    media_root = Path(tempfile.mkdtemp(prefix="sen-browser-media-"))
    html_dir = Path(tempfile.mkdtemp(prefix="sen-browser-html-"))  # the pages as served, for the checker
    urls_override = override_settings(ROOT_URLCONF="tests.browser.urls", MEDIA_ROOT=media_root)
    urls_override.enable()
    live_server = None
    try:
        load_demo()
        portal = PortalSettings.for_site(Site.objects.get(is_default_site=True))
        portal.visitor_count_start = VISITS_BEFORE_SEN
        portal.save()
        paths = _page_urls()
        # pytest-django's live server, started here rather than through its ``live_server`` fixture:
        # that fixture makes every test transactional, and the flush after the first would empty the site.
        live_server = LiveServer("localhost")
        shots = screenshot_dir(request.config)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
            visits = {
                name: _record_visit(browser, live_server.url, name, path, html_dir, shots)
                for name, path in paths.items()
            }
            checker = NuChecker([visit["html_file"] for visit in visits.values()]) if java() and VNU.exists() else None
            try:
                yield {
                    "browser": browser,
                    "url": live_server.url,
                    "paths": paths,
                    "visits": visits,
                    "vnu": checker,
                    "screenshots": shots,
                }
            finally:
                if checker is not None:
                    checker.stop()
            browser.close()
    finally:
        if live_server is not None:
            live_server.stop()
        urls_override.disable()
        shutil.rmtree(media_root, ignore_errors=True)
        shutil.rmtree(html_dir, ignore_errors=True)
        # Leave the database as the migrations made it, for the tests that run after these.
        call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True, reset_sequences=False)
        connection.creation.deserialize_db_from_string(initial_state)
        for cache in caches.all():  # renditions and pages of the demo, whose ids will be reused
            cache.clear()
        if own_databases is not None:
            teardown_databases(own_databases, verbosity=0)
        blocker.__exit__(None, None, None)
        if previous_async_flag is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous_async_flag


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_page_loads_without_console_errors_or_failed_requests(browser_site, name):
    visit = browser_site["visits"][name]
    expected_status = 404 if name == "not_found" else 200
    assert visit["status"] == expected_status
    errors = visit["console_errors"]
    if name == "not_found":
        # Chromium reports the document's own 404 status in the console: that one is the point of the page.
        document_url = browser_site["url"] + browser_site["paths"][name]
        errors = [error for error in errors if not (error.endswith(f"({document_url})") and "404" in error)]
    assert errors == []
    assert visit["failed_requests"] == []
    assert visit["error_responses"] == []
    assert visit["title"]


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_axe_finds_no_serious_or_critical_violation(browser_site, name):
    if browser_site["visits"][name]["axe"] is None:
        pytest.skip(f"axe-core is not installed at {AXE}: run npm ci (make test does)")
    violations = [v for v in browser_site["visits"][name]["axe"] if v["impact"] in ("serious", "critical")]
    assert violations == []


def test_screenshots_of_every_page_type_at_phone_and_desktop_width(browser_site):
    written = {path.name for path in browser_site["screenshots"].glob("*.png")}
    expected = {f"{name}-{width}.png" for name in PAGE_TYPES for width in WIDTHS}
    assert expected <= written
    print(f"\nScreenshots: {browser_site['screenshots']}")


def test_counter_numbers_use_dots_and_the_beacon_succeeds(browser_site):
    home = browser_site["visits"]["home"]
    assert home["beacons"] == [200]
    online, today, total = home["counter"]
    assert all(COUNTER_NUMBER.match(value) for value in (online, today, total)), home["counter"]
    # The demo's total (873.9xx) plus the visits counted so far: under xdist, other tests on the same worker
    # may have counted visits in the same Redis database before this one.
    assert int(total.replace(".", "")) >= 873_900, total


def test_skip_link_is_first_and_moves_focus_to_main(browser_site):
    page = browser_site["browser"].new_page()
    try:
        page.goto(browser_site["url"] + "/")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent.trim()") == SKIP_LINK_TEXT
        assert page.is_visible("a.skip-link")
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.closest('#main') !== null")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.closest('#main') !== null")
    finally:
        page.close()


def test_search_box_submits_and_lists_results(browser_site):
    page = browser_site["browser"].new_page()
    try:
        page.goto(browser_site["url"] + "/")
        page.fill("#site-search-q", SEARCH_QUERY)
        with page.expect_navigation():
            page.press("#site-search-q", "Enter")
        assert "/search/" in page.url
        results = page.locator("main .search-results li a")
        assert results.count() > 0
        titles = " ".join(results.all_inner_texts()).lower()
        assert SEARCH_EXPECTS in titles
    finally:
        page.close()


# Last in the module: the checker runs in the background while the tests above go on.
@pytest.mark.parametrize("name", PAGE_TYPES)
def test_nu_html_checker_finds_no_error(browser_site, name):
    if browser_site["vnu"] is None:
        pytest.skip(f"the Nu Html Checker needs Java and {VNU} (apt-get install default-jre-headless; npm ci)")
    assert browser_site["vnu"].errors()[f"{name}.html"] == []
