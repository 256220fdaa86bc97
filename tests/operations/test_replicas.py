"""Two replicas, one Redis: what one replica publishes, the other serves at its next request, and
a Redis that stops and comes back costs neither replica an error page.

A replica here is what a gunicorn process is to the cache: its own cache objects (its own
connection pool and its own memory of Redis being down), sharing nothing with the other but
what is stored in Redis. The Redis is a real one (Debian's redis-server) on a free loopback
port, started by the test.
"""

import shutil
import socket
import subprocess
import time
from contextlib import contextmanager

import pytest
import redis
from asgiref.local import Local
from django.conf import settings as django_settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.test import Client, override_settings

from innovations.models import InnovationPage
from tests.innovations.factories import InnovationIndexPageFactory, InnovationPageFactory

pytestmark = pytest.mark.django_db


class RedisServer:
    """A throwaway redis-server on a free loopback port; `stop` and `start` keep the port."""

    def __init__(self, directory):
        binary = shutil.which("redis-server") or "/usr/bin/redis-server"
        if not shutil.which(binary):
            pytest.fail("needs Debian's redis-server (apt-get install redis-server)")
        self.binary, self.directory = binary, directory
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        # A fixed binary with fixed arguments, on loopback, without persistence.
        self.process = subprocess.Popen(  # noqa: S603
            [self.binary, "--bind", "127.0.0.1", "--port", str(self.port), "--save", ""]
            + ["--appendonly", "no", "--dir", str(self.directory)],
            stdout=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while True:
            try:
                redis.Redis(port=self.port, socket_connect_timeout=0.2).ping()
                return
            except redis.ConnectionError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.02)

    def stop(self):
        self.process.terminate()
        self.process.wait(10)


@pytest.fixture(scope="module")
def redis_server(tmp_path_factory):
    server = RedisServer(tmp_path_factory.mktemp("redis"))
    server.start()
    yield server
    if server.process.poll() is None:
        server.stop()


@pytest.fixture
def shared_cache(redis_server):
    settings = {
        # As production's settings: Redis shared, each worker's "local" memory its own.
        **django_settings.CACHES,
        "default": {
            "BACKEND": "core.redis_cache.ResilientRedisCache",
            "LOCATION": redis_server.url,
            "KEY_PREFIX": "jipp",
            # Production's timeouts are short (0.25/0.5 s); on a busy test machine they would
            # make the cache drop writes, which is the other test's subject, not this one's.
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 5},
        },
    }
    with override_settings(CACHES=settings):
        redis.Redis(port=redis_server.port).flushall()
        yield redis_server


class Replica:
    """A test client with cache objects of its own, as a separate process has."""

    def __init__(self, name):
        self.connections = Local()
        # Its own worker memory ("local" cache): Django keeps one store per LOCATION.
        self.connections.local = LocMemCache(f"replica-{name}", {})
        self.connections.local.clear()  # what an earlier test's replica of that name kept
        self.client = Client()

    @contextmanager
    def active(self):
        saved = caches._connections
        caches._connections = self.connections
        try:
            yield self.client
        finally:
            caches._connections = saved

    def get(self, path):
        with self.active() as client:
            return client.get(path)


@pytest.fixture
def replicas(shared_cache):
    return Replica("one"), Replica("two")


@pytest.fixture
def innovation(home_page):
    catalogue = InnovationIndexPageFactory(parent=home_page)
    return InnovationPageFactory(parent=catalogue, title="Antrean Daring Puskesmas")


def publish_title(replica, innovation, title):
    with replica.active():
        page = InnovationPage.objects.get(pk=innovation.pk)
        page.title = title
        page.save_revision().publish()


def title_seen(replica, path, title):
    return title in replica.get(path).content.decode()


def test_a_publish_on_one_replica_is_served_by_the_other_at_once(
    replicas, innovation, shared_cache
):
    one, two = replicas
    for path in (innovation.url, "/inovasi/"):
        assert title_seen(two, path, "Antrean Daring Puskesmas")

    # The answers are stored in the shared Redis, so what follows is the shared cache at work.
    stored = redis.Redis(port=shared_cache.port).keys("*core:response:*")
    assert stored, "no answer was stored in Redis"

    publish_title(one, innovation, "Antrean Daring Puskesmas Terpadu")

    # The issue asks for "within a second"; the stale window is nil: the other replica's
    # very next request after the publish already has the new title, page and catalogue.
    for path in (innovation.url, "/inovasi/"):
        assert title_seen(two, path, "Antrean Daring Puskesmas Terpadu")
    assert one.get(innovation.url).status_code == 200


