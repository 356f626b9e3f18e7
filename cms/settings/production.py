"""Production: everything from the environment, HTTPS by default, whitenoise for static files."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import TASKS_DATABASE_BACKEND, env, env_bool, env_int

if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment for production settings.")

DEBUG = env_bool("DEBUG", False)

STORAGES["staticfiles"]["BACKEND"] = "whitenoise.storage.CompressedManifestStaticFilesStorage"  # noqa: F405

# HTTPS. SEN_HTTPS=0 is for trying the production setup on plain http://127.0.0.1.
SEN_HTTPS = env_bool("SEN_HTTPS", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = SEN_HTTPS
SESSION_COOKIE_SECURE = SEN_HTTPS
CSRF_COOKIE_SECURE = SEN_HTTPS
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if SEN_HTTPS else 0)
# Off unless asked: on a shared domain (a portal under .gov.vn) they would force HTTPS on every
# sibling site, and a preload listing is hard to undo.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Wagtail's live preview shows the page in a same-origin frame, so DENY would break it.
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS = ["security.W019"]
# Deliberate, see above: `check --deploy` would otherwise warn about HSTS subdomains and preload.
if not SECURE_HSTS_INCLUDE_SUBDOMAINS:
    SILENCED_SYSTEM_CHECKS.append("security.W005")
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS.append("security.W021")

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")

# Background work (webhook deliveries) goes to the database queue that `manage.py sen_worker` runs, so
# publishing never waits on a subscriber. TASKS_BACKEND=django_tasks.backends.immediate.ImmediateBackend
# runs it inline instead (no worker needed, publishing then waits for every delivery).
TASKS = {"default": {"BACKEND": env("TASKS_BACKEND", TASKS_DATABASE_BACKEND)}}
