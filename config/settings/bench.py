"""Settings for bench/: production-like (DEBUG off, no debug toolbar, quiet logs), plus a bare
Django view at /bench/bare/ that every benchmark measures in the same run as its baseline."""

import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "bench-only-secret-key-" + "x" * 40)
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "bench.urls"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "ERROR"},
}
# bench/catalogue.py --no-cache sets 0 to measure the work behind the catalogue's caches.
CATALOGUE_CACHE_SECONDS = int(os.environ.get("CATALOGUE_CACHE_SECONDS", "300"))
