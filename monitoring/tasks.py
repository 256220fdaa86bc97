"""Background work of the monitoring app (django-tasks; immediate without a worker)."""

import threading

from django.core.cache import cache
from django.db import connection
from django_tasks import task

PENDING_KEY = "monitoring:recompute:pending"
LOCK_KEY = "monitoring:recompute:lock"
LOCK_SECONDS = 15 * 60


@task()
def recompute_index(years=None):
    from .index import recompute

    return recompute(years)


@task()
def archive_yearly_report(report_id):
    from .models import YearlyReport
    from .yearly import archive

    report = YearlyReport.objects.filter(pk=report_id, is_published=True).first()
    if report is not None:
        archive(report)


def recompute_in_background(years):
    """Recompute `years` in a thread of this process once the response is on its way.

    The years wait in the shared cache; one recompute at a time runs across workers and
    replicas (a lock in the shared cache), and it takes every year added meanwhile before it
    lets go, so a burst of changes gives one or two recomputes, not one each. `manage.py
    recompute_index` stays the way to run it by hand or from a scheduler."""
    pending = set(cache.get(PENDING_KEY) or ()) | {int(year) for year in years}
    cache.set(PENDING_KEY, sorted(pending), None)
    threading.Thread(target=_drain, name="monitoring-recompute", daemon=True).start()


def _drain():
    try:
        while cache.add(LOCK_KEY, "running", LOCK_SECONDS):
            try:
                while years := cache.get(PENDING_KEY):
                    cache.delete(PENDING_KEY)
                    recompute_index.call(years=years)
            finally:
                cache.delete(LOCK_KEY)
            # Years added between the last look and the release: take them too.
            if not cache.get(PENDING_KEY):
                break
    finally:
        connection.close()
