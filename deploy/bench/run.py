"""`make bench`: Sen under gunicorn (cold and warm page cache) and behind the shipped nginx, against nginx's ceiling.

1. Builds (or reuses) a PostgreSQL database named by BENCH_DATABASE_URL with ``generate_content``
   (BENCH_NEWS news, BENCH_BULLETINS bulletins, BENCH_CENTRES centres, BENCH_SEED); a marker file under
   var/bench/ remembers what was generated, so a second run with the same size and seed reuses it.
2. Counts queries per request in-process (django.test Client + CaptureQueriesContext), page cache off and
   on, and times BENCH_INPROCESS_REPEAT (30) requests to each URL in-process (median, p95 ms).
3. Starts two gunicorns with the production settings (SEN_HTTPS=0, 2 workers): one with SEN_PAGE_CACHE=0
   (cold), one with the page cache on (warm); Debian's nginx serving a saved copy of one article's bytes
   (the ceiling), and the shipped deploy/nginx/sen.conf in front of the warm gunicorn.
4. Drives them with wrk (--latency), one URL at a time, each target in turn (interleaved), for BENCH_SECONDS
   per cell; then reads the RSS of every gunicorn worker from /proc.
5. Prints a markdown table and writes var/bench/<time>.json and .md.

Run from the project root: ``.venv/bin/python deploy/bench/run.py`` (the Makefile does). Not part of CI.
"""

import datetime
import gzip
import json
import os
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.load.proxy import Nginx, nginx_binary, nginx_missing  # noqa: E402
from tests.load.stack import Gunicorn, free_port, manage, production_env  # noqa: E402

