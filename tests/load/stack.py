"""Real processes for the fault and load tests: a private PostgreSQL cluster, Sen under gunicorn.

Nothing here touches the shared services: the PostgreSQL cluster is made with initdb in a temporary
directory and listens on a free port; gunicorn binds a free port on 127.0.0.1.
"""

import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
PG_BIN = Path(os.environ.get("SEN_PG_BIN", "/usr/lib/postgresql/15/bin"))
BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def postgres_missing():
    """Why a private cluster cannot be made here, or None."""
    for tool in ("initdb", "pg_ctl"):
        if not (PG_BIN / tool).exists():
            return f"{PG_BIN / tool} is not installed"
    if os.geteuid() == 0:
        if not shutil.which("runuser"):
            return "runuser is missing (needed to run initdb as the postgres user)"
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "there is no postgres user to run initdb as"
    return None


class PrivatePostgres:
    """A throwaway PostgreSQL cluster in a temporary directory, on a free port, trust auth on 127.0.0.1."""

    def __init__(self):
        self.port = free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="sen-pg-"))
        self.data = self.dir / "data"
        self.log = self.dir / "postgres.log"
        if os.geteuid() == 0:
            owner = pwd.getpwnam("postgres")
            os.chown(self.dir, owner.pw_uid, owner.pw_gid)
            self.prefix = ["runuser", "-u", "postgres", "--"]
        else:
            self.prefix = []

    def _run(self, *args, timeout=120):
        return subprocess.run(  # noqa: S603
            [*self.prefix, *args], check=True, capture_output=True, text=True, timeout=timeout
        )

    def url(self, name="sen"):
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def start(self):
        self._run(
            str(PG_BIN / "initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust",
            "-E", "UTF8", "--locale=C.UTF-8", "--no-sync",
        )  # fmt: skip
        self._pg_ctl("start")
        self._run(str(PG_BIN / "psql"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres",
                  "-q", "-c", "CREATE DATABASE sen")  # fmt: skip
        return self

    def _pg_ctl(self, action, *extra):
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100"
        return self._run(
            str(PG_BIN / "pg_ctl"), action, "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60",
            "-o", options, *extra,
        )  # fmt: skip

    def restart(self):
        """pg_ctl restart (fast shutdown: open connections are cut, as in a real restart)."""
        self._pg_ctl("restart", "-m", "fast")

    def stop(self):
        try:
            if self.data.exists():
                self._pg_ctl("stop", "-m", "immediate")
        except subprocess.CalledProcessError:
            pass
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self):
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc):
        self.stop()


def production_env(database_url, var_dir, redis_url="", **extra):
    """The environment of `make serve`: production settings on plain HTTP, media served by Sen."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTEST", "DJANGO_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY="sen-fault-test-" + secrets.token_urlsafe(32),
        SEN_HTTPS="0",
        SEN_SERVE_MEDIA="1",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=database_url,
        DATABASE_CONN_MAX_AGE="60",  # persistent connections, checked by CONN_HEALTH_CHECKS before reuse
        REDIS_URL=redis_url,
        SEN_VAR_DIR=str(var_dir),
        SEN_API_RATE_LIMIT="0",  # every simulated visitor comes from 127.0.0.1
        SEN_ADMIN_PASSWORD="sen-load-" + secrets.token_urlsafe(12),
        LOG_LEVEL="WARNING",
    )
    env.update({key: str(value) for key, value in extra.items()})
    return env


def manage(env, *args, timeout=600):
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout[-2000:]}\n{result.stderr[-4000:]}")
    return result.stdout


def prepare_site(env):
    """Migrate, load the demo, create the admin, collect static files: what `make setup` + `make serve` do."""
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo")
    manage(env, "ensure_admin")
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")


class Gunicorn:
    """Sen under gunicorn on a free port of 127.0.0.1."""

    def __init__(self, env, workers=2, threads=1, log_path=None):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = env
        self.workers = workers
        self.threads = threads
        self.log_path = log_path
        self.process = None

    def start(self, ready_timeout=90):
        self.log = open(self.log_path or os.devnull, "wb")  # noqa: SIM115
        gunicorn = str(Path(sys.executable).with_name("gunicorn"))
        self.process = subprocess.Popen(  # noqa: S603
            [gunicorn, "cms.wsgi", "--bind", f"127.0.0.1:{self.port}", "--workers", str(self.workers),
             "--threads", str(self.threads), "--timeout", "120", "--graceful-timeout", "5"],
            cwd=ROOT, env=self.env, stdout=self.log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        deadline = time.monotonic() + ready_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}")
            try:
                if requests.get(self.base + "/", timeout=10).status_code == 200:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.5)
        raise RuntimeError("gunicorn did not answer in time")

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        if getattr(self, "log", None):
            self.log.close()

    def __enter__(self):
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc):
        self.stop()
