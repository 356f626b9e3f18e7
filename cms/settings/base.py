"""Settings shared by every environment; deployment values come from the environment."""

import os
from pathlib import Path

import dj_database_url
from corsheaders.defaults import default_headers as default_cors_headers
from django.core.exceptions import ImproperlyConfigured

from cms import csp as csp_policy

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


def env_positive_float(name, default):
    value = env(name)
    if value is None:
        return default
    try:
        number = float(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a number of seconds, got {value!r}") from exc
    if not number > 0:  # also NaN; 0 would mean "wait forever" to redis-py
        raise ImproperlyConfigured(f"{name} must be more than 0, got {value!r}")
    return number


def env_list(name, default=()):
    value = env(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Application definition (ARCHITECTURE.md, "Layers"). `cms` is the core (hook names, text helpers,
# blocks, the page mixin); each feature is a small app inside it with its own label (like
# wagtail.contrib); home and search sit on them. Content apps (articles, centers) are plugins: the
# core finds what they contribute through Wagtail hooks, never by importing them.
SEN_FEATURE_APPS = [
    "cms.http",  # sen_http: HTTP caching, the page cache, proxy purges, rate limits, bad input
    "cms.i18n",  # sen_i18n: translated pages, the language switcher, the admin in Vietnamese
    "cms.preview",  # sen_preview: draft preview links for headless front ends
    "cms.webhooks",  # sen_webhooks: subscriptions and signed deliveries
    "cms.workflows",  # sen_workflows: editorial roles, workflows, requests for changes, the guide
    "cms.api",  # sen_api: /api/v2/, /api/v3/, /api/sen/
]
SEN_CORE_APPS = ["cms", *SEN_FEATURE_APPS, "home", "search"]
# SEN_PLUGINS chooses the content plugins a portal runs ("none" for the core alone).
SEN_CONTENT_APPS = [app for app in env_list("SEN_PLUGINS", ["articles", "centers", "documents"]) if app != "none"]

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
    "ninja",  # Swagger UI from its bundled static files, not a CDN
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
    "django_tasks_db",  # the database backend and its table, used by sen_worker
    "corsheaders",
    "axes",
    "csp",
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
    # Outermost: a hit runs nothing else; it stores the finished response (with every header added below).
    "cms.http.pagecache.PageCacheMiddleware",
    "cms.http.compress.CompressionMiddleware",  # gzip for text answers; the page cache stores them compressed
    "django.middleware.security.SecurityMiddleware",
    "cms.http.badinput.BadInputMiddleware",  # 400 to NUL / non-UTF-8 bytes before any view or query sees them
    "cms.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "cms.chrome.ChromeMiddleware",  # the site and its settings from the chrome cache (cms/chrome.py)
    "cms.api.middleware.CommonMiddleware",  # Django's; under /api/ no redirect to a page address (a 404 problem)
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "cms.errors.AtomicAdminWritesMiddleware",  # an admin save or publish is all or nothing
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "cms.ranges.RangeMiddleware",  # outside HttpCachingMiddleware: a 206 keeps the 200's Cache-Control
    "cms.api.middleware.ApiContractMiddleware",  # /api/: Accept-Language, problem+json 404s
    "cms.http.middleware.RateLimitMiddleware",
    "cms.http.middleware.HttpCachingMiddleware",
    "axes.middleware.AxesMiddleware",
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
                "csp.context_processors.nonce",  # CSP_NONCE, for an inline script or style of Sen's own
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
# Seconds a Redis call may wait for connecting or an answer; after a failure, seconds no call is made.
SEN_REDIS_TIMEOUT = env_positive_float("SEN_REDIS_TIMEOUT", 1.0)
SEN_REDIS_BREAKER_SECONDS = env_positive_float("SEN_REDIS_BREAKER_SECONDS", 5.0)
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", "sen"),
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                "SOCKET_CONNECT_TIMEOUT": SEN_REDIS_TIMEOUT,
                "SOCKET_TIMEOUT": SEN_REDIS_TIMEOUT,
                # One circuit breaker per process for the cache, the counter and the rate limit (docs/operations.md).
                "CONNECTION_POOL_CLASS": "cms.http.breaker.BreakerConnectionPool",
                # A Redis outage is a cache miss, never a visitor-facing error (logged on "sen.cache").
                "IGNORE_EXCEPTIONS": True,
            },
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    DJANGO_REDIS_LOGGER = "sen.cache"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "sen",
        }
    }

