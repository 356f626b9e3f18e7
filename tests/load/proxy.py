"""Debian's nginx with Sen's shipped configuration (deploy/nginx/sen.conf), in a temporary directory on a free port."""

import os
import shutil
import subprocess
import time
from pathlib import Path

import requests

from tests.load.stack import ROOT, free_port

CONFIG = ROOT / "deploy" / "nginx" / "sen.conf"
MIME_TYPES = Path("/etc/nginx/mime.types")


def nginx_binary():
    return shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)


def nginx_missing():
    """Why nginx cannot be run here, or None."""
    if nginx_binary() is None:
        return "nginx is not installed (make test installs Debian's package when run as root)"
    if not MIME_TYPES.exists():
        return f"{MIME_TYPES} is missing"
    return None


def render(template, values):
    """What envsubst does with the listed ${SEN_*} names (nginx's own $variables are left alone)."""
    text = template
    for name, value in values.items():
        text = text.replace("${" + name + "}", value)
    assert "${SEN_" not in text, "a placeholder of deploy/nginx/sen.conf was not filled in"
    return text


class Nginx:
    """nginx in the foreground with deploy/nginx/sen.conf in front of ``upstreams`` (host:port strings)."""

    def __init__(self, directory, upstreams, static_root, media_root, token, port=None):
        self.dir = Path(directory)
        self.port = port or free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.values = {
            "SEN_LISTEN": f"127.0.0.1:{self.port}",
            "SEN_SERVER_NAME": "127.0.0.1 localhost",
            "SEN_PUBLIC_SCHEME": "http",
            "SEN_UPSTREAMS": " ".join(f"server {upstream};" for upstream in upstreams),
            "SEN_STATIC_ROOT": str(static_root),
            "SEN_MEDIA_ROOT": str(media_root),
            "SEN_CACHE_DIR": str(self.dir / "cache"),
            "SEN_PURGE_TOKEN": token,
        }
        self.process = None

    def write_config(self):
        self.dir.mkdir(parents=True, exist_ok=True)
        (self.dir / "sen.conf").write_text(render(CONFIG.read_text(), self.values))
        temp = {name: self.dir / name for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")}
        user = "user root;\n" if os.geteuid() == 0 else ""  # the temporary files are root's
        (self.dir / "nginx.conf").write_text(
            f"{user}daemon off;\nworker_processes 1;\npid {self.dir / 'nginx.pid'};\n"
            f"error_log {self.dir / 'error.log'} warn;\n"
            "events { worker_connections 1024; }\n"
            "http {\n"
            f"    include {MIME_TYPES};\n"
            f"    access_log {self.dir / 'access.log'};\n"
            f"    client_body_temp_path {temp['client_body']};\n"
            f"    proxy_temp_path {temp['proxy']};\n"
            f"    fastcgi_temp_path {temp['fastcgi']};\n"
            f"    uwsgi_temp_path {temp['uwsgi']};\n"
            f"    scgi_temp_path {temp['scgi']};\n"
            f"    include {self.dir / 'sen.conf'};\n"
            "}\n"
        )
        return self.dir / "nginx.conf"

    def start(self, ready_timeout=20):
        config = self.write_config()
        command = [nginx_binary(), "-p", str(self.dir), "-e", str(self.dir / "error.log"), "-c", str(config)]
        check = subprocess.run([*command, "-t"], capture_output=True, text=True, timeout=30)  # noqa: S603
        if check.returncode != 0:
            raise RuntimeError(f"nginx -t failed:\n{check.stderr}")
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603
        deadline = time.monotonic() + ready_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"nginx exited: {(self.dir / 'error.log').read_text()[-2000:]}")
            try:
                requests.get(self.base + "/static/", timeout=2)
                return self
            except requests.RequestException:
                time.sleep(0.2)
        raise RuntimeError("nginx did not answer in time")

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)

    def __enter__(self):
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc):
        self.stop()
