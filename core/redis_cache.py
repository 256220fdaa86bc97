"""Django's Redis cache, made to survive Redis going away.

Every replica shares Redis for the page cache, the catalogue generation and rate limits. When
Redis stops, Django's own backend raises on every call and pages answer 500. This one treats a
failing Redis as an empty cache that keeps nothing: reads miss, writes are dropped, and pages
are built from the database at the cost of speed. After a failure it does not try Redis again
for ``RETRY_AFTER`` seconds, so a dead server costs one failed connection per second per
process, not one per cache call.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

RETRY_AFTER = 1.0
_FAILURES = (RedisConnectionError, RedisTimeoutError, ConnectionError, TimeoutError, OSError)


class KeptClient(RedisCacheClient):
    """Django's client builds a new `redis.Redis` for every cache call, and each one sets up
    its table of about 170 response callbacks: some 70 microseconds per call, ten calls per
    page. One client per connection pool is kept instead (a client is safe to share: it only
    borrows connections from its pool)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = super().get_client(key, write=write)
        return client


class ResilientRedisCache(RedisCache):
    _down_until = 0.0

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = KeptClient

    def _guarded(self, name, default, *args, **kwargs):
        if time.monotonic() < self._down_until:
            return default
        try:
            return getattr(super(), name)(*args, **kwargs)
        except _FAILURES as error:
            logger.warning("Cache unavailable (%s): serving without it", type(error).__name__)
            self._down_until = time.monotonic() + RETRY_AFTER
            return default

    def get(self, key, default=None, version=None):
        return self._guarded("get", default, key, default, version)

    def get_many(self, keys, version=None):
        return self._guarded("get_many", {}, keys, version)

    def has_key(self, key, version=None):
        return self._guarded("has_key", False, key, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded("add", False, key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded("set", None, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded("set_many", list(data), data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded("touch", False, key, timeout, version)

    def delete(self, key, version=None):
        return self._guarded("delete", False, key, version)

    def delete_many(self, keys, version=None):
        return self._guarded("delete_many", None, keys, version)

    def incr(self, key, delta=1, version=None):
        # A counter that cannot be kept is reported as absent, as for a missing key.
        if time.monotonic() < self._down_until:
            raise ValueError(f"Key '{key}' not found (cache unavailable)")
        try:
            return super().incr(key, delta, version)
        except _FAILURES as error:
            logger.warning("Cache unavailable (%s): serving without it", type(error).__name__)
            self._down_until = time.monotonic() + RETRY_AFTER
            raise ValueError(f"Key '{key}' not found (cache unavailable)") from error

    def clear(self):
        return self._guarded("clear", False)

    def count(self, key, timeout, version=None):
        """Add `key` at 0 for `timeout` seconds unless it exists, then increment it, in one
        round trip (a pipeline of SET NX EX and INCR): what `add` then `incr` do in two. The
        API's rate limit counts every request, cached answers too, so a cache hit spent
        one of its four round trips here. Raises ValueError when Redis is unavailable, as
        `incr` does."""
        if time.monotonic() < self._down_until:
            raise ValueError(f"Key '{key}' not counted (cache unavailable)")
        key = self.make_and_validate_key(key, version=version)
        try:
            pipeline = self._cache.get_client(key, write=True).pipeline(transaction=False)
            pipeline.set(key, 0, ex=int(timeout), nx=True)
            pipeline.incr(key)
            return pipeline.execute()[1]
        except _FAILURES as error:
            logger.warning("Cache unavailable (%s): serving without it", type(error).__name__)
            self._down_until = time.monotonic() + RETRY_AFTER
            raise ValueError(f"Key '{key}' not counted (cache unavailable)") from error
