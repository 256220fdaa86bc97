import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-secret-key"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / "media" / "test"  # noqa: F405
STORAGES = {  # noqa: F405
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Test clients all come from one address; tests of the API's per-client limit lower it.
API_RATE_LIMIT = 1_000_000
# Absolute URLs name this origin whatever host a test request uses (tests/core/test_public_url.py).
PUBLIC_BASE_URL = WAGTAILADMIN_BASE_URL = WAGTAILAPI_BASE_URL = "http://localhost"

# Tests that serve the site from another thread (live_server: tests/e2e, the API clients) need
# the database the embedded default is: a file with WAL, a busy timeout and IMMEDIATE
# transactions (base.SQLITE_OPTIONS). Django's in-memory test database is one shared-cache
# database whose table locks ignore the busy timeout, so an autosave meeting a publish
# answered "database table is locked" there, and never on `make run`. The file lives in
# /dev/shm (memory) where it exists; the process id keeps concurrent runs in one tree apart,
# and pytest-xdist appends its worker id.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    _memory = Path("/dev/shm")  # noqa: S108 - throwaway test databases, named per process
    _directory = _memory if _memory.is_dir() else Path(tempfile.gettempdir())
    DATABASES["default"].setdefault("TEST", {})["NAME"] = str(  # noqa: F405
        _directory / f"jipp-test-{os.getpid()}"
    )
