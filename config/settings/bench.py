"""Settings for bench/: production-like (DEBUG off, no debug toolbar, quiet logs), plus a bare
Django view at /bench/bare/ that every benchmark measures in the same run as its baseline."""

import os

from .base import *  # noqa: F403
from .base import BASE_DIR, schema_version

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "bench-only-secret-key-" + "x" * 40)
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "config.bench_urls"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "ERROR"},
}
# bench/catalogue.py --no-cache sets 0 to measure the work behind the catalogue's caches.
CATALOGUE_CACHE_SECONDS = int(os.environ.get("CATALOGUE_CACHE_SECONDS", "300"))
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))
API_CACHE_SECONDS = int(os.environ.get("API_CACHE_SECONDS", "60"))
API_RATE_LIMIT = int(os.environ.get("API_RATE_LIMIT", "300"))
# bench/pages.py runs two workers: with Redis they share the cache and its tag tokens, as
# production's replicas do.
if os.environ.get("REDIS_URL"):
    CACHES = {
        **CACHES,  # noqa: F405 - the worker's own "local" cache stays
        "default": {
            "BACKEND": "core.redis_cache.ResilientRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "jipp-bench",
            "VERSION": schema_version(BASE_DIR),
        },
    }
MONITORING_RECOMPUTE_IN_BACKGROUND = True
# As in production: searches are counted per worker, written every 10 s (search/log.py).
SEARCH_LOG_FLUSH_SECONDS = int(os.environ.get("SEARCH_LOG_FLUSH_SECONDS", "10"))
