"""The search log, counted in each worker and written to the database in batches.

Every search of a visitor (the first page of results, no facet chosen, a GET) counts one
search of its normalised query for the day, one search without results when nothing was
found, and the client once (by a daily keyed hash, never the address: SearchQueryClient).

Writing two rows on every search would make a search answered from the response cache cost
as much as the database round trips; so each worker keeps the counts in memory and writes
them at most every SEARCH_LOG_FLUSH_SECONDS (0, the development and test default: at once),
and when the worker exits. A worker killed without warning loses at most that many seconds
of counts, which only feed the search report and the "populer" threshold.
"""

import atexit
import logging
import threading
import time

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.search.utils import normalise_query_string

from core.throttle import client_address

logger = logging.getLogger(__name__)

# A bound on what a worker holds between two writes, whatever the interval.
MAX_PENDING_QUERIES = 500


class SearchLog:
    def __init__(self):
        self._lock = threading.Lock()
        self._pending = {}
        self._last_flush = time.monotonic()

    def record(self, request, query, total):
        """Count one visitor's search of `query` that found `total` results."""
        if request.method != "GET":
            return  # link checkers and monitors (HEAD) are not visitors' searches
        query = normalise_query_string(query)[:255]
        if not query:
            return
        from .models import SearchQueryClient

        today = timezone.localdate()
        address = client_address(request)
        with self._lock:
            counts = self._pending.setdefault((query, today), [0, 0, set()])
            counts[0] += 1
            counts[1] += 1 if total == 0 else 0
            if address:
                counts[2].add(SearchQueryClient.digest(address, today))
            due = (
                time.monotonic() - self._last_flush >= flush_seconds()
                or len(self._pending) >= MAX_PENDING_QUERIES
            )
        if due:
            self.flush()

    def flush(self):
        """Write what this worker counted; counts that fail to be written are kept."""
        from .models import SearchQueryClient, SearchQueryDay

        with self._lock:
            pending, self._pending = self._pending, {}
            self._last_flush = time.monotonic()
        items = list(pending.items())
        for index, ((query, date), (searches, zero, clients)) in enumerate(items):
            try:
                with transaction.atomic():
                    SearchQueryDay.add(query, date, searches, zero)
                    SearchQueryClient.add(query, date, sorted(clients))
            except Exception:  # noqa: BLE001 - a search never fails because of its log
                logger.warning("Search log not written; kept for the next write", exc_info=True)
                self._keep(items[index:])
                return

    def _keep(self, items):
        with self._lock:
            for key, (searches, zero, clients) in items:
                kept = self._pending.setdefault(key, [0, 0, set()])
                kept[0] += searches
                kept[1] += zero
                kept[2] |= clients


def flush_seconds():
    return getattr(settings, "SEARCH_LOG_FLUSH_SECONDS", 0)


search_log = SearchLog()


def _flush_at_exit():
    try:
        search_log.flush()
    except Exception:  # noqa: BLE001 - the database may be gone at interpreter exit
        logger.warning("Search log not written at exit", exc_info=True)


atexit.register(_flush_at_exit)
