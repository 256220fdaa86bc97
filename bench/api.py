"""API benchmarks: the innovation list (20 and the maximum page size, with and without
filters), the full-field list, the detail endpoint and a taxonomy listing, each as a ratio
to the bare Django view in the same run, with the number of database queries per request.

    DATABASE_URL=sqlite:////tmp/jipp-bench/bench.sqlite3 .venv/bin/python -m bench.api

The database must already hold the demo content and `generate_bench_data --innovations N`
(bench/run.sh prepares it; BENCH_AREAS="catalogue api" runs this too). Results go to stdout
as Markdown and to bench/results/api-<label>.{md,json}.
"""

import argparse
import json
import os
from pathlib import Path

from bench.harness import PROJECT_DIR, Server, measure, report


def setup_django(database_url):
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.bench"
    os.environ["DATABASE_URL"] = database_url
    import django

    django.setup()


def pick_urls():
    """URLs that exist in this database: the busiest filter values and a well-filled page."""
    from django.conf import settings
    from django.db.models import Count

    from innovations.models import InnovationPage

    live = InnovationPage.objects.live()
    total = live.count()
    if not total:
        raise SystemExit("No innovations: run load_demo and generate_bench_data first.")

    def busiest(through, column):
        return (
            through.objects.values(column)
            .annotate(n=Count("innovationpage_id"))
            .order_by("-n")
            .first()[column]
        )

    region = busiest(InnovationPage.regions.through, "region__bps_code")
    sector = busiest(InnovationPage.sectors.through, "sector__slug")
    stage = live.values("stage").annotate(n=Count("pk")).order_by("-n").first()["stage"]
    detail = live.order_by("-replication_count", "pk").first()
    limit_max = settings.WAGTAILAPI_LIMIT_MAX
    filters = f"region={region}&sector={sector}&stage={stage}"
    base = "/api/v2/innovations/"
    return (
        total,
        limit_max,
        {
            "list_20": base,
            f"list_{limit_max}": f"{base}?limit={limit_max}",
            "list_20_filtered": f"{base}?{filters}",
            f"list_{limit_max}_filtered": f"{base}?{filters}&limit={limit_max}",
            f"list_{limit_max}_all_fields": f"{base}?limit={limit_max}&fields=*",
            "list_20_ordered_offset_5000": f"{base}?order=-launched_on&offset=5000",
            "detail": f"{base}{detail.pk}/",
            "regions_with_counts": "/api/v2/regions/?limit=25",
        },
    )


def count_queries(urls):
    """Database queries per request, measured in-process after one warm-up request,
    without the response cache (its hits make none)."""
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="localhost")
    counts = {}
    with override_settings(API_CACHE_SECONDS=0):
        for name, url in urls.items():
            url = url[0] if isinstance(url, tuple) else url
            assert client.get(url).status_code == 200, url
            with CaptureQueriesContext(connection) as captured:
                client.get(url)
            counts[name] = len(captured)
    return counts


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    parser.add_argument("--label", default=None, help="name of this run, e.g. sqlite")
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="API_CACHE_SECONDS=0: measure the work behind each answer, not the cache",
    )
    args = parser.parse_args(argv)
    if not args.database_url:
        parser.error("--database-url or DATABASE_URL is required")
    label = args.label or args.database_url.split(":", 1)[0]
    if args.no_cache:
        os.environ["API_CACHE_SECONDS"] = "0"
        label += "-no-cache"
    setup_django(args.database_url)
    total, limit_max, urls = pick_urls()
    queries = count_queries(urls)
    cache_env = {"API_CACHE_SECONDS": "0"} if args.no_cache else {}
    with Server(args.database_url, extra_env=cache_env) as server:
        results = measure(server, urls, requests=args.requests, warmup=args.warmup)
    for name, count in queries.items():
        results[name]["queries"] = count
    title = (
        f"API, {label}: {total} live innovations, page size cap {limit_max}, "
        f"{args.requests} sequential requests per URL"
    )
    text = report(results, title)
    text += "\n\nQueries per request: " + ", ".join(f"{k} {v}" for k, v in queries.items())
    print(text)
    out = PROJECT_DIR / "bench" / "results"
    out.mkdir(exist_ok=True)
    Path(out / f"api-{label}.md").write_text(text + "\n")
    Path(out / f"api-{label}.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
