"""The database search backend's index build at scale (issue 20).

    DATABASE_URL=postgres://... python -m bench.index_build --label postgres [--profile 25]

Needs a database prepared like bench/run.sh does (demo plus generate_bench_data). Runs
`update_index --backend default` on Wagtail's database backend (SEARCH_URL is ignored here:
the engine's build is bench/scale.py's), and reports the wall-clock seconds, the queries it
issued, the index entries it left, and the one-minute load average before and after (the
machine is shared: read seconds beside the load). `--profile N` adds the N functions with the
most cumulative time (cProfile).

Results: stdout and bench/results/index_build-<label>.md.
"""

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.bench")
# The database backend only: without SEARCH_URL, "default" is Wagtail's database backend.
os.environ.pop("SEARCH_URL", None)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from wagtail.models import Page  # noqa: E402
from wagtail.search.models import IndexEntry  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results"


class QueryCounter:
    """Counts the statements sent to the database (an execute wrapper: no SQL kept)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def build(profile=0):
    """(seconds, queries, profile text) of one `update_index` of the default backend."""
    counter = QueryCounter()
    profiler = cProfile.Profile() if profile else None
    started = time.perf_counter()
    with connection.execute_wrapper(counter):
        if profiler:
            profiler.enable()
        call_command("update_index", backend_name="default", verbosity=0)
        if profiler:
            profiler.disable()
    seconds = time.perf_counter() - started
    text = ""
    if profiler:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(profile)
        text = out.getvalue()
    return seconds, counter.count, text


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--label", default=connection.vendor)
    parser.add_argument("--profile", type=int, default=0, metavar="N")
    args = parser.parse_args(argv)

    pages = Page.objects.live().count()
    load_before = os.getloadavg()[0]
    seconds, queries, profile = build(args.profile)
    load_after = os.getloadavg()[0]
    entries = IndexEntry.objects.count()
    lines = [
        f"#### {args.label}: `update_index --backend default`, {pages} live pages",
        "",
        "| seconds | queries | index entries | load avg before-after |",
        "| ---: | ---: | ---: | --- |",
        f"| {seconds:.1f} | {queries} | {entries} | {load_before:.1f}-{load_after:.1f} |",
    ]
    report = "\n".join(lines) + "\n"
    sys.stdout.write(report)
    if profile:
        sys.stdout.write("\n" + profile)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"index_build-{args.label}.md").write_text(report)


if __name__ == "__main__":
    main()
