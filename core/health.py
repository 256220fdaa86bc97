"""Health endpoints for the load balancer and the operator.

``/healthz`` says the process answers (no database, no cache): a failing liveness probe
restarts a replica, so it must not fail because a dependency is down. ``/readyz`` checks the
database, the shared cache and the search engine: a replica without its database is taken out
of the pool (503); a missing cache or engine only costs speed, since pages fall back to the
database (search falls back to the database backend), so they make the answer "degraded"
with a 200, never a 503. So does a task queue that nobody works off (TASKS_BACKEND=database
and a task waiting longer than TASKS_BACKLOG_SECONDS: is the worker running?).
"""

import time
import urllib.request
from urllib.error import URLError

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

ENGINE_TIMEOUT = 1.0


def _timed(check):
    started = time.perf_counter()
    try:
        detail = check()
        ok = True
    except Exception as error:  # noqa: BLE001 - a readiness probe reports, never raises
        detail = type(error).__name__
        ok = False
    return {"ok": ok, "ms": round((time.perf_counter() - started) * 1000, 1), "detail": detail}


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return connection.vendor


def _cache():
    key = "readyz:probe"
    cache.set(key, "1", timeout=10)
    if cache.get(key) != "1":
        raise ConnectionError("cache did not keep a value")
    return settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]


def _engine_urls():
    backend = settings.WAGTAILSEARCH_BACKENDS.get("default", {})
    urls = backend.get("URLS") or backend.get("HOSTS") or []
    return [url for url in urls if isinstance(url, str)]


def _engine():
    urls = _engine_urls()
    if not urls:
        return "database backend"
    for url in urls:
        if not url.startswith(("http://", "https://")):
            continue
        try:
            probe = url.rstrip("/") + "/_cluster/health"
            with urllib.request.urlopen(probe, timeout=ENGINE_TIMEOUT) as response:  # noqa: S310
                if response.status == 200:
                    return url
        except (OSError, URLError):
            continue
    raise ConnectionError("no engine node answered")


def _tasks():
    backend = settings.TASKS["default"]["BACKEND"]
    if not backend.startswith("django_tasks_db."):
        return "immediate"
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.ready()
    oldest = waiting.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
    if oldest is None:
        return "queue empty"
    age = (timezone.now() - oldest).total_seconds()
    if age > settings.TASKS_BACKLOG_SECONDS:
        raise TimeoutError(f"{waiting.count()} tasks waiting, the oldest for {age:.0f} s")
    return f"{waiting.count()} waiting"


@never_cache
@require_safe
def healthz(request):
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def readyz(request):
    checks = {"database": _timed(_database), "cache": _timed(_cache), "engine": _timed(_engine)}
    checks["tasks"] = _timed(_tasks) if checks["database"]["ok"] else {"ok": False, "ms": 0}
    if not checks["database"]["ok"]:
        status, code = "down", 503
    elif not all(check["ok"] for check in checks.values()):
        status, code = "degraded", 200
    else:
        status, code = "ok", 200
    return JsonResponse({"status": status, "checks": checks}, status=code)
