"""Helpers shared by the test modules."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args, env=None, settings="cms.settings.dev", timeout=120):
    """Run manage.py in a fresh process (so settings are imported from scratch)."""
    full_env = {**os.environ, "DJANGO_SETTINGS_MODULE": settings, **(env or {})}
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
