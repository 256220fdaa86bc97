import os

import pytest
from django.db import connection

from tests import template_db
from tests.home.factories import default_site_home


@pytest.fixture(scope="session")
def django_db_setup(
    request,
    django_test_environment,
    django_db_blocker,
    django_db_use_migrations,
    django_db_keepdb,
    django_db_createdb,
    django_db_modify_db_settings,
):
    """pytest-django's set-up, except that each worker's test database is a copy of one
    migrated template (tests/template_db.py) instead of being migrated again."""
    from django.db import connections
    from django.test.utils import setup_databases, teardown_databases
    from pytest_django.fixtures import _disable_migrations, _get_databases_for_setup

    if not django_db_use_migrations:
        _disable_migrations()
    keepdb = django_db_keepdb and not django_db_createdb
    aliases, serialized_aliases = _get_databases_for_setup(request.session.items)
    verbosity = request.config.option.verbose
    with django_db_blocker.unblock():
        cloned = False
        if aliases and template_db.enabled() and django_db_use_migrations and not keepdb:
            cloned = [template_db.prepare(connections[alias]) for alias in sorted(aliases)]
            cloned = all(cloned)
        db_cfg = setup_databases(
            verbosity=verbosity,
            interactive=False,
            aliases=aliases,
            serialized_aliases=serialized_aliases,
            keepdb=keepdb or cloned,
        )
    yield
    if not django_db_keepdb:
        with django_db_blocker.unblock():
            teardown_databases(db_cfg, verbosity=verbosity, keepdb=False)


def pytest_runtest_setup(item):
    """A test marked `postgres` skips on another database, and fails under REQUIRE_POSTGRES=1
    (as `make test` sets it for the PostgreSQL run), so CI cannot pass it by skipping."""
    if item.get_closest_marker("postgres") and connection.vendor != "postgresql":
        message = f"needs PostgreSQL, the test database is {connection.vendor}"
        if os.environ.get("REQUIRE_POSTGRES") == "1":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)


@pytest.fixture(autouse=True)
def empty_cache():
    """The caches outlive each test's database rollback (cached catalogue facets, site root
    paths, rendered cards); every test starts with empty ones."""
    from django.core.cache import caches

    for kept in caches.all():
        kept.clear()


@pytest.fixture
def home_page(db):
    """A home page at the root of the default site, as load_demo builds it."""
    return default_site_home()
