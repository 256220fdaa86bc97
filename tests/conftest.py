import os

import pytest
from django.db import connection
from wagtail.models import Page, Site

from core.public_url import site_address
from tests.home.factories import HomePageFactory


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
    """The cache outlives each test's database rollback (cached catalogue facets, site root
    paths); every test starts with an empty one."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def home_page(db):
    """A home page at the root of the default site, as load_demo builds it."""
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root)
    hostname, port = site_address()
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={
            "hostname": hostname,
            "port": port,
            "root_page": home,
            "site_name": "JIPP Sulsel",
        },
    )
    return home
