"""``manage.py bench_search`` (``make bench-search``): search latency at scale, per database.

For each backend (PostgreSQL in ``BENCH_DATABASE_URL``, SQLite in ``BENCH_SQLITE_PATH``),
in a subprocess with that ``DATABASE_URL``: migrate, load the demo, ``generate_content
--news BENCH_NEWS`` (idempotent: a second run reuses the pages), ``ANALYZE``; then time
30+ queries (the demo's most common words and pairs, one- and four-word queries, quoted
phrases, no-hit queries, accents and NFD, filters, facets and a deep page) against the
HTML search page and ``/api/sen/search`` with Django's test client (no network, no
response cache: each request runs the search). Writes ``var/bench/search-<time>.json``
and ``.md`` (a table of p50/p95 per backend and entry point) and prints the table.
"""

import collections
import datetime
import json
import os
import statistics
import subprocess
import sys
import time
import unicodedata
from pathlib import Path
from urllib.parse import urlparse

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client

from cms.generate import vocabulary
from search.indexing import words
from search.models import SearchEntry

TARGET_P95_MS = 100
# Queries whose first results /api/sen/search and /api/v2/pages/?search= must order alike (search.ranking).
RANKING_QUERIES = ["trung tam hoc tap cong dong", "hoi khuyen hoc", "cong dong", "TTHTCĐ", "9.600"]


def percentile(values, fraction):
    ordered = sorted(values)
    if not ordered:
        return 0.0
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def build_queries():
    """(label, params) for the benchmark: the domain's common words first."""

    tokens = [" ".join(words(token)) for token in vocabulary(limit=50_000)]
    tokens = [token for token in tokens if token]
    common = [word for word, _n in collections.Counter(tokens).most_common(12)]
    pairs = collections.Counter(f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False))
    common_pairs = [pair for pair, _n in pairs.most_common(6)]
    queries = [(f"common word: {word}", {"q": word}) for word in common[:8]]
    queries += [(f"common pair: {pair}", {"q": pair}) for pair in common_pairs[:4]]
    queries += [(f"common phrase: {pair}", {"q": f'"{pair}"'}) for pair in common_pairs[4:6]]
    queries += [
        ("four words: " + " ".join(common[:4]), {"q": " ".join(common[:4])}),
        ("four words: " + " ".join(common[4:8]), {"q": " ".join(common[4:8])}),
        ("domain: trung tam hoc tap cong dong", {"q": "trung tam hoc tap cong dong"}),
        ("domain: trung tam hoc tap", {"q": "trung tam hoc tap"}),
        ("domain: cong dong", {"q": "cong dong"}),
        ("domain: khuyen hoc", {"q": "khuyen hoc"}),
        ("domain phrase: hoi khuyen hoc", {"q": '"hoi khuyen hoc"'}),
        ("domain phrase: trung tam hoc tap cong dong", {"q": '"trung tam hoc tap cong dong"'}),
        ("accents: Trung tâm học tập", {"q": "Trung tâm học tập"}),
        ("NFD: Cộng đồng", {"q": unicodedata.normalize("NFD", "Cộng đồng")}),
        ("numbers: nam hoc 2016 2017", {"q": "năm học 2016-2017"}),
        ("no hit: xyzzy", {"q": "xyzzy"}),
        ("no hit: four words", {"q": "qwerty asdfgh zxcvbn poiuyt"}),
        ("no hit phrase of common words", {"q": f'"{common[1]} {common[0]} {common[1]} {common[0]}"'}),
        ("unbalanced quote", {"q": f'"{common[0]} {common[1]}'}),
        ("filter type: news", {"q": common[0], "type": "articles.newspage"}),
        ("filter type: centres", {"q": "trung tam", "type": "centers.centerpage"}),
        ("filter dates: 2018", {"q": common[1], "date_from": "2018-01-01", "date_to": "2018-12-31"}),
        ("filter type+dates, four words", {"q": " ".join(common[:4]), "type": "articles.newspage",
                                           "date_from": "2016-01-01", "date_to": "2020-12-31"}),
        ("filter locale: vi", {"q": common[2], "locale": "vi"}),
        ("deep page: 20", {"q": common[0], "page": 20}),
    ]  # fmt: skip
    return queries


def html_params(params):
    """The HTML form writes dates dd/mm/yyyy."""
    out = dict(params)
    for key in ("date_from", "date_to"):
        if key in out:
            year, month, day = out[key].split("-")
            out[key] = f"{day}/{month}/{year}"
    return out