# Background tasks (django-tasks): run inline unless a worker backend is configured. The production and
# dev settings default to the database backend, whose queue `manage.py sen_worker` works through.
TASKS_DATABASE_BACKEND = "django_tasks_db.DatabaseBackend"
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
# Uploaded media on S3-compatible object storage (django-storages) shared by every app server, when
# SEN_S3_BUCKET is set; local files under MEDIA_ROOT otherwise. Credentials come from AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY (read by boto3). Documents stay behind Sen's serve view (privacy is checked there).
SEN_S3_BUCKET = env("SEN_S3_BUCKET")
if SEN_S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": SEN_S3_BUCKET,
            "region_name": env("SEN_S3_REGION"),
            "endpoint_url": env("SEN_S3_ENDPOINT_URL"),  # e.g. MinIO or a provider's S3-compatible service
            "custom_domain": env("SEN_S3_CUSTOM_DOMAIN"),  # a CDN or public host for renditions
            "location": env("SEN_S3_LOCATION", ""),  # a key prefix inside the bucket
            "querystring_auth": env_bool("SEN_S3_QUERYSTRING_AUTH", False),  # signed, expiring URLs
            "file_overwrite": False,
        },
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
# Workflow e-mails (cms/workflows/roles.py): each step's reviewers and the author; superusers only if asked.
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
# Unset: the APIs build absolute URLs from the request's host (cms/absolute.py).
WAGTAILAPI_BASE_URL = env("WAGTAILAPI_BASE_URL")
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
# Animated images (GIF, APNG, WebP) are limited by frames and by pixels over all frames (cms/renditions/forms.py).
WAGTAILIMAGES_IMAGE_FORM_BASE = "cms.renditions.forms.SenImageForm"
SEN_IMAGES_MAX_FRAMES = env_int("SEN_IMAGES_MAX_FRAMES", 300)
SEN_IMAGES_MAX_ANIMATION_PIXELS = env_int("SEN_IMAGES_MAX_ANIMATION_PIXELS", 200_000_000)
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

# HTTP caching, CORS and the anonymous API rate limit (cms/http/middleware.py).
SEN_HTTP_MAX_AGE = env_int("SEN_HTTP_MAX_AGE", 60)  # seconds shared caches may keep an anonymous response
SEN_API_RATE_LIMIT = env_int("SEN_API_RATE_LIMIT", 300)  # anonymous API requests per client per window; 0: off
SEN_API_RATE_LIMIT_AUTHENTICATED = env_int("SEN_API_RATE_LIMIT_AUTHENTICATED", 0)  # 0: signed-in users exempt
SEN_API_RATE_WINDOW = env_int("SEN_API_RATE_WINDOW", 60)  # seconds
SEN_RETRY_AFTER = env_int("SEN_RETRY_AFTER", 5)  # seconds, in the 503 sent while the database is unreachable
SEN_TRUSTED_PROXY_COUNT = env_int("SEN_TRUSTED_PROXY_COUNT", 0)  # proxies that append to X-Forwarded-For
# The host a trusted proxy forwards (X-Forwarded-Host) is the request's host; never an untrusted client's.
USE_X_FORWARDED_HOST = SEN_TRUSTED_PROXY_COUNT > 0
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")

