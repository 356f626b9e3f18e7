"""Settings shared by every environment; deployment values come from the environment."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = Path(os.environ.get("SEN_VAR_DIR", BASE_DIR / "var"))


def env(name, default=None):
    """Return an environment variable, treating an empty value as unset."""
    value = os.environ.get(name, "")
    return value if value != "" else default


def env_bool(name, default=False):
    value = env(name)
    if value is None:
        return default
    value = value.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), got {value!r}")


def env_int(name, default):
    value = env(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, got {value!r}") from exc


def env_list(name, default=()):
    value = env(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Application definition. Content apps (articles, centers) are plugins: the core
# finds what they contribute through Wagtail hooks, never by importing them.
SEN_CORE_APPS = ["cms", "home", "search"]
# SEN_PLUGINS chooses the content plugins a portal runs ("none" for the core alone).
SEN_CONTENT_APPS = [app for app in env_list("SEN_PLUGINS", ["articles", "centers"]) if app != "none"]

INSTALLED_APPS = [
    *SEN_CORE_APPS,
    *SEN_CONTENT_APPS,
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.contrib.routable_page",
    "wagtail.api.v2",
    "wagtail.api.v3",
    "rest_framework",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "corsheaders",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "cms.http.RateLimitMiddleware",
    "cms.http.HttpCachingMiddleware",
]

ROOT_URLCONF = "cms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "cms.wsgi.application"

# Database: an embedded SQLite file unless DATABASE_URL names another one.
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'sen.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several processes (app server, worker) share the file: wait for a writer instead of
    # failing at once, take the write lock when a transaction starts, let readers go on (WAL).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set (shared by every app server), else local memory.
REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", "sen"),
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                "SOCKET_CONNECT_TIMEOUT": 2,
                "SOCKET_TIMEOUT": 2,
            },
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "sen",
        }
    }

# Background tasks (django-tasks): run inline unless a worker backend is configured.
TASKS = {
    "default": {
        "BACKEND": env("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"),
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: Vietnamese first, English as the second content locale.
LANGUAGE_CODE = "vi"
TIME_ZONE = env("TIME_ZONE", "Asia/Ho_Chi_Minh")
USE_I18N = True
USE_TZ = True
LANGUAGES = [
    ("vi", "Tiếng Việt"),
    ("en", "English"),
]
# Sen's own catalogue first, then one folder per upstream package whose Vietnamese Sen
# completes (cms/locale/upstream/<package>/vi/LC_MESSAGES/django.po): these take
# precedence over the catalogues shipped with Wagtail and wagtail-localize.
LOCALE_PATHS = [PROJECT_DIR / "locale"] + sorted(
    path for path in (PROJECT_DIR / "locale" / "upstream").iterdir() if path.is_dir() and path.name != "vi"
)
FORMAT_MODULE_PATH = ["cms.formats"]

WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# "vi" is not among Wagtail's fully translated admin languages: permit it explicitly.
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# Static and media files.
STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "cms" / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
MEDIA_URL = env("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Wagtail's page editor can exceed Django's default field count.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# E-mail: console in development, SMTP (from the environment) in production.
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Sen <no-reply@localhost>")
SERVER_EMAIL = env("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# Wagtail.
WAGTAIL_SITE_NAME = env("SEN_SITE_NAME", "Cổng thông tin điện tử Sen")
# Host (and port) of the default site that load_demo sets up; canonical URLs use it.
SEN_SITE_HOST = env("SEN_SITE_HOST", "127.0.0.1:8000")
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Workflow e-mails (cms/roles.py): each step's reviewers and the author; superusers only if asked.
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = env_bool("WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS", False)
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = env("WAGTAILADMIN_NOTIFICATION_FROM_EMAIL", DEFAULT_FROM_EMAIL)
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# Sen's Vietnamese search (search/backends.py): one index, folded text, for the site, APIs and admin.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "search.backends"},
}
# Documents include video files, which bulletins play with an HTML5 <video> element.
WAGTAILDOCS_EXTENSIONS = [
    "csv", "doc", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xls", "xlsx", "zip", "mp4", "webm",
]  # fmt: skip
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# The public read API (/api/v2/): absolute URLs, page size, rich text as display HTML.
WAGTAILAPI_BASE_URL = env("WAGTAILAPI_BASE_URL", WAGTAILADMIN_BASE_URL)
WAGTAILAPI_LIMIT_MAX = env_int("WAGTAILAPI_LIMIT_MAX", 50)
WAGTAILAPI_RICH_TEXT_FORMAT = "html"
WAGTAILAPI_SEARCH_ENABLED = True
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 15 * 1024 * 1024
# Uploads above this many pixels (width × height × frames) are refused: 40 megapixels by default.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = env_int("WAGTAILIMAGES_MAX_IMAGE_PIXELS", 40_000_000)
# A request never makes a rendition of an image above this many pixels (4 megapixels by default):
# it shows the renditions that exist and queues the rest (cms/renditions).
SEN_RENDITION_INLINE_MAX_PIXELS = env_int("SEN_RENDITION_INLINE_MAX_PIXELS", 4_000_000)
# Where `manage.py backup` writes its archives (cms/backup.py).
SEN_BACKUP_DIR = Path(env("SEN_BACKUP_DIR", VAR_DIR / "backups"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
    "loggers": {
        "sen": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO"), "propagate": False},
    },
}

# The admin's date pickers show and accept day-first dates ("07/12/2018" is 7 December).
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"

# Serve uploaded media through Django (the demo and `make serve`); off behind a real proxy.
SEN_SERVE_MEDIA = env_bool("SEN_SERVE_MEDIA", False)

# HTTP caching, CORS and the anonymous API rate limit (cms/http.py).
SEN_HTTP_MAX_AGE = env_int("SEN_HTTP_MAX_AGE", 60)  # seconds shared caches may keep an anonymous response
SEN_API_RATE_LIMIT = env_int("SEN_API_RATE_LIMIT", 300)  # anonymous API requests per client per window; 0: off
SEN_API_RATE_LIMIT_AUTHENTICATED = env_int("SEN_API_RATE_LIMIT_AUTHENTICATED", 0)  # 0: signed-in users exempt
SEN_API_RATE_WINDOW = env_int("SEN_API_RATE_WINDOW", 60)  # seconds
SEN_TRUSTED_PROXY_COUNT = env_int("SEN_TRUSTED_PROXY_COUNT", 0)  # proxies that append to X-Forwarded-For
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
CORS_URLS_REGEX = r"^/(?:en/)?(?:api|feeds)/"
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Retry-After"]

# Webhooks (cms/webhooks/) and draft preview for headless front ends (cms/preview.py).
SEN_WEBHOOK_TIMEOUT = env_int("SEN_WEBHOOK_TIMEOUT", 5)  # seconds per delivery attempt
SEN_WEBHOOK_MAX_ATTEMPTS = env_int("SEN_WEBHOOK_MAX_ATTEMPTS", 6)
SEN_WEBHOOK_RETRY_DELAY = env_int("SEN_WEBHOOK_RETRY_DELAY", 60)  # seconds before the 2nd attempt, doubled after
SEN_PREVIEW_FRONTEND_URL = env("SEN_PREVIEW_FRONTEND_URL", "")
SEN_PREVIEW_TOKEN_MAX_AGE = env_int("SEN_PREVIEW_TOKEN_MAX_AGE", 3600)  # seconds a preview link works
