"""Backups: the database and the media files in one archive, checked by SHA-256 before any restore.

An archive (``var/backups/sen-<time>.tar``) holds:

- ``database.sqlite3.gz``: a consistent copy made with SQLite's online backup API, gzipped; or
  ``database.pgdump``: ``pg_dump --format=custom`` (compressed, restored with ``pg_restore``);
- ``media/…``: every file under ``MEDIA_ROOT`` (originals, renditions, documents);
- ``manifest.json``: the engine, the applied migrations, and the size and SHA-256 of every file.

A restore reads and checks the whole archive first, and changes nothing if a file is missing,
extra, truncated or altered. PostgreSQL is restored in one transaction; the media folder is
swapped in whole once the database is restored.
"""

import datetime
import gzip
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import connection, connections
from django.db.migrations.recorder import MigrationRecorder

FORMAT = "sen-backup"
VERSION = 1
MANIFEST = "manifest.json"
SQLITE_MEMBER = "database.sqlite3.gz"
POSTGRES_MEMBER = "database.pgdump"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why."""


def backups_dir():
    return Path(settings.SEN_BACKUP_DIR)


def _sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        while chunk := file.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _engine():
    vendor = connection.vendor
    if vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {vendor}.")
    return vendor


def _pg_env_and_args():
    db = connection.settings_dict
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    args = []
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            args += [option, str(db[key])]
    return env, args, db["NAME"]


def _run(command, env=None):
    try:
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    except FileNotFoundError as exc:
        raise BackupError(f"{command[0]} is not installed (PostgreSQL client tools are needed).") from exc
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[-2000:]}")
    return result


def _dump_database(engine, workdir):
    if engine == "sqlite":
        copy = workdir / "database.sqlite3"
        connection.ensure_connection()
        target = sqlite3.connect(copy)
        try:
            connection.connection.backup(target)  # consistent even while others write
        finally:
            target.close()
        member = workdir / SQLITE_MEMBER
        with open(copy, "rb") as source, gzip.open(member, "wb", compresslevel=6) as packed:
            shutil.copyfileobj(source, packed, CHUNK)
        copy.unlink()
        return member
    env, args, name = _pg_env_and_args()
    member = workdir / POSTGRES_MEMBER
    _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", *args, "--file", str(member), name], env)
    return member


def _applied_migrations():
    rows = MigrationRecorder(connection).migration_qs.order_by("app", "name").values_list("app", "name")
    return [f"{app}.{name}" for app, name in rows]


def create_backup(output=None):
    """Write an archive of the database and the media; return its path and manifest."""
    engine = _engine()
    media_root = Path(settings.MEDIA_ROOT)
    created = datetime.datetime.now(datetime.UTC)
    if output is None:
        output = backups_dir() / f"sen-{created:%Y%m%d-%H%M%S}.tar"
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    files = {}
    with tempfile.TemporaryDirectory(prefix="sen-backup-", dir=output.parent) as tmp:
        database = _dump_database(engine, Path(tmp))
        partial = output.with_name(output.name + ".partial")
        with tarfile.open(partial, "w") as archive:
            archive.add(database, arcname=database.name)
            files[database.name] = {"size": database.stat().st_size, "sha256": _sha256(database)}
            if media_root.is_dir():
                for path in sorted(media_root.rglob("*")):
                    if path.is_file() and not path.is_symlink():
                        name = "media/" + path.relative_to(media_root).as_posix()
                        files[name] = {"size": path.stat().st_size, "sha256": _sha256(path)}
                        archive.add(path, arcname=name, recursive=False)
            manifest = {
                "format": FORMAT,
                "version": VERSION,
                "created": created.isoformat(),
                "engine": engine,
                "migrations": _applied_migrations(),
                "files": files,
            }
            data = json.dumps(manifest, indent=1, ensure_ascii=False).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime = len(data), int(created.timestamp())
            archive.addfile(info, io.BytesIO(data))
        partial.replace(output)  # a backup cut short never looks like a finished one
    return output, manifest


def _corrupt(archive_path, reason):
    return BackupError(f"{archive_path} is not a usable Sen backup ({reason}); nothing was restored.")


def verify_backup(archive_path, workdir):
    """Extract ``archive_path`` into ``workdir`` and check it against its manifest; return the manifest."""
    archive_path = Path(archive_path)
    if not archive_path.is_file():
        raise BackupError(f"{archive_path} does not exist.")
    try:
        with tarfile.open(archive_path, "r:") as archive:
            try:
                manifest = json.loads(archive.extractfile(MANIFEST).read())
            except (KeyError, AttributeError, ValueError) as exc:
                raise _corrupt(archive_path, "no readable manifest") from exc
            if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
                raise _corrupt(archive_path, "not a Sen backup of a known version")
            members = [member for member in archive.getmembers() if member.name != MANIFEST]
            names = {member.name for member in members}
            expected = set(manifest.get("files", {}))
            if names != expected:
                missing, extra = sorted(expected - names), sorted(names - expected)
                raise _corrupt(archive_path, f"files missing {missing[:5]} or not in the manifest {extra[:5]}")
            archive.extractall(workdir, members=members, filter="data")  # no absolute paths, no ../
    except (tarfile.TarError, EOFError, OSError) as exc:
        raise _corrupt(archive_path, f"unreadable archive: {exc}") from exc
    for name, expected_file in manifest["files"].items():
        path = Path(workdir) / name
        if path.stat().st_size != expected_file["size"] or _sha256(path) != expected_file["sha256"]:
            raise _corrupt(archive_path, f"{name} does not match its SHA-256 in the manifest")
    engine_member = SQLITE_MEMBER if manifest.get("engine") == "sqlite" else POSTGRES_MEMBER
    if engine_member not in manifest["files"]:
        raise _corrupt(archive_path, "no database dump")
    return manifest


def _restore_sqlite(dump, workdir):
    copy = workdir / "restore.sqlite3"
    with gzip.open(dump, "rb") as packed, open(copy, "wb") as target:
        shutil.copyfileobj(packed, target, CHUNK)
    source = sqlite3.connect(copy)
    try:
        if source.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise BackupError("The database in the backup fails SQLite's integrity check; nothing was restored.")
        connection.ensure_connection()
        # The backup API writes through SQLite's own locking and journal, so other processes
        # holding the file (an app server, the worker) see the restored database, never a torn one.
        source.backup(connection.connection)
    finally:
        source.close()


def _restore_postgres(dump):
    env, args, name = _pg_env_and_args()
    connections.close_all()
    _run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            *args,
            "--dbname",
            name,
            str(dump),
        ],
        env,
    )


def _swap_media(new_media):
    media_root = Path(settings.MEDIA_ROOT)
    media_root.parent.mkdir(parents=True, exist_ok=True)
    old = media_root.with_name(media_root.name + ".before-restore")
    if old.exists():
        shutil.rmtree(old)
    if media_root.exists():
        media_root.rename(old)
    shutil.move(str(new_media), str(media_root))
    if old.exists():
        shutil.rmtree(old)


def restore_backup(archive_path):
    """Replace the database and the media with those of a checked archive; return its manifest."""
    engine = _engine()
    media_root = Path(settings.MEDIA_ROOT)
    media_root.parent.mkdir(parents=True, exist_ok=True)
    # Extract next to MEDIA_ROOT so that the final swap is a rename on the same disk.
    with tempfile.TemporaryDirectory(prefix=".sen-restore-", dir=media_root.parent) as tmp:
        workdir = Path(tmp)
        manifest = verify_backup(archive_path, workdir)
        if manifest["engine"] != engine:
            raise BackupError(
                f"This backup is of a {manifest['engine']} database; the configured database is {engine}. "
                "Nothing was restored."
            )
        if engine == "sqlite":
            _restore_sqlite(workdir / SQLITE_MEMBER, workdir)
        else:
            _restore_postgres(workdir / POSTGRES_MEMBER)
        new_media = workdir / "media"
        new_media.mkdir(exist_ok=True)
        _swap_media(new_media)
    _clear_cache()
    return manifest


def _clear_cache():
    """Cached pages and API answers describe the content before the restore."""

    try:
        if hasattr(cache, "delete_pattern"):  # django-redis: only Sen's keys, not the whole Redis database
            cache.delete_pattern("*")
        else:
            cache.clear()
    except Exception:  # noqa: BLE001,S110 (a cache outage must not fail a finished restore)
        pass
