"""Test databases cloned from one migrated template instead of migrated once per worker.

Migrating an empty database (Django, Wagtail and our apps: 400+ migrations) took 90 s of
CPU per pytest-xdist worker and per database stage. The template is migrated once and kept
between runs under a key that changes whenever anything migrations read changes (every
migration file, the data files they load, the settings, Django's version); each worker then
copies it: a file copy on SQLite, ``CREATE DATABASE ... TEMPLATE`` on PostgreSQL. Django's
``setup_databases(keepdb=True)`` then runs ``migrate`` on the copy, which applies nothing but
still sends ``post_migrate`` (permissions, content types, the default Site's address), so the
copy ends as a freshly migrated database would.

Templates live in ``$XDG_CACHE_HOME/jipp-tests`` (SQLite) or on the server as
``jipp_test_template_<key>`` (PostgreSQL); the newest few are kept. Set ``TEST_DB_TEMPLATE=0``
to migrate each worker's database as Django does.
"""

import fcntl
import hashlib
import os
import shutil
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import django
from django.apps import apps
from django.conf import settings
from django.db.migrations.loader import MigrationLoader

PG_PREFIX = "jipp_test_template_"
PG_LOCK = 7_301_001  # pg_advisory_lock key: one template build at a time per server
KEEP = 4  # templates kept per database kind (other checkouts may use older keys)


def enabled():
    return os.environ.get("TEST_DB_TEMPLATE", "1") != "0"


def migrations_key(connection):
    """A digest of everything the migrated database depends on."""
    base = Path(settings.BASE_DIR)
    digest = hashlib.sha256()
    digest.update(f"{django.get_version()} {connection.vendor}\n".encode())
    files = {}
    loader = MigrationLoader(None, ignore_no_migrations=True)
    for migration in loader.disk_migrations.values():
        module = sys.modules[migration.__module__]
        files[module.__name__] = Path(module.__file__)
    for config in apps.get_app_configs():
        app_path = Path(config.path)
        if app_path.is_relative_to(base) and (app_path / "data").is_dir():
            for path in (app_path / "data").rglob("*"):
                if path.is_file():
                    files[str(path.relative_to(base))] = path
    for path in (base / "config" / "settings").glob("*.py"):
        files[str(path.relative_to(base))] = path
    for name in sorted(files):
        digest.update(name.encode() + b"\0" + files[name].read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def _build(connection, test_name):
    """Create and migrate a database named `test_name` with Django's own test set-up."""
    original_name = connection.settings_dict["NAME"]
    original_test_name = connection.settings_dict["TEST"].get("NAME")
    connection.settings_dict["TEST"]["NAME"] = test_name
    try:
        connection.creation.create_test_db(
            verbosity=0, autoclobber=True, serialize=False, keepdb=False
        )
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()
        connection.settings_dict["NAME"] = original_name
        settings.DATABASES[connection.alias]["NAME"] = original_name
        connection.settings_dict["TEST"]["NAME"] = original_test_name


@contextmanager
def _file_lock(path):
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _sqlite(connection, key):
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "jipp-tests"
    cache.mkdir(parents=True, exist_ok=True)
    template = cache / f"sqlite-{key}.sqlite3"
    with _file_lock(cache / "sqlite.lock"):
        if not template.exists():
            building = cache / f"sqlite-{key}.{os.getpid()}.building"
            _build(connection, str(building))
            building.replace(template)
            for leftover in (f"{building}-wal", f"{building}-shm"):
                Path(leftover).unlink(missing_ok=True)
            old = sorted(cache.glob("sqlite-*.sqlite3"), key=lambda p: p.stat().st_mtime)
            for stale in old[:-KEEP]:
                stale.unlink(missing_ok=True)
        else:
            os.utime(template)
    target = connection.creation._get_test_db_name()
    for suffix in ("", "-wal", "-shm"):
        Path(target + suffix).unlink(missing_ok=True)
    shutil.copyfile(template, target)


def _postgres(connection, key):
    template = PG_PREFIX + key
    target = connection.creation._get_test_db_name()
    quote = connection.ops.quote_name
    with connection.creation._nodb_cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [PG_LOCK])
        try:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [template])
            if cursor.fetchone() is None:
                building = f"{template}_build"
                _build(connection, building)
                cursor.execute(f"ALTER DATABASE {quote(building)} RENAME TO {quote(template)}")
                cursor.execute(f"COMMENT ON DATABASE {quote(template)} IS %s", [str(time.time())])
                _drop_stale_postgres_templates(cursor, quote)
            cursor.execute(f"DROP DATABASE IF EXISTS {quote(target)}")
            cursor.execute(f"CREATE DATABASE {quote(target)} TEMPLATE {quote(template)}")
        finally:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [PG_LOCK])


def _drop_stale_postgres_templates(cursor, quote):
    cursor.execute(
        "SELECT datname FROM pg_database WHERE datname LIKE %s "
        "ORDER BY coalesce(shobj_description(oid, 'pg_database'), '0')::float DESC",
        [PG_PREFIX.replace("_", r"\_") + "%"],
    )
    for (name,) in cursor.fetchall()[KEEP:]:
        cursor.execute(f"DROP DATABASE IF EXISTS {quote(name)}")


def prepare(connection):
    """Give `connection` its test database as a copy of the migrated template; False when this
    database kind has no template (then Django migrates it)."""
    if connection.vendor == "sqlite":
        if connection.creation.is_in_memory_db(connection.creation._get_test_db_name()):
            return False
        _sqlite(connection, migrations_key(connection))
        return True
    if connection.vendor == "postgresql":
        _postgres(connection, migrations_key(connection))
        return True
    return False
