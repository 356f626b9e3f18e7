"""Load test: 50 concurrent readers and 2 editors publishing, for SEN_LOAD_SECONDS (default 120) (issue 11).

Sen under gunicorn (production settings, 2 workers x 4 threads) on 127.0.0.1, with PostgreSQL (the private
cluster of tests/load/, migrated with the demo) and Redis (REDIS_URL, under a key prefix of its own).
Readers fetch pages and API resources and post the visitor-counter beacon after each page, as a browser
does; editors publish new titles of a news page through the admin. Expected: no error at all, the
counter's total grows by exactly the number of distinct visitors, and each editor's last publish is what
the page and the API show afterwards. `make loadtest` runs it alone.

Environment: SEN_LOAD_SECONDS (duration), SEN_LOAD_READERS (50), SEN_LOAD_THINK (seconds between a
reader's requests, 0.2).
"""

import functools
import os
import secrets
import statistics
from urllib.parse import urlsplit

import pytest
import requests

from tests.load import driver
from tests.load.site import news_form, news_pages, site_paths
from tests.load.stack import Gunicorn

pytestmark = [pytest.mark.postgres, pytest.mark.redis]

SECONDS = float(os.environ.get("SEN_LOAD_SECONDS", "120"))
READERS = int(os.environ.get("SEN_LOAD_READERS", "50"))
THINK = float(os.environ.get("SEN_LOAD_THINK", "0.2"))
EDITORS = 2


def test_readers_and_editors_under_load(private_postgres_site, tmp_path):
    _pg, site_env = private_postgres_site
    env = {**site_env, "REDIS_URL": os.environ["REDIS_URL"], "CACHE_KEY_PREFIX": f"sen_load_{secrets.token_hex(4)}"}
    with Gunicorn(env, workers=2, threads=4, log_path=tmp_path / "gunicorn.log") as server:
        paths = site_paths(server.base)
        editors = news_pages(server.base, EDITORS)
        total_before = driver.counter_total(server.base)
        stats = driver.Stats()
        run_id = secrets.token_hex(4)
        workers = [
            functools.partial(driver.reader, server.base, paths, stats=stats, number=n, think=THINK, run_id=run_id)
            for n in range(READERS)
        ] + [
            functools.partial(
                driver.editor,
                server.base,
                env["SEN_ADMIN_PASSWORD"],
                page_id,
                slug,
                news_form,
                stats=stats,
                name=f"e{n}",
                pause=1.0,
            )  # fmt: skip
            for n, (page_id, slug) in enumerate(editors)
        ]
        driver.run(workers, SECONDS, stats)
        total_after = driver.counter_total(server.base)

        shown = {}
        for name, (page_id, title) in stats.published.items():
            detail = requests.get(f"{server.base}/api/v2/pages/{page_id}/", timeout=60).json()
            page = requests.get(server.base + urlsplit(detail["meta"]["html_url"]).path, timeout=60)
            shown[name] = (title, detail["title"], title in page.text, page.status_code)

    expected = {"read": 200, "beacon": 200, "publish": 302}
    errors = [s for s in stats.samples if s.status != expected[s.kind]]
    reads = [s.seconds for s in stats.samples if s.kind == "read"]
    publishes = [s for s in stats.samples if s.kind == "publish"]
    print(
        f"\nLoad: {READERS} readers + {EDITORS} editors for {SECONDS:g} s: {len(stats.samples)} requests "
        f"({len(stats.samples) / SECONDS:.1f}/s), {len(errors)} errors, {len(publishes)} publishes, "
        f"{len(stats.visitors)} visitors, counter +{total_after - total_before}; page/API read "
        f"median {statistics.median(reads):.2f} s, p95 {statistics.quantiles(reads, n=20)[-1]:.2f} s"
    )
    assert not errors, [(s.kind, s.url, s.status, s.detail) for s in errors[:10]]
    assert len(stats.published) == EDITORS and len(stats.visitors) > READERS
    assert total_after - total_before == len(stats.visitors)  # the counter is exact
    for title, api_title, on_page, status in shown.values():  # the last publish is what readers get
        assert status == 200 and api_title == title and on_page, (title, api_title, on_page, status)
