"""Other processes for tests that need more than one: gunicorn app servers, manage.py commands, a private Redis.

They share the test database (a transactional test's data is committed, so they see it)
through ``DATABASE_URL``. Nothing here touches the shared Redis on 6379: a test that stops
Redis starts its own ``redis-server`` on a free port.
"""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from urllib.parse import quote

from django.db import connection

from tests.utils import ROOT

GUNICORN = os.path.join(os.path.dirname(sys.executable), "gunicorn")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url():
    """The test database as a DATABASE_URL another process can use."""
    conf = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{conf['NAME']}"
    if connection.vendor == "postgresql":
        password = f":{quote(conf['PASSWORD'], safe='')}" if conf.get("PASSWORD") else ""
        host = f"{conf['HOST'] or 'localhost'}:{conf['PORT'] or 5432}"
        return f"postgres://{conf['USER']}{password}@{host}/{conf['NAME']}"
    raise RuntimeError(f"no DATABASE_URL for {connection.vendor}")


def process_env(redis_url=None, **extra):
    """The environment of another Sen process on the test database (no Redis unless ``redis_url``)."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.test", "DATABASE_URL": database_url()}
    env.pop("REDIS_URL", None)
    if redis_url:
        env["REDIS_URL"] = redis_url
    env.update({name: str(value) for name, value in extra.items()})
    return env


def run_manage(*args, timeout=120, **env):
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=process_env(**env),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result


def http(method, url, data=None, headers=None, timeout=15):
    """(status, headers, body) of one request; the status is None if the connection failed."""
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()
    except OSError:
        return None, None, b""


def _wait_for(url, process, seconds=90):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited with {process.returncode}")
        if http("GET", url, timeout=5)[0] is not None:
            return
        time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {seconds} s")


@contextmanager
def gunicorn(workers=2, redis_url=None, output=None, timeout=60, **env):
    """Sen under gunicorn on a free port of 127.0.0.1; yields its base URL.

    ``timeout`` is gunicorn's worker timeout (a worker silent that long is killed); ``output``, a
    list, receives gunicorn's log (its workers' output too) once it has stopped.
    """
    port = free_port()
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(  # noqa: S603
            [
                GUNICORN,
                "cms.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
                "--timeout",
                str(timeout),
            ],
            cwd=ROOT,
            env=process_env(redis_url=redis_url, **env),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            _wait_for(f"{base}/counter/pixel.gif", process)
            yield base
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            if output is not None:
                log.seek(0)
                output.append(log.read().decode(errors="replace"))


class PrivateRedis:
    """A throwaway redis-server on a free port, with its own data folder: stopped and started by the test."""

    def __init__(self):
        self.binary = shutil.which("redis-server")
        self.port = free_port()
        self.folder = tempfile.mkdtemp(prefix="sen-test-redis-")
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--dir", self.folder, "--save", ""],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        import redis

        client = redis.Redis(port=self.port, socket_connect_timeout=1)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                client.ping()
                return
            except redis.ConnectionError:
                time.sleep(0.1)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        """Shut down saving the data set (as a restart with persistence would), then wait for the process."""
        import redis

        with contextlib.suppress(redis.ConnectionError):  # the connection closes as the server exits
            redis.Redis(port=self.port, socket_connect_timeout=1).shutdown(save=True)
        self.process.wait(timeout=20)

    def pause(self):
        """Stop the process (SIGSTOP): the kernel still takes connections, nothing ever answers."""
        self.process.send_signal(signal.SIGSTOP)

    def resume(self):
        self.process.send_signal(signal.SIGCONT)

    def close(self):
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)
