"""Development: DEBUG on, a secret generated once and kept under var/."""

import secrets

from .base import *  # noqa: F403
from .base import TASKS_DATABASE_BACKEND, VAR_DIR, env, env_bool

DEBUG = env_bool("DEBUG", True)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["*"])  # noqa: F405


def _dev_secret_key():
    path = VAR_DIR / "dev-secret-key"
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(50)
        path.write_text(key)
        path.chmod(0o600)
        return key


SECRET_KEY = SECRET_KEY or _dev_secret_key()  # noqa: F405

# Background work (webhook deliveries) goes to the database queue that `manage.py sen_worker` runs, so
# publishing never waits on a subscriber. TASKS_BACKEND=django_tasks.backends.immediate.ImmediateBackend
# runs it inline instead (no worker needed, publishing then waits for every delivery).
TASKS = {"default": {"BACKEND": env("TASKS_BACKEND", TASKS_DATABASE_BACKEND)}}