def test_what_a_replica_keeps_in_its_own_memory_follows_a_publish_on_the_other(
    replicas, innovation, shared_cache, settings
):
    """Without whole answers cached, a page view reads its cards, menu and kept relations
    from the worker's own memory (core.cache.derived) under the tokens in Redis: a publish
    on one replica reaches the other's next request."""
    settings.PAGE_CACHE_SECONDS = 0
    settings.CATALOGUE_CACHE_SECONDS = 0
    one, two = replicas
    for path in (innovation.url, "/inovasi/"):
        assert title_seen(two, path, "Antrean Daring Puskesmas")
    with two.active():
        assert caches["local"]._cache, "nothing kept in the replica's own memory"
    with one.active():
        assert not caches["local"]._cache

    publish_title(one, innovation, "Antrean Daring Puskesmas Terpadu")

    for path in (innovation.url, "/inovasi/"):
        assert title_seen(two, path, "Antrean Daring Puskesmas Terpadu")


def test_a_route_kept_by_one_replica_follows_an_unpublish_on_the_other(
    replicas, innovation, shared_cache, settings
):
    """Without the answers cached, a page view takes Wagtail's route from Redis (core/routing.py):
    one replica's unpublish and publish under a new address reach the other at its next
    request."""
    settings.PAGE_CACHE_SECONDS = 0
    one, two = replicas
    old_url = innovation.url
    assert two.get(old_url).status_code == 200
    assert redis.Redis(port=shared_cache.port).keys("*core:route:*"), "no route kept in Redis"

    with one.active():
        InnovationPage.objects.get(pk=innovation.pk).unpublish()
    assert two.get(old_url).status_code == 404

    with one.active():
        page = InnovationPage.objects.get(pk=innovation.pk)
        page.slug = "antrean-daring"
        page.save_revision().publish()
        new_url = InnovationPage.objects.get(pk=innovation.pk).url
    assert two.get(new_url).status_code == 200
    assert two.get(old_url).status_code == 404


def test_redis_stopping_and_coming_back_costs_no_error_page_on_either_replica(
    replicas, innovation, shared_cache
):
    one, two = replicas
    assert two.get(innovation.url).status_code == 200

    shared_cache.stop()
    try:
        for replica in (one, two):
            for path in (innovation.url, "/inovasi/", "/readyz"):
                assert replica.get(path).status_code == 200
        assert two.get("/readyz").json()["status"] == "degraded"
    finally:
        shared_cache.start()

    # Each replica tries Redis again a second after its last failure (core/redis_cache.py).
    for replica in (one, two):
        wait_for_ready(replica)
    publish_title(one, innovation, "Antrean Daring Setelah Redis Kembali")
    assert title_seen(two, innovation.url, "Setelah Redis Kembali")


def wait_for_ready(replica, seconds=5):
    deadline = time.monotonic() + seconds
    while replica.get("/readyz").json()["status"] != "ok":
        assert time.monotonic() < deadline, "the cache did not come back"
        time.sleep(0.1)


def test_the_api_rate_limit_counts_one_client_across_replicas(shared_cache, settings, home_page):
    """The counter lives in Redis (core.throttle through core.redis_cache's one-round-trip
    count): a client's requests to both replicas add up, and the limit refuses the next one
    on either, cached answers included."""
    settings.API_RATE_LIMIT = 5
    settings.API_CACHE_SECONDS = 60
    replicas = [Replica("one"), Replica("two")]
    statuses = [replicas[n % 2].get("/api/v2/innovations/").status_code for n in range(5)]
    refused = [replica.get("/api/v2/innovations/") for replica in replicas]

    assert statuses == [200] * 5
    assert [response.status_code for response in refused] == [429, 429]
    assert all(0 < int(response["Retry-After"]) <= 60 for response in refused)
    key = redis.Redis(port=shared_cache.port).keys("jipp:*throttle:api:*")
    assert len(key) == 1
    assert 0 < redis.Redis(port=shared_cache.port).ttl(key[0]) <= 61
