"""Settings shared by every environment.

Everything that differs between machines comes from the environment, with defaults
that are safe for development: an SQLite file in the project and Wagtail's database
search backend.
"""

import hashlib
import os
from pathlib import Path

import dj_database_url
import dj_email_url
from django.core.exceptions import ImproperlyConfigured

from search.conf import search_backends_from_environment

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEVELOPMENT_SECRET_KEY = "django-insecure-jipp-sulsel-development-only"  # noqa: S105
SECRET_KEY = os.environ.get("SECRET_KEY", DEVELOPMENT_SECRET_KEY)
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "core",
    "api",
    "agencies",
    "demo",
    "bench",
    "home",
    "innovations",
    "publications",
    "participation",
    "monitoring",
    "search",
    "replication",
    "competitions",
    "localisation",
    # Translations of pages (docs/english.md): the translation editor shows the source beside
    # each segment; its locales app replaces wagtail.locales.
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail_headless_preview",
    "wagtail",
    # The queue of tasks for the worker when TASKS_BACKEND=database.
    "django_tasks_db",
    "modelcluster",
    "taggit",
    "rest_framework",
    "corsheaders",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "core.request_log.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "core.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language comes from the URL alone: /en/... is English, every other path Indonesian
    # (i18n_patterns without a default prefix), never the Accept-Language header.
    "django.middleware.locale.LocaleMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Locks out repeated failures at the admin login, password reset and page passwords.
    "core.bruteforce.BruteForceMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Anonymous hits answered here: after the header-only middleware, before anything that
    # reads the database or routes (core/cache.py).
    "core.cache.CachedResponseMiddleware",
    # Page views that miss it take Wagtail's route from the shared cache (core/routing.py).
    "core.routing.RouteCacheMiddleware",
    "agencies.middleware.AgencyScopeMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        # Django's, with constant `translate` tags rendered once per language (core/templates.py).
        "BACKEND": "core.templates.Templates",
        "NAME": "django",
        "DIRS": [BASE_DIR / "site" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite, the embedded default, meets concurrent writers in the admin (autosave and
    # publish from two tabs): the write-ahead log lets readers go on during a write, writers
    # take the lock when their transaction begins (IMMEDIATE) instead of failing midway, and
    # wait up to 20 s for it instead of answering "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Indonesian first and unprefixed; English under /en/ (config/urls.py, docs/english.md).
# Each language names itself in the switcher, whatever the page's language.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Makassar"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static_collected"))
STATICFILES_DIRS = [BASE_DIR / "site" / "static"]
# Leaflet comes from the npm registry (package.json; `npm ci`) and is served locally.
LEAFLET_DIST = BASE_DIR / "node_modules" / "leaflet" / "dist"
if LEAFLET_DIST.is_dir():
    STATICFILES_DIRS.append(("vendor/leaflet", LEAFLET_DIST))
# Map tiles for /inovasi/peta/; empty means markers on a plain background, no other host.
MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "")
MAP_TILE_ATTRIBUTION = os.environ.get("MAP_TILE_ATTRIBUTION", "")
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Django's own admin at /django-admin/ (config/urls.py): off unless asked for; never in
# production (config/settings/production.py).
DJANGO_ADMIN_ENABLED = env_bool("DJANGO_ADMIN_ENABLED", False)

# Behind this many reverse proxies the client address comes from X-Forwarded-For
# (core/throttle.py); 0 trusts no header.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

# Complaints (participation/): attachments live outside MEDIA_ROOT, where no URL reaches them,
# and closed reports are anonymised this many days after closing (manage.py
# anonymise_reports, run daily by the scheduler).
PARTICIPATION_PRIVATE_ROOT = Path(
    os.environ.get("PARTICIPATION_PRIVATE_ROOT", BASE_DIR / "private" / "pengaduan")
)
PARTICIPATION_RETENTION_DAYS = int(os.environ.get("PARTICIPATION_RETENTION_DAYS", "730"))


def schema_version(base_dir=BASE_DIR):
    """A number that changes with the project's migrations: the shared cache's VERSION.

    The shared cache keeps model objects (an innovation's rows, its cards) as pickles. A deploy
    that changes a model ships a migration (CI runs makemigrations --check), so the replicas of
    the new release read and write a new namespace instead of unpickling the old release's
    objects; the old entries expire with their timeouts."""
    names = sorted(
        path.relative_to(base_dir).as_posix()
        for path in Path(base_dir).glob("*/migrations/[0-9]*.py")
    )
    return int(hashlib.sha256("\n".join(names).encode()).hexdigest()[:8], 16)


CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "jipp-sulsel",
        # Django's default of 300 entries evicts the demo's own pages, fragments and the
        # cache's tag tokens; one process of `make run` holds the whole demo in this.
        "OPTIONS": {"MAX_ENTRIES": 20_000},
    },
    # Each worker's own memory, for rendered fragments whose key carries the shared cache's
    # tokens they were made under (so never stale across workers): a round trip to Redis
    # would cost about what rendering them again does. Production and bench settings
    # replace "default" only.
    "local": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "jipp-sulsel-local",
        "OPTIONS": {"MAX_ENTRIES": 5_000},
    },
    # Wagtail's renditions cache: it looks up, and writes back, every image a page shows (two
    # round trips to Redis per image), so each worker keeps them in its own memory. Their key
    # carries the image's file hash and focal point: a changed image is a new key in every
    # worker, and a rendition deleted by hand is looked up again after TIMEOUT seconds.
    "renditions": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "jipp-sulsel-renditions",
        "TIMEOUT": 600,
        "OPTIONS": {"MAX_ENTRIES": 10_000},
    },
}