# The server-side page cache (cms/http/pagecache.py): anonymous GETs stored in the default cache,
# invalidated by every content change.
SEN_PAGE_CACHE = env_bool("SEN_PAGE_CACHE", True)
# The site chrome (site, settings, menu, language homes, sidebar, routes) cached under the content
# generation (cms/chrome.py); at most this many seconds for what changes with the clock (counter figures).
SEN_CHROME_CACHE = env_bool("SEN_CHROME_CACHE", True)
SEN_CHROME_TIMEOUT = env_int("SEN_CHROME_TIMEOUT", 60)
# With Redis: seconds each process keeps its own copy of a chrome entry (cms/chrome.py), 0 for none.
SEN_CHROME_LOCAL_SECONDS = env_int("SEN_CHROME_LOCAL_SECONDS", 5)
SEN_PAGE_CACHE_TIMEOUT = env_int("SEN_PAGE_CACHE_TIMEOUT", 300)  # seconds; content that changes with the clock
# Path prefixes never stored: live figures (the visitor counter's API).
# The proxy cache in front of Sen (deploy/nginx/sen.conf), refreshed on publish through Wagtail's frontend
# cache (cms/http/purge.py): the address Sen reaches nginx at and the token nginx expects in X-Sen-Purge.
SEN_PROXY_PURGE_URL = env("SEN_PROXY_PURGE_URL")
SEN_PROXY_PURGE_TOKEN = env("SEN_PROXY_PURGE_TOKEN", "")
if SEN_PROXY_PURGE_URL:
    if not SEN_PROXY_PURGE_TOKEN:
        raise ImproperlyConfigured("SEN_PROXY_PURGE_URL needs SEN_PROXY_PURGE_TOKEN (as in deploy/nginx/sen.conf)")
    WAGTAILFRONTENDCACHE = {
        "nginx": {
            "BACKEND": "cms.http.purge.NginxRefreshBackend",
            "LOCATION": SEN_PROXY_PURGE_URL,
            "TOKEN": SEN_PROXY_PURGE_TOKEN,
        }
    }
# cms/http/purge.py lists each language's URLs itself (Vietnamese has no prefix, which Wagtail's expansion assumes).
WAGTAILFRONTENDCACHE_LANGUAGES = []
SEN_PAGE_CACHE_EXCLUDE = env_list("SEN_PAGE_CACHE_EXCLUDE", ["/api/sen/counter", "/en/api/sen/counter"])
# URLs per section of the sitemap index (cms/sitemaps.py), at most 50,000 (the sitemap protocol's limit).
# 5,000 (about 600 kB): a section is rendered and served whole, and one of 50,000 URLs is 6 MB per request
# to build (1.2 s), to store and to send; crawlers read an index of more sections as easily.
SEN_SITEMAP_LIMIT = min(env_int("SEN_SITEMAP_LIMIT", 5_000), 50_000)
CORS_URLS_REGEX = r"^/(?:en/)?(?:api|feeds)/"
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Retry-After", "Content-Language"]
CORS_EXPOSE_HEADERS += ["RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"]
# A front end on another origin revalidates with the validators it was given (a preflight allows them).
CORS_ALLOW_HEADERS = [*default_cors_headers, "if-none-match", "if-modified-since", "accept-language"]

# Webhooks (cms/webhooks/) and draft preview for headless front ends (cms/preview/tokens.py).
SEN_WEBHOOK_TIMEOUT = env_int("SEN_WEBHOOK_TIMEOUT", 5)  # seconds per delivery attempt
SEN_WEBHOOK_MAX_ATTEMPTS = env_int("SEN_WEBHOOK_MAX_ATTEMPTS", 6)
SEN_WEBHOOK_RETRY_DELAY = env_int("SEN_WEBHOOK_RETRY_DELAY", 60)  # seconds before the 2nd attempt, doubled after
# A delivery a worker claimed and did not finish within this many seconds (the worker died) is sent again.
# Keep it well above SEN_WEBHOOK_TIMEOUT.
SEN_WEBHOOK_LEASE = env_int("SEN_WEBHOOK_LEASE", 300)
SEN_PREVIEW_FRONTEND_URL = env("SEN_PREVIEW_FRONTEND_URL", "")
SEN_PREVIEW_TOKEN_MAX_AGE = env_int("SEN_PREVIEW_TOKEN_MAX_AGE", 3600)  # seconds a preview link works

