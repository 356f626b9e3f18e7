"""Browser tests: Debian's Chromium driven by Playwright against a live server with the demo content.

One live server, one browser and one load of the demo content for the whole module; the
pages are visited once, and the tests check what the visit recorded (console errors,
failed requests, axe-core, the Nu Html Checker) or drive the page (skip link, search).
"""

import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("SEN_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
SCREENSHOT_KEY = pytest.StashKey[Path]()


def _missing_browser_tools():
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (make test installs it: pip install -r requirements-dev.txt)"
    if not CHROMIUM.exists():
        return f"Chromium is not installed at {CHROMIUM} (make test installs it with apt-get as root)"
    return ""


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Skip browser tests (saying why) without the tools; run the demo-site ones first.

    The tests on ``browser_site`` go first because the database is then as the migrations
    left it (tests that flush it, the transactional ones, run last), and the fixture puts
    it back that way when it is done.
    """
    reason = _missing_browser_tools()
    if reason:
        for item in items:
            if item.get_closest_marker("browser"):
                item.add_marker(pytest.mark.skip(reason=reason))
    on_demo_site = [item for item in items if "browser_site" in getattr(item, "fixturenames", ())]
    items[:] = on_demo_site + [item for item in items if item not in on_demo_site]


def screenshot_dir(config):
    """var/screenshots/<timestamp>/, made on first use and printed at the end of the run."""
    if SCREENSHOT_KEY not in config.stash:
        folder = ROOT / "var" / "screenshots" / datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
        folder.mkdir(parents=True, exist_ok=True)
        config.stash[SCREENSHOT_KEY] = folder
    return config.stash[SCREENSHOT_KEY]


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    folder = config.stash.get(SCREENSHOT_KEY, None)
    if folder is not None:
        count = len(list(folder.glob("*.png")))
        terminalreporter.write_sep("-", "browser screenshots")
        terminalreporter.write_line(f"{count} screenshots of every page type (375 px and 1280 px): {folder}")


def java():
    return shutil.which("java")


@pytest.fixture
def browser():
    """Debian's Chromium driven by Playwright, one per test (skipped where it is missing)."""
    reason = _missing_browser_tools()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; the ORM calls here are not concurrent.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous
