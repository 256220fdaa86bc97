"""Rate limits for public forms and endpoints, counted in the shared cache.

Every public form (complaints, replication requests, event registration, objections) and the
API share one rule: a client may make ``limit`` attempts per ``window`` seconds in a scope.
The counter lives in Django's default cache, which is Redis in production, so every replica
counts the same attempts. A cache that is down never blocks a visitor: the limit is then not
enforced and a warning is logged.
"""

import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after: int  # seconds until the window ends; 0 when allowed


def client_address(request):
    """The client's address. Behind ``TRUSTED_PROXY_COUNT`` proxies (nginx, a load balancer)
    the address is taken from X-Forwarded-For, counted from the right, so that a client cannot
    choose its own address by sending the header itself."""
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def hit(scope, key, limit, window):
    """Count one attempt of ``key`` in ``scope`` and say whether it is within the limit."""
    now = int(time.time())
    bucket = now // window
    cache_key = f"throttle:{scope}:{key}:{bucket}"
    try:
        if hasattr(cache, "count"):  # core.redis_cache: one round trip
            count = cache.count(cache_key, window + 1)
        else:
            cache.add(cache_key, 0, timeout=window + 1)
            count = cache.incr(cache_key)
    except Exception:  # noqa: BLE001 - a failing cache must not take the form down
        logger.warning("Rate limit for %s not enforced: the cache is unavailable", scope)
        return Verdict(True, 0)
    if count > limit:
        return Verdict(False, (bucket + 1) * window - now)
    return Verdict(True, 0)


def hit_request(request, scope, limit, window):
    """``hit`` keyed by the client's address."""
    return hit(scope, client_address(request), limit, window)
