"""Where one uncached request's time goes: timing, queries and a cProfile by area.

    DATABASE_URL=postgres://... .venv/bin/python -m bench.profile_pages / /berita/ \\
        /inovasi/dokter-terbang-pulau-selayar/ [--requests 10] [--top 12]

Serves each URL through Django's test client in this process (config.settings.bench, every
response cache off: CATALOGUE/PAGE/API_CACHE_SECONDS=0; SEARCH_URL and SEARCH_INDEX_PREFIX
from the environment), after two warm-up requests: the median and 95th percentile of
`--requests` requests, the queries of one request and their time, then one request under
cProfile with its own time grouped by area (database driver, ORM, templates, Wagtail, each
project app, ...) and the project's functions with the most cumulative time. The machine is
shared: the shares, not the milliseconds, are what a profile says.
"""

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
CACHES_OFF = {
    "CATALOGUE_CACHE_SECONDS": "0",
    "PAGE_CACHE_SECONDS": "0",
    "API_CACHE_SECONDS": "0",
    "API_RATE_LIMIT": "100000000",
}
# (substring of the file path, area), first match wins.
AREAS = (
    ("/psycopg", "database driver (PostgreSQL round trips)"),
    ("/django/db/", "Django ORM"),
    ("/django/template/", "Django templates"),
    ("/django/utils/translation", "gettext"),
    ("/django/", "Django (other)"),
    ("/wagtail/", "Wagtail"),
    ("/modelsearch/", "modelsearch"),
    ("/modelcluster/", "modelcluster"),
    ("/rest_framework/", "REST framework"),
    ("/redis/", "Redis client"),
    ("/opensearchpy/", "engine client"),
    ("/urllib3/", "engine client"),
    ("/bs4/", "HTML parsing (bs4)"),
    ("/html5lib/", "HTML parsing"),
    ("/site-packages/", "other packages"),
)


def area(filename):
    for part, name in AREAS:
        if part in filename:
            return name
    if filename.startswith(str(PROJECT_DIR)):
        return "project: " + Path(filename).relative_to(PROJECT_DIR).parts[0]
    if filename.startswith("~") or filename.startswith("<"):
        return "builtins (C)"
    return "Python standard library"


class Queries:
    def __init__(self):
        self.count, self.seconds = 0, 0.0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started
            self.count += 1


def profile(client, url, requests, top):
    from django.db import connection

    def get():
        response = client.get(url, HTTP_HOST="localhost")
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        if getattr(response, "streaming", False):
            b"".join(response.streaming_content)
        return response

    for _ in range(2):
        get()
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        get()
        times.append((time.perf_counter() - started) * 1000)
    queries = Queries()
    with connection.execute_wrapper(queries):
        get()
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    get()
    profiler.disable()
    profiled_ms = (time.perf_counter() - started) * 1000
    stats = pstats.Stats(profiler)
    by_area, total = {}, 0.0
    for (filename, _line, _name), (_cc, _nc, own, _cum, _callers) in stats.stats.items():
        by_area[area(filename)] = by_area.get(area(filename), 0.0) + own
        total += own
    total_cumulative = profiled_ms / 1000
    ours = sorted(
        (
            (cumulative, f"{Path(filename).relative_to(PROJECT_DIR)}:{line} {name}")
            for (filename, line, name), (_cc, _nc, _own, cumulative, _c) in stats.stats.items()
            if filename.startswith(str(PROJECT_DIR))
            and "/.venv/" not in filename
            and "/bench/" not in filename
            # Middleware and other wrappers hold the whole request: they say nothing.
            and cumulative < 0.9 * total_cumulative
        ),
        reverse=True,
    )
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    lines = [
        f"#### `{url}`",
        "",
        f"{requests} requests: median {statistics.median(times):.1f} ms, p95 {p95:.1f} ms; "
        f"{queries.count} queries taking {queries.seconds * 1000:.1f} ms; "
        f"one request under the profiler {profiled_ms:.0f} ms; load average "
        f"{os.getloadavg()[0]:.2f}",
        "",
        "| area (own time) | share |",
        "| --- | ---: |",
    ]
    for name, own in sorted(by_area.items(), key=lambda item: -item[1]):
        if own / total >= 0.02:
            lines.append(f"| {name} | {100 * own / total:.0f}% |")
    lines += ["", "| project function (cumulative) | ms under the profiler |", "| --- | ---: |"]
    for cumulative, name in ours[:top]:
        lines.append(f"| `{name}` | {cumulative * 1000:.0f} |")
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("urls", nargs="+")
    parser.add_argument("--requests", type=int, default=10)
    parser.add_argument("--top", type=int, default=12)
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.bench")
    os.environ.update(CACHES_OFF)
    if os.environ.get("SEARCH_URL"):
        os.environ.setdefault("SEARCH_ENGINE", "opensearch3")
    import django

    django.setup()
    from django.test import Client

    from core.startup import freeze_startup_objects

    # As a gunicorn worker does (config/wsgi.py), or a full collection every few requests
    # would add its 150 ms to the percentiles here and not in production.
    freeze_startup_objects()

    client = Client()
    for url in args.urls:
        print(profile(client, url, args.requests, args.top), flush=True)
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