# The page editor of a structured case study posts many fields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "JIPP Sulsel"


def development_base_url(run_address):
    """The address `make run` serves (RUN_ADDRESS: host:port or a port), as a URL."""
    host, _, port = run_address.rpartition(":")
    if host in ("", "0.0.0.0", "[::]"):  # noqa: S104 - read, not bound: the loopback serves it
        host = "127.0.0.1"
    return f"http://{host}:{port or 8000}"


# The one public base URL of every absolute URL the portal writes (canonical links, Open
# Graph, JSON-LD, sitemap, robots.txt, feeds, iCalendar, API, exports, e-mails). The default
# Site record is kept in step with it (core/public_url.py); production requires it.
PUBLIC_BASE_URL = (
    os.environ.get("PUBLIC_BASE_URL")
    or development_base_url(os.environ.get("RUN_ADDRESS", "127.0.0.1:8000"))
).rstrip("/")
WAGTAILADMIN_BASE_URL = PUBLIC_BASE_URL

# E-mail (workflow notices, invitations, password reset): EMAIL_URL, e.g.
# smtp://user:secret@mail.example.go.id:587/?tls=True, or EMAIL_HOST, EMAIL_PORT, EMAIL_USER,
# EMAIL_PASSWORD, EMAIL_USE_TLS / EMAIL_USE_SSL. Development prints to the console, tests
# keep messages in memory.
_EMAIL = dj_email_url.parse(os.environ["EMAIL_URL"]) if os.environ.get("EMAIL_URL") else {}
EMAIL_BACKEND = _EMAIL.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = _EMAIL.get("EMAIL_HOST") or os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(_EMAIL.get("EMAIL_PORT") or os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = _EMAIL.get("EMAIL_HOST_USER") or os.environ.get("EMAIL_USER", "")
EMAIL_HOST_PASSWORD = _EMAIL.get("EMAIL_HOST_PASSWORD") or os.environ.get("EMAIL_PASSWORD", "")
EMAIL_USE_TLS = bool(_EMAIL.get("EMAIL_USE_TLS")) or env_bool("EMAIL_USE_TLS")
EMAIL_USE_SSL = bool(_EMAIL.get("EMAIL_USE_SSL")) or env_bool("EMAIL_USE_SSL")
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
EMAIL_CONFIGURED = bool(os.environ.get("EMAIL_URL") or os.environ.get("EMAIL_HOST"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "JIPP Sulsel <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL
# Workflow notices go to the people of each step only (agencies/notifications.py).
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False
# Invitations to set a password (agencies/onboarding.py) expire after this many seconds.
AGENCIES_INVITATION_TIMEOUT = int(os.environ.get("AGENCIES_INVITATION_TIMEOUT", str(7 * 86400)))
WAGTAIL_I18N_ENABLED = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Editors' avatars are not fetched from gravatar.com: no third-party requests from the admin.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Every document, PDF included, is a download: an uploaded PDF or text file never renders
# in the site's origin.
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 10_000_000
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILEMBEDS_RESPONSIVE_HTML = True
# The database backend by default; SEARCH_URL and SEARCH_ENGINE select a real engine, with the
# database backend kept as the fallback (search/conf.py).
WAGTAILSEARCH_BACKENDS = search_backends_from_environment()

# Wagtail runs search-index and reference-index updates as tasks, and so does the monitoring
# index recompute (monitoring/tasks.py). "immediate" runs them in the request that caused them
# (development, tests); "database" queues them in the database for a separate worker process,
# `manage.py db_worker` (production, docs/operations.md).
TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "immediate")
if TASKS_BACKEND not in TASK_BACKENDS:
    raise ImproperlyConfigured("TASKS_BACKEND must be 'immediate' or 'database'.")
TASKS = {"default": {"BACKEND": TASK_BACKENDS[TASKS_BACKEND]}}
# /readyz reports "degraded" when a queued task has waited longer than this (no worker running).
TASKS_BACKLOG_SECONDS = int(os.environ.get("TASKS_BACKLOG_SECONDS", "300"))

REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
}
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_ALL_ORIGINS = True
# Conditional requests need the validators visible to browser clients on other origins.
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified"]

# Public API (api/): page size cap, and the origin of its absolute URLs.
WAGTAILAPI_LIMIT_MAX = 100
WAGTAILAPI_RICH_TEXT_FORMAT = "html"
WAGTAILAPI_BASE_URL = PUBLIC_BASE_URL
# Seconds a page view's route (site, page, view restrictions) stays in the shared cache (0:
# Wagtail routes every request); publishes and restriction changes drop it at once
# (core/routing.py), the timeout bounds what a publish missed during a cache outage leaves.
ROUTE_CACHE_SECONDS = int(os.environ.get("ROUTE_CACHE_SECONDS", "300"))
# Seconds the API keeps an answer in the shared cache (0: off); edits to innovations and
# taxonomies show at once (core/cache.py).
API_CACHE_SECONDS = int(os.environ.get("API_CACHE_SECONDS", "60"))
# Seconds a listing's total count is kept per filter set while nothing it lists is
# published (api/pagination.py; 0: counted on every request).
API_COUNT_CACHE_SECONDS = int(os.environ.get("API_COUNT_CACHE_SECONDS", "300"))
# Requests per client a minute across the API (api/endpoints.py); beyond it a 429.
API_RATE_LIMIT = int(os.environ.get("API_RATE_LIMIT", "300"))
# Headless preview: the separate front end that renders previews (docs/api.md).
WAGTAIL_HEADLESS_PREVIEW = {
    "CLIENT_URLS": {"default": os.environ.get("HEADLESS_PREVIEW_CLIENT_URL", "")},
    "ENFORCE_TRAILING_SLASH": True,
    # Straight to the front end: the package's framing page has inline styles (CSP).
    "REDIRECT_ON_PREVIEW": True,
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Monitoring (monitoring/): reports per period of this many months (12: yearly), due this
# many days after the period ends; an innovation with no verified report for a period plus
# the grace days is "perlu pembaruan". Peer review: at least PEER_REVIEW_MIN_REVIEWS reviews,
# flagged when weighted scores (1-5) differ by more than PEER_REVIEW_MAX_SPREAD.
MONITORING_PERIOD_MONTHS = int(os.environ.get("MONITORING_PERIOD_MONTHS", "12"))
MONITORING_DUE_DAYS = int(os.environ.get("MONITORING_DUE_DAYS", "30"))
MONITORING_GRACE_DAYS = int(os.environ.get("MONITORING_GRACE_DAYS", "60"))
MONITORING_REMIND_DAYS_BEFORE = 14
MONITORING_REMIND_EVERY_DAYS_AFTER = 7
PEER_REVIEW_MIN_REVIEWS = 2
PEER_REVIEW_MAX_SPREAD = "1.0"
PEER_REVIEW_EXCLUDE_OWN_REGION = env_bool("PEER_REVIEW_EXCLUDE_OWN_REGION", True)
