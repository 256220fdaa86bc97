"""Production settings: refuse to start with development values.

Read from the environment (see README.md and docs/deployment.md): SECRET_KEY (50+ random
characters), ALLOWED_HOSTS, PUBLIC_BASE_URL, DATABASE_URL, REDIS_URL (shared cache for all
replicas), SECURE_SSL_REDIRECT, SECURE_HSTS_SECONDS, MEDIA_URL.
"""

import os
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import (
    BASE_DIR,
    DEVELOPMENT_SECRET_KEY,
    SECRET_KEY,
    TASK_BACKENDS,
    env_bool,
    env_list,
    schema_version,
)

if env_bool("DEBUG", False):
    raise ImproperlyConfigured("DEBUG must be off in production.")
if SECRET_KEY == DEVELOPMENT_SECRET_KEY or len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
    raise ImproperlyConfigured("Set SECRET_KEY to a random value of at least 50 characters.")

DEBUG = False
DJANGO_ADMIN_ENABLED = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set ALLOWED_HOSTS to the site's host names.")

PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "").rstrip("/")
_public = urlsplit(PUBLIC_BASE_URL)
if _public.scheme not in ("http", "https") or not _public.hostname or _public.path:
    raise ImproperlyConfigured(
        "Set PUBLIC_BASE_URL to the site's public origin, e.g. https://jipp.sulselprov.go.id."
    )
# The Site record stores a host and a port; Wagtail writes https only for port 443.
if _public.port and (_public.scheme == "https") != (_public.port == 443):
    raise ImproperlyConfigured("PUBLIC_BASE_URL: https must use port 443, http another port.")
WAGTAILADMIN_BASE_URL = WAGTAILAPI_BASE_URL = PUBLIC_BASE_URL
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# MEDIA_STORAGE=s3: uploads in an S3-compatible bucket (django-storages), configured from
# AWS_STORAGE_BUCKET_NAME, AWS_S3_ENDPOINT_URL, AWS_S3_REGION_NAME, AWS_S3_CUSTOM_DOMAIN;
# boto3 reads AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY itself. Otherwise the files stay
# in MEDIA_ROOT and the web server serves /media/ except /media/documents/
# (docs/deployment.md). Documents are always streamed by Wagtail's serve view.
MEDIA_STORAGE = os.environ.get("MEDIA_STORAGE", "local")
if MEDIA_STORAGE == "s3":
    if not os.environ.get("AWS_STORAGE_BUCKET_NAME"):
        raise ImproperlyConfigured("MEDIA_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME.")
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            # Public image URLs stay stable (cacheable); the bucket policy lets the public
            # read images/ and original_images/ only, never documents/.
            "querystring_auth": False,
            "default_acl": None,
            "file_overwrite": False,
        },
    }
elif MEDIA_STORAGE != "local":
    raise ImproperlyConfigured("MEDIA_STORAGE must be 'local' or 's3'.")

# Every replica must see the same cache (page fragments, settings, rate limits).
if os.environ.get("REDIS_URL"):
    CACHES = {
        **CACHES,  # noqa: F405 - the worker's own "local" cache stays
        "default": {
            # Redis going away costs speed, never an error page (core/redis_cache.py).
            "BACKEND": "core.redis_cache.ResilientRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "jipp",
            "VERSION": schema_version(BASE_DIR),
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5},
        },
    }

# Tasks (search-index updates, the monitoring index recompute: 30-50 s at 10,000 innovations)
# go to the database queue and a separate worker runs them (`manage.py db_worker`), never an
# editor's request. Without a worker (TASKS_BACKEND=immediate) the recompute runs after the
# response in a thread, one at a time across replicas (monitoring/tasks.py).
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "database")
if TASKS_BACKEND not in TASK_BACKENDS:
    raise ImproperlyConfigured("TASKS_BACKEND must be 'immediate' or 'database'.")
TASKS = {"default": {"BACKEND": TASK_BACKENDS[TASKS_BACKEND]}}
MONITORING_RECOMPUTE_IN_BACKGROUND = env_bool(
    "MONITORING_RECOMPUTE_IN_BACKGROUND", TASKS_BACKEND == "immediate"
)

# TLS ends at the load balancer, which says so in X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"

# The Content-Security-Policy header is set by core.csp for every environment;
# here it is always enforced, never report-only.
CSP_REPORT_ONLY = False

# One JSON object per line, each with the request id (core/request_log.py); one line per
# request from the "jipp.request" logger (method, route, status, time; no personal data).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "core.request_log.RequestIdFilter"}},
    "formatters": {"json": {"()": "core.request_log.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Requests with a forged Host header are noise, not errors.
        "django.security.DisallowedHost": {"handlers": [], "propagate": False},
        # A line per background task (index updates on every save) drowns the request log.
        "django_tasks": {"level": "WARNING"},
        # The engine clients log every HTTP call at INFO.
        "opensearch": {"level": "WARNING"},
        "elasticsearch": {"level": "WARNING"},
    },
}

# Searches are counted in each worker and written to the database every 10 s and when the
# worker exits (search/log.py): a search answered from the response cache writes nothing.
SEARCH_LOG_FLUSH_SECONDS = int(os.environ.get("SEARCH_LOG_FLUSH_SECONDS", "10"))
