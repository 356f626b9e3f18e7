"""`manage.py backup` / `restore` round-trip the demo site, and a damaged archive restores nothing.

Each side runs in its own process on its own database (a SQLite file under its own SEN_VAR_DIR,
or a throwaway PostgreSQL database) with its own media folder, as two installations would.
"""

import json
import os
import shutil
import subprocess
import sys
import tarfile
import uuid
from urllib.parse import urlsplit, urlunsplit

import pytest

from tests.utils import ROOT, run_manage

# Prints what a consumer and an operator would compare: the API, row counts, media hashes.
SNAPSHOT = r"""
import hashlib, json, django
django.setup()
from django.conf import settings
from django.db import connection
from django.test import Client

client = Client()
listing = client.get("/api/v2/pages/?fields=*&order=id&limit=50")
assert listing.status_code == 200, listing.status_code
items = listing.json()["items"]
news = [item["id"] for item in items if item["meta"]["type"] == "articles.NewsPage"]
detail = client.get(f"/api/v2/pages/{news[0]}/")
images = client.get("/api/v2/images/?order=id&limit=50")
with connection.cursor() as cursor:
    counts = {}
    for table in sorted(connection.introspection.table_names()):
        cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
        counts[table] = cursor.fetchone()[0]
media = {
    path.relative_to(settings.MEDIA_ROOT).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
    for path in sorted(settings.MEDIA_ROOT.rglob("*")) if path.is_file()
}
print(json.dumps({"pages": listing.json(), "detail": detail.json(), "detail_status": detail.status_code,
                  "images": images.json(), "counts": counts, "media": media}))
"""


def _env(var_dir, database_url):
    # No Redis: each side keeps its own local-memory cache. Tasks run inline, as if the worker had
    # run: load_demo then makes every rendition ahead, so reading the API creates no file (a new
    # rendition file gets a random name, which would differ between the two sides).
    return {
        "SEN_VAR_DIR": str(var_dir),
        "DATABASE_URL": database_url,
        "REDIS_URL": "",
        "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
    }


def _manage(env, *args):
    result = run_manage(*args, env=env, timeout=600)
    assert result.returncode == 0, f"manage.py {' '.join(args)}:\n{result.stdout}\n{result.stderr}"
    return result


def _snapshot(env):
    full_env = {**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.dev", **env}
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", SNAPSHOT], cwd=ROOT, env=full_env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture
def databases(request, tmp_path):
    """Two empty databases, source and restored: SQLite files, or throwaway PostgreSQL databases."""
    if request.param == "sqlite":
        yield "", ""
        return
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        pytest.skip("needs PostgreSQL: set DATABASE_URL=postgres://…")
    import psycopg2

    parts = urlsplit(url)
    suffix = uuid.uuid4().hex[:8]
    names = [f"sen_backup_src_{suffix}", f"sen_backup_dst_{suffix}"]
    admin_url = urlunsplit(parts._replace(path="/postgres"))

    def execute(*statements):
        conn = psycopg2.connect(admin_url)
        conn.autocommit = True
        try:
            with conn.cursor() as cursor:
                for statement in statements:
                    cursor.execute(statement)
        finally:
            conn.close()

    execute(*(f'CREATE DATABASE "{name}"' for name in names))
    try:
        yield tuple(urlunsplit(parts._replace(path=f"/{name}")) for name in names)
    finally:
        execute(*(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)' for name in names))


# Each round trip builds two sites in subprocesses (1–2 min): spread over the xdist workers.
XDIST_SPREAD = True
# The SQLite round trip uses SQLite files of its own, whatever the suite's database: it runs in the
# SQLite pass only, as the PostgreSQL one runs in the PostgreSQL pass only.
ON_POSTGRES = os.environ.get("DATABASE_URL", "").startswith("postgres")


@pytest.mark.parametrize(
    "databases",
    [
        pytest.param(
            "sqlite", marks=pytest.mark.skipif(ON_POSTGRES, reason="the same round trip as in the SQLite pass")
        ),
        pytest.param("postgresql", marks=pytest.mark.postgres),
    ],
    indirect=True,
)
def test_backup_and_restore_round_trip_the_demo_site(databases, tmp_path):
    source_url, restored_url = databases
    source = _env(tmp_path / "source", source_url)
    restored = {**source, "SEN_VAR_DIR": str(tmp_path / "restored"), "DATABASE_URL": restored_url}
    archive = tmp_path / "demo.tar"

    _manage(source, "migrate", "--noinput", "-v0")
    _manage(source, "load_demo")
    output = _manage(source, "backup", "--output", str(archive)).stdout
    assert "Backup written" in output
    with tarfile.open(archive) as tar:
        manifest = json.loads(tar.extractfile("manifest.json").read())
    assert any(name.startswith("media/original_images/") for name in manifest["files"])
    expected = _snapshot(source)
    assert expected["detail_status"] == 200 and expected["media"]

    _manage(restored, "restore", "--noinput", str(archive))
    actual = _snapshot(restored)
    # The API rate limit's per-minute counts (no Redis here) are bookkeeping, not content: reading the restored
    # site in a later minute adds a row of its own.
    transient = {"cms_ratelimitcount"}
    assert {table: count for table, count in actual["counts"].items() if table not in transient} == {
        table: count for table, count in expected["counts"].items() if table not in transient
    }
    assert actual["media"] == expected["media"]
    assert actual["pages"] == expected["pages"]
    assert actual["detail"] == expected["detail"]
    assert actual["images"] == expected["images"]

    # A damaged archive is refused before anything changes: one byte of a photo altered...
    damaged = tmp_path / "damaged.tar"
    shutil.copy(archive, damaged)
    with tarfile.open(archive) as tar:
        photo = next(m for m in tar.getmembers() if m.name.startswith("media/original_images/"))
    with open(damaged, "r+b") as file:
        file.seek(photo.offset_data + photo.size // 2)
        byte = file.read(1)
        file.seek(-1, os.SEEK_CUR)
        file.write(bytes([byte[0] ^ 0xFF]))
    result = run_manage("restore", "--noinput", str(damaged), env=restored, timeout=300)
    assert result.returncode != 0
    assert f"{photo.name} does not match its SHA-256" in result.stderr
    assert "nothing was restored" in result.stderr
    # ...or the archive cut short (a full disk, an interrupted copy).
    with open(damaged, "wb") as file:
        file.write(archive.read_bytes()[: archive.stat().st_size // 2])
    result = run_manage("restore", "--noinput", str(damaged), env=restored, timeout=300)
    assert result.returncode != 0
    assert "is not a usable Sen backup" in result.stderr
    assert _snapshot(restored)["media"] == expected["media"]
