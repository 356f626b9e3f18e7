"""Tests: the same settings as production code paths, made fast and isolated."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "sen-test-secret-key-not-for-production-" + "x" * 20
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="sen-test-media-"))
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="sen-test-static-"))
WAGTAILADMIN_BASE_URL = "http://testserver"