NEWS = int(os.environ.get("BENCH_NEWS", 100_000))
BULLETINS = int(os.environ.get("BENCH_BULLETINS", max(10, NEWS // 20)))
CENTRES = int(os.environ.get("BENCH_CENTRES", max(20, NEWS // 10)))
SEED = int(os.environ.get("BENCH_SEED", 1))
SECONDS = int(os.environ.get("BENCH_SECONDS", 5))
THREADS = int(os.environ.get("BENCH_WRK_THREADS", 2))
CONNECTIONS = int(os.environ.get("BENCH_WRK_CONNECTIONS", 16))
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/sen_bench")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"))
OUT = ROOT / "var" / "bench"


def log(message):
    print(f"[bench] {message}", flush=True)


# The database ------------------------------------------------------------------------------------


def ensure_database(url):
    import psycopg2

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    admin = psycopg2.connect(
        host=parsed.hostname, port=parsed.port or 5432, user=parsed.username, password=parsed.password,
        dbname="postgres",
    )  # fmt: skip
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        created = cursor.fetchone() is None
        if created:
            cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()
    return name, created


def build(env, name, created):
    wanted = {"news": NEWS, "bulletins": BULLETINS, "centres": CENTRES, "seed": SEED}
    marker = OUT / f"built-{name}.json"
    if not created and marker.exists() and json.loads(marker.read_text()) == wanted:
        log(f"reusing database {name} ({wanted})")
        manage(env, "migrate", "--noinput", "-v", "0")
    else:
        log(f"building database {name} with {wanted} (generate_content; long at 100,000)")
        marker.unlink(missing_ok=True)
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "load_demo")
        manage(
            env, "generate_content", "--news", str(NEWS), "--bulletins", str(BULLETINS),
            "--centres", str(CENTRES), "--seed", str(SEED), timeout=24 * 3600,
        )  # fmt: skip
        marker.write_text(json.dumps(wanted))
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")


# In-process: the URLs and the queries per request --------------------------------------------------


def in_process(env, result_path):
    """Run in a child process with the bench environment: pick the URLs, count queries, save the article bytes."""
    code = f"""
import json, django
django.setup()
from deploy.bench.inprocess import measure
json.dump(measure(), open({str(result_path)!r}, "w"), ensure_ascii=False)
"""
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True)  # noqa: S603
    return json.loads(Path(result_path).read_text())


# wrk -------------------------------------------------------------------------------------------------


def wrk(url):
    command = [
        "wrk",
        f"-t{THREADS}",
        f"-c{CONNECTIONS}",
        f"-d{SECONDS}s",
        "--latency",
        "-s",
        str(Path(__file__).with_name("percentiles.lua")),
        "-H",
        "Accept-Encoding: gzip",
        url,
    ]
    output = subprocess.run(command, capture_output=True, text=True, timeout=SECONDS + 60).stdout  # noqa: S603
    cell = {"rps": None, "p50": None, "p95": None, "p99": None, "errors": 0}
    match = re.search(r"Requests/sec:\s+([\d.]+)", output)
    if match:
        cell["rps"] = float(match.group(1))
    match = re.search(r"SEN-PERCENTILES ([\d.]+) ([\d.]+) ([\d.]+)", output)
    if match:
        cell["p50"], cell["p95"], cell["p99"] = (round(float(value), 2) for value in match.groups())
    match = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    if match:
        cell["errors"] = int(match.group(1))
    match = re.search(r"Socket errors:.*", output)
    if match:
        cell["socket_errors"] = match.group(0)
    return cell


def worker_rss(master_pid):
    """RSS in MB of each worker (child) of a gunicorn master."""
    sizes = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        if re.search(rf"^PPid:\s+{master_pid}$", text, re.M):
            match = re.search(r"^VmRSS:\s+(\d+) kB", text, re.M)
            if match:
                sizes.append(round(int(match.group(1)) / 1024, 1))
    return sorted(sizes)


class Ceiling:
    """Debian's nginx serving one file (the saved bytes of an article) at every URL."""

    def __init__(self, directory, body):
        self.dir = Path(directory)
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.dir.mkdir(parents=True, exist_ok=True)
        (self.dir / "article.html").write_bytes(body)
        # The same bytes compressed, for clients that accept gzip (wrk asks for it, as Sen's answers are compressed).
        (self.dir / "article.html.gz").write_bytes(gzip.compress(body, mtime=0))
        user = "user root;\n" if os.geteuid() == 0 else ""
        temp = "".join(
            f"    {name}_temp_path {self.dir / name};\n"
            for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        (self.dir / "nginx.conf").write_text(
            f"{user}daemon off;\nworker_processes 1;\npid {self.dir / 'nginx.pid'};\n"
            f"error_log {self.dir / 'error.log'} warn;\nevents {{ worker_connections 1024; }}\n"
            f"http {{\n    access_log off;\n{temp}"
            f"    server {{\n        listen 127.0.0.1:{self.port};\n        root {self.dir};\n"
            "        default_type text/html;\n        gzip_static on;\n"
            "        location / { try_files /article.html =404; }\n    }\n}\n"
        )
        self.process = None

    def start(self):
        command = [
            nginx_binary(),
            "-p",
            str(self.dir),
            "-e",
            str(self.dir / "error.log"),
            "-c",
            str(self.dir / "nginx.conf"),
        ]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603
        import requests

        for _ in range(100):
            try:
                requests.get(self.base + "/", timeout=2)
                return self
            except requests.RequestException:
                time.sleep(0.1)
        raise RuntimeError("the ceiling nginx did not answer")

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)


# The report ------------------------------------------------------------------------------------------


def fmt(value, digits=0):
    return "–" if value is None else f"{value:,.{digits}f}"


def markdown(report):
    ceiling = report["ceiling_rps"]
    targets = [name for name in ("cold", "warm", "proxy") if name in report["targets"]]
    head = ["URL", "queries cold/warm", "in-process ms cold p50/p95 · warm p50"]
    for name in targets:
        head += [f"{name} req/s", f"{name} p50/p95/p99 ms", f"{name} ÷ ceiling"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for row in report["rows"]:
        cells = [
            f"{row['name']} `{row['url']}`",
            f"{fmt(row['queries_cold'])}/{fmt(row['queries_warm'])}",
            f"{fmt(row.get('inprocess_ms_cold'), 1)}/{fmt(row.get('inprocess_p95_ms_cold'), 1)}"
            f" · {fmt(row.get('inprocess_ms_warm'), 1)}",
        ]
        for name in targets:
            cell = row["cells"].get(name, {})
            ratio = (cell.get("rps") or 0) / ceiling if ceiling else None
            errors = f" ({cell['errors']} non-2xx)" if cell.get("errors") else ""
            cells += [
                fmt(cell.get("rps")) + errors,
                f"{fmt(cell.get('p50'), 1)}/{fmt(cell.get('p95'), 1)}/{fmt(cell.get('p99'), 1)}",
                "–" if ratio is None else f"{ratio:.2%}",
            ]
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    lines.append(
        f"nginx ceiling (the article's bytes from a file): median {fmt(ceiling)} req/s over "
        f"{len(report['ceiling_runs'])} "
        f"interleaved runs ({', '.join(fmt(r) for r in report['ceiling_runs'])}). "
        f"{report['news']:,} news, {report['bulletins']:,} bulletins, {report['centres']:,} centres; wrk -t{THREADS} "
        f"-c{CONNECTIONS} -d{SECONDS}s per cell; gunicorn 2 sync workers per target."
    )
    rss = report["rss_mb"]
    lines.append(
        "Worker RSS after the run (MB): " + "; ".join(f"{name} {values}" for name, values in rss.items()) + "."
    )
    return "\n".join(lines)


# The speed issue's targets, checked against the report -------------------------------------------------

# Rows named as in inprocess.pick_urls(); a target on a row the run did not measure is "not measured".
WARM_P95_ROWS = ("sitemap section", "feed (news RSS)", "statistics", "API v2 list")


def _row(report, name):
    return next((row for row in report["rows"] if row["name"] == name), None)


def issue_targets(report):
    """[(target, measured, met)]: each target of the speed issue, as this run measured it (met is None when
    the run has no figure for it)."""
    ceiling = report.get("ceiling_rps")
    checks = []

    def check(label, value, ok, shown):
        checks.append((label, "not measured" if value is None else shown, None if value is None else bool(ok)))

    article, home = _row(report, "article"), _row(report, "home")
    if article:
        check("uncached article ≤ 10 queries", article["queries_cold"], article["queries_cold"] <= 10,
              f"{article['queries_cold']}")  # fmt: skip
        median = article.get("inprocess_ms_cold")
        check("uncached article ≤ 12 ms in-process median", median, median is not None and median <= 12,
              f"{median} ms")  # fmt: skip
    if home:
        check("home ≤ 10 queries", home["queries_cold"], home["queries_cold"] <= 10, f"{home['queries_cold']}")
    for name, target, share in (("article", "warm", 0.02), ("API v2 list", "warm", 0.02),
                                ("article", "proxy", 0.5), ("API v2 list", "proxy", 0.5)):  # fmt: skip
        row = _row(report, name)
        rps = (row or {}).get("cells", {}).get(target, {}).get("rps")
        ratio = rps / ceiling if rps and ceiling else None
        where = "through gunicorn (page cache)" if target == "warm" else "through the shipped nginx"
        check(f"{name} {where} ≥ {share:.0%} of the ceiling", ratio, ratio is not None and ratio >= share,
              f"{ratio:.2%}" if ratio is not None else "")  # fmt: skip
    for name in WARM_P95_ROWS:
        row = _row(report, name)
        p95 = (row or {}).get("cells", {}).get("warm", {}).get("p95")
        check(f"{name} warm p95 < 50 ms", p95, p95 is not None and p95 < 50, f"{p95} ms")
    sizes = [size for values in report.get("rss_mb", {}).values() for size in values]
    check("worker RSS < 250 MB", max(sizes) if sizes else None, sizes and max(sizes) < 250,
          f"{max(sizes) if sizes else 0} MB")  # fmt: skip
    return checks


def failures(report):
    """What makes a smoke run (BENCH_STRICT=1, CI's make bench-quick) fail: an error, not a slow figure."""
    found = []
    for row in report["rows"]:
        if row.get("status") != 200:
            found.append(f"{row['name']} {row['url']}: status {row.get('status')} in-process")
        for target, cell in row.get("cells", {}).items():
            if cell.get("errors"):
                found.append(f"{row['name']} {row['url']}: {cell['errors']} non-2xx/3xx answers through {target}")
            if not cell.get("rps"):
                found.append(f"{row['name']} {row['url']}: no request completed through {target}")
    return found


def main():
    if shutil.which("wrk") is None or nginx_missing():
        sys.exit("make bench needs Debian's nginx and wrk: run `make proxy-tools` (as root) first.")
    OUT.mkdir(parents=True, exist_ok=True)
    name, created = ensure_database(DATABASE_URL)
    work = Path(tempfile.mkdtemp(prefix="sen-bench-"))
    var_dir = work / "var"
    var_dir.mkdir()
    common = {
        "CACHE_KEY_PREFIX": f"sen_bench_{name}_{secrets.token_hex(3)}",
        "STATIC_ROOT": str(var_dir / "static"),
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "DATABASE_CONN_MAX_AGE": "60",
    }
    env = production_env(DATABASE_URL, var_dir, redis_url=REDIS_URL, **common)
    # The media (images) of the generated content live in the project's var/ unless told otherwise.
    env.pop("SEN_VAR_DIR", None)
    env["STATIC_ROOT"] = str(var_dir / "static")
    build(env, name, created)
    log("counting queries in-process (page cache off, then on)")
    inproc = in_process(env, work / "inprocess.json")
    rows = inproc["rows"]
    article_bytes = Path(inproc["article_file"]).read_bytes()
    Path(inproc["article_file"]).unlink()
    processes = []
    report = {
        "time": datetime.datetime.now().isoformat(timespec="seconds"),
        "news": NEWS, "bulletins": BULLETINS, "centres": CENTRES, "seed": SEED, "seconds": SECONDS,
        "database": name, "targets": {}, "ceiling_runs": [], "rows": rows,
    }  # fmt: skip
    try:
        cold = Gunicorn(dict(env, SEN_PAGE_CACHE="0"), workers=2, log_path=work / "cold.log").start()
        processes.append(cold)
        warm = Gunicorn(dict(env, SEN_PAGE_CACHE="1"), workers=2, log_path=work / "warm.log").start()
        processes.append(warm)
        ceiling = Ceiling(work / "ceiling", article_bytes).start()
        processes.append(ceiling)
        targets = {"cold": cold.base, "warm": warm.base}
        try:
            proxy = Nginx(
                work / "proxy",
                [f"127.0.0.1:{warm.port}"],
                var_dir / "static",
                ROOT / "var" / "media",
                secrets.token_hex(16),
            ).start()
            processes.append(proxy)
            targets["proxy"] = proxy.base
        except RuntimeError as error:
            log(f"the shipped nginx config could not be started, skipped: {error}")
        report["targets"] = targets
        import requests

        for row in rows:
            log(f"{row['name']}: {row['url']}")
            row["cells"] = {}
            report["ceiling_runs"].append(wrk(ceiling.base + "/")["rps"])
            for target, base in targets.items():
                try:
                    for _ in range(2):  # fill the caches (and the proxy's) before measuring
                        requests.get(base + row["url"], timeout=60)
                except requests.RequestException as error:  # a slow URL is a result, not the end of the run
                    log(f"{target} {row['url']}: the warm-up request failed ({error}); measuring anyway")
                row["cells"][target] = wrk(base + row["url"])
        report["rss_mb"] = {"cold": worker_rss(cold.process.pid), "warm": worker_rss(warm.process.pid)}
    finally:
        for process in reversed(processes):
            process.stop()
        shutil.rmtree(work, ignore_errors=True)
    runs = [run for run in report["ceiling_runs"] if run]
    report["ceiling_rps"] = statistics.median(runs) if runs else None
    for row in rows:
        for cell in row["cells"].values():
            cell["ratio_to_ceiling"] = (
                round(cell["rps"] / report["ceiling_rps"], 6) if cell.get("rps") and report["ceiling_rps"] else None
            )
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    json_path = OUT / f"{stamp}.json"
    report["targets_met"] = [{"target": t, "measured": m, "met": ok} for t, m, ok in issue_targets(report)]
    json_path.write_text(json.dumps(report, indent=2, ensure_ascii=False))
    table = markdown(report)
    verdicts = {True: "met", False: "NOT met", None: "not measured"}
    table += "\n\nThe speed issue's targets in this run:\n" + "\n".join(
        f"- {verdicts[ok]}: {target} ({measured})" for target, measured, ok in issue_targets(report)
    )
    json_path.with_suffix(".md").write_text(table + "\n")
    print(table)
    print(f"\nReport: {json_path} and {json_path.with_suffix('.md')}")
    problems = failures(report)
    for problem in problems:
        log(f"error: {problem}")
    if problems and os.environ.get("BENCH_STRICT") == "1":
        sys.exit(f"make bench: {len(problems)} URL(s) failed (BENCH_STRICT=1)")


if __name__ == "__main__":
    main()