class Command(BaseCommand):
    help = "Search benchmark at BENCH_NEWS articles on PostgreSQL and SQLite (make bench-search)."

    def add_arguments(self, parser):
        parser.add_argument("--news", type=int, default=int(os.environ.get("BENCH_NEWS", 100_000)))
        parser.add_argument("--centres", type=int, default=int(os.environ.get("BENCH_CENTRES", 500)))
        parser.add_argument("--backends", default=os.environ.get("BENCH_BACKENDS", "postgres,sqlite"))
        parser.add_argument(
            "--postgres-url",
            default=os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/sen_bench"),
        )
        parser.add_argument(
            "--sqlite-path",
            default=os.environ.get("BENCH_SQLITE_PATH", str(Path(settings.BASE_DIR) / "var/bench/search.sqlite3")),
        )
        parser.add_argument("--repeat", type=int, default=int(os.environ.get("BENCH_REPEAT", 5)))
        parser.add_argument("--measure", metavar="OUTPUT", help="(internal) measure this database into OUTPUT")

    def handle(self, *args, **options):
        if options["measure"]:
            return self.measure(options["measure"], options["repeat"])
        out_dir = Path(settings.BASE_DIR) / "var" / "bench"
        out_dir.mkdir(parents=True, exist_ok=True)
        stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
        report = {"news": options["news"], "centres": options["centres"], "repeat": options["repeat"], "backends": {}}
        for backend in [name.strip() for name in options["backends"].split(",") if name.strip()]:
            if backend == "postgres":
                url = options["postgres_url"]
                self.ensure_postgres_database(url)
            elif backend == "sqlite":
                Path(options["sqlite_path"]).parent.mkdir(parents=True, exist_ok=True)
                url = f"sqlite:///{Path(options['sqlite_path']).resolve()}"
            else:
                raise CommandError(f"Unknown backend {backend!r}: use postgres, sqlite.")
            report["backends"][backend] = self.run_backend(
                backend, url, options, out_dir / f"search-{stamp}-{backend}.json"
            )
        json_path = out_dir / f"search-{stamp}.json"
        json_path.write_text(json.dumps(report, indent=2, ensure_ascii=False))
        table = self.markdown(report)
        json_path.with_suffix(".md").write_text(table + "\n")
        self.stdout.write(table)
        self.stdout.write(f"\nReport: {json_path} and {json_path.with_suffix('.md')}")

    # Orchestration ---------------------------------------------------------------------

    def ensure_postgres_database(self, url):
        import psycopg2  # only when benchmarking PostgreSQL

        parsed = urlparse(url)
        name = parsed.path.lstrip("/")
        admin = psycopg2.connect(
            host=parsed.hostname, port=parsed.port or 5432, user=parsed.username, password=parsed.password,
            dbname="postgres",
        )  # fmt: skip
        admin.autocommit = True
        with admin.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cursor.fetchone() is None:
                cursor.execute(f'CREATE DATABASE "{name}"')
        admin.close()

    def run_backend(self, backend, url, options, output):
        env = dict(os.environ, DATABASE_URL=url, SEN_API_RATE_LIMIT="0", DEBUG="0", SEN_PAGE_CACHE="0")
        env.pop("PYTEST_CURRENT_TEST", None)
        manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
        steps = [
            ["migrate", "--noinput", "-v", "0"],
            ["load_demo"],
            ["generate_content", "--news", str(options["news"]), "--centres", str(options["centres"]), "--seed", "1"],
        ]
        timings = {}
        for step in steps:
            self.stdout.write(f"[{backend}] {' '.join(step)}")
            started = time.monotonic()
            subprocess.run(manage + step, env=env, check=True, stdout=subprocess.DEVNULL)  # noqa: S603
            timings[step[0]] = round(time.monotonic() - started, 1)
        self.stdout.write(f"[{backend}] measuring")
        subprocess.run(  # noqa: S603 - our own manage.py
            manage + ["bench_search", "--measure", str(output), "--repeat", str(options["repeat"])],
            env=env,
            check=True,
        )  # noqa: S603
        result = json.loads(Path(output).read_text())
        result["setup_seconds"] = timings
        return result

    # Measuring (in the benchmarked database) -------------------------------------------------

    def measure(self, output, repeat):
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        client = Client(HTTP_HOST=settings.ALLOWED_HOSTS[0] if settings.ALLOWED_HOSTS[0] != "*" else "127.0.0.1")
        queries = build_queries()
        endpoints = {"html": "/search/", "api": "/api/sen/search"}
        samples = {name: [] for name in endpoints}
        cpu_samples = {name: [] for name in endpoints}
        per_query = []
        for label, params in queries:
            row = {"query": label, "params": params}
            for name, path in endpoints.items():
                request_params = html_params(params) if name == "html" else params
                response = client.get(path, request_params)  # warm-up
                if response.status_code != 200:
                    raise CommandError(f"{path} {params}: HTTP {response.status_code}")
                times = []
                for _ in range(repeat):
                    started, cpu_started = time.perf_counter(), time.process_time()
                    response = client.get(path, request_params)
                    times.append((time.perf_counter() - started) * 1000)
                    # CPU time of this process (the app and, for SQLite, the database): the wall
                    # time on a shared machine also holds the time spent waiting for a core.
                    cpu_samples[name].append((time.process_time() - cpu_started) * 1000)
                samples[name].extend(times)
                row[f"{name}_ms"] = round(statistics.median(times), 1)
                if name == "api":
                    row["total"] = response.json()["total"]
            per_query.append(row)
        result = {
            "ranking": self.ranking_agreement(client),
            "vendor": connection.vendor,
            "load_average": os.getloadavg(),
            "live_pages": SearchEntry.objects.filter(live=True).count(),
            "queries": per_query,
            "endpoints": {
                name: {
                    "p50_ms": round(percentile(values, 0.5), 1),
                    "p95_ms": round(percentile(values, 0.95), 1),
                    "max_ms": round(max(values), 1),
                    "requests": len(values),
                    "cpu_p50_ms": round(percentile(cpu_samples[name], 0.5), 1),
                    "cpu_p95_ms": round(percentile(cpu_samples[name], 0.95), 1),
                }
                for name, values in samples.items()
            },
        }
        Path(output).write_text(json.dumps(result, indent=2, ensure_ascii=False))

    def ranking_agreement(self, client):
        """For each ranking query, the first ten titles of /api/sen/search and /api/v2/pages/?search= (the
        site's HTML search and the admin rank with the same function, search.ranking), whether they agree,
        and the median time of the v2 search."""
        rows = []
        for query in RANKING_QUERIES:
            sen = client.get("/api/sen/search", {"q": query, "per_page": 10}).json()["items"]
            times = []
            for _ in range(3):
                started = time.perf_counter()
                v2 = client.get("/api/v2/pages/", {"search": query, "limit": 10}).json()["items"]
                times.append((time.perf_counter() - started) * 1000)
            sen_titles = [item["title"] for item in sen]
            v2_titles = [item["title"] for item in v2]
            rows.append(
                {
                    "query": query,
                    "same_order": sen_titles == v2_titles,
                    "sen_top3": sen_titles[:3],
                    "v2_top3": v2_titles[:3],
                    "v2_ms": round(statistics.median(times), 1),
                }
            )
        return rows

    def markdown(self, report):
        lines = [
            f"Search benchmark: {report['news']:,} generated news (+ demo, centres), {report['repeat']} runs"
            " per query",
            "",
            "| backend | live pages | entry point | p50 ms | p95 ms | max ms | p95 < 100 ms | CPU p50 ms"
            " | CPU p95 ms |",
            "|---|---:|---|---:|---:|---:|---|---:|---:|",
        ]
        for backend, result in report["backends"].items():
            for name, figures in result["endpoints"].items():
                label = "HTML /search/" if name == "html" else "/api/sen/search"
                ok = "yes" if figures["p95_ms"] < TARGET_P95_MS else "NO"
                lines.append(
                    f"| {backend} | {result['live_pages']:,} | {label} | {figures['p50_ms']} | {figures['p95_ms']} "
                    f"| {figures['max_ms']} | {ok} | {figures['cpu_p50_ms']} | {figures['cpu_p95_ms']} |"
                )
        lines += [
            "",
            "| query | " + " | ".join(f"{b} html ms | {b} api ms | {b} total" for b in report["backends"]) + " |",
        ]
        lines.append("|---|" + "---:|---:|---:|" * len(report["backends"]))
        first = next(iter(report["backends"].values()), {"queries": []})
        for index, row in enumerate(first["queries"]):
            cells = []
            for result in report["backends"].values():
                other = result["queries"][index]
                cells += [str(other["html_ms"]), str(other["api_ms"]), str(other.get("total", ""))]
            lines.append(f"| {row['query']} | " + " | ".join(cells) + " |")
        return "\n".join(lines + self.ranking_lines(report))

    def ranking_lines(self, report):
        lines = ["", "| backend | ranking query | same top 10 in /api/sen/search and /api/v2 | first title | v2 ms |"]
        lines.append("|---|---|---|---|---:|")
        for backend, result in report["backends"].items():
            for row in result.get("ranking", []):
                first_title = (row["sen_top3"] or [""])[0]
                same = "yes" if row["same_order"] else "NO"
                lines.append(f"| {backend} | {row['query']} | {same} | {first_title} | {row['v2_ms']} |")
        return lines
