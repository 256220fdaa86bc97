"""Catalogue benchmarks: the catalogue (unfiltered, three facets, sorted), an innovation page,
compare and the CSV export, each as a ratio to the bare Django view in the same run.

    DATABASE_URL=sqlite:////tmp/jipp-bench/bench.sqlite3 .venv/bin/python -m bench.catalogue

The database must already hold the demo content and `generate_bench_data --innovations N`
(bench/run.sh prepares it). Results go to stdout as Markdown and to bench/results/.
"""

import argparse
import json
import os
import sys
from pathlib import Path

from bench.harness import PROJECT_DIR, Server, measure, report


def pick_urls(database_url):
    """URLs that exist in this database: the busiest facet values, a real page and ids."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.bench"
    os.environ["DATABASE_URL"] = database_url
    import django

    django.setup()
    from django.db.models import Count

    from innovations.models import InnovationIndexPage, InnovationPage

    index = InnovationIndexPage.objects.live().first()
    if index is None:
        raise SystemExit("No catalogue page: run load_demo and generate_bench_data first.")
    live = InnovationPage.objects.live()
    total = live.count()
    region = (
        InnovationPage.regions.through.objects.values("region__bps_code")
        .annotate(n=Count("innovationpage_id"))
        .order_by("-n")
        .first()["region__bps_code"]
    )
    sector = (
        InnovationPage.sectors.through.objects.values("sector__slug")
        .annotate(n=Count("innovationpage_id"))
        .order_by("-n")
        .first()["sector__slug"]
    )
    stage = live.values("stage").annotate(n=Count("pk")).order_by("-n").first()["stage"]
    base = index.url_path[len(index.get_site().root_page.url_path) - 1 :]
    page = live.order_by("-replication_count", "pk").first()
    compare_ids = list(live.order_by("-replication_count", "pk").values_list("pk", flat=True)[:4])
    facets = f"wilayah={region}&urusan={sector}&tahap={stage}"
    return total, {
        "catalogue": base,
        "catalogue_3_facets": f"{base}?{facets}",
        "catalogue_sorted": f"{base}?urutan=az",
        "catalogue_3_facets_sorted_p2": f"{base}?{facets}&urutan=replikasi&halaman=2",
        "innovation_page": page.url_path[len(index.get_site().root_page.url_path) - 1 :],
        "compare_4": f"{base}bandingkan/?" + "&".join(f"id={pk}" for pk in compare_ids),
        "map": f"{base}peta/",
        "csv_export_3_facets": f"/inovasi/ekspor.csv?{facets}",
        "csv_export_all": ("/inovasi/ekspor.csv", 5),
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    parser.add_argument("--label", default=None, help="name of this run, e.g. sqlite")
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="turn the catalogue's caches off (CATALOGUE_CACHE_SECONDS=0) to time the work",
    )
    args = parser.parse_args(argv)
    if not args.database_url:
        parser.error("--database-url or DATABASE_URL is required")
    label = args.label or args.database_url.split(":", 1)[0]
    total, urls = pick_urls(args.database_url)
    extra_env = {"CATALOGUE_CACHE_SECONDS": "0"} if args.no_cache else {}
    if args.no_cache:
        label += "-nocache"
    with Server(args.database_url, extra_env=extra_env) as server:
        results = measure(server, urls, requests=args.requests, warmup=args.warmup)
    caches = "caches off" if args.no_cache else "caches on"
    title = (
        f"{label}: {total} live innovations, {args.requests} sequential requests per URL, {caches}"
    )
    text = report(results, title)
    print(text)
    out = PROJECT_DIR / "bench" / "results"
    out.mkdir(exist_ok=True)
    Path(out / f"catalogue-{label}.json").write_text(json.dumps(results, indent=2))
    Path(out / f"catalogue-{label}.md").write_text(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