# Roles (cms/workflows/roles.py keys) whose groups may translate content ("Dịch trang này", wagtail-localize's
# submit_translation permission), granted by `manage.py setup_roles`; the administrator has every permission.
SEN_TRANSLATOR_ROLES = env_list("SEN_TRANSLATOR_ROLES", ["editor", "leader"])

# Centre statistics on the home page: the newest school year at least this share (%) of the
# active centres reported (centers/stats.py).
SEN_CENTER_STATS_MIN_SHARE = env_int("SEN_CENTER_STATS_MIN_SHARE", 100)
# No outside host from the admin (government networks block them): initials avatars instead of
# gravatar.com, no release check against releases.wagtail.org, no "what's new" banners; the help
# menu opens Sen's own guide (cms/workflows/guide.py).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
# Time zones an editor may pick on the account page. Wagtail's default is every name in the
# system's tz database, which on Debian includes "localtime" (a link to /etc/localtime): the
# browser rejects it ("Invalid time zone: localtime") and it is no zone an editor means. Sen's
# editors work in Vietnam's time; SEN_USER_TIME_ZONES (comma-separated IANA names) offers more.
WAGTAIL_USER_TIME_ZONES = env_list("SEN_USER_TIME_ZONES", [TIME_ZONE])

# Sign-in protection (django-axes, cms/http/accounts.py): SEN_LOGIN_FAILURE_LIMIT wrong passwords for one
# account from one address lock that pair out of /admin/ and /django-admin/ until an administrator
# resets it (Django admin → Axes, or `manage.py axes_reset_ip_username IP USERNAME`). Addresses are
# read as the rate limit reads them (SEN_TRUSTED_PROXY_COUNT), never from a client's X-Forwarded-For.
# AxesBackend is AxesStandaloneBackend with get_user() (ModelBackend's), so that tools that sign in
# with the first backend (Django's force_login, Wagtail's page test helpers) still work.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = env_int("SEN_LOGIN_FAILURE_LIMIT", 5)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "cms.http.middleware.client_ip"
AXES_USERNAME_CALLABLE = "cms.http.accounts.axes_username"  # cut to the 255 characters axes can store
AXES_COOLOFF_TIME = None
AXES_RESET_ON_SUCCESS = True  # a right password forgets earlier mistakes
AXES_LOCKOUT_TEMPLATE = "cms/login_locked_out.html"
SEN_PASSWORD_RESET_LIMIT = env_int("SEN_PASSWORD_RESET_LIMIT", 3)  # reset e-mails per address and per account
SEN_PASSWORD_RESET_WINDOW = env_int("SEN_PASSWORD_RESET_WINDOW", 3600)  # seconds
# The REST APIs take the admin session only: HTTP Basic would make them a password oracle.
REST_FRAMEWORK = {"DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"]}

# Content-Security-Policy on HTML pages (django-csp, cms/csp.py): the public site loads from its own
# origin (and MEDIA_URL's) only; video embeds may frame SEN_CSP_FRAME_SRC; the admin has its own policy.
SEN_CSP_FRAME_SRC = env_list(
    "SEN_CSP_FRAME_SRC",
    [
        "https://www.youtube.com",
        "https://www.youtube-nocookie.com",
        "https://player.vimeo.com",
        "https://www.facebook.com",
    ],
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": csp_policy.public_directives(
        SEN_CSP_FRAME_SRC, MEDIA_URL, [csp_policy.inline_style_hash(BASE_DIR / "templates" / "500.html")]
    )
}
SEN_CSP_ADMIN_DIRECTIVES = csp_policy.admin_directives(SEN_CSP_FRAME_SRC, MEDIA_URL)
# The sign-in form with its password field labelled through gettext (Wagtail's has no label).
WAGTAILADMIN_USER_LOGIN_FORM = "cms.forms.LoginForm"
