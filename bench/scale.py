"""Issue 16's performance section: how search, autocomplete, the uncached catalogue and the
API's filtered list grow with the catalogue, on PostgreSQL with a search engine.

    .venv/bin/python -m bench.scale \\
        --database 1k=postgres://jipp:jipp@127.0.0.1:5432/jipp_search16 \\
        --database 10k=postgres://jipp:jipp@127.0.0.1:5432/jipp_scale16 \\
        --engine opensearch3=http://127.0.0.1:9201

Each database must hold the demo content and `generate_bench_data --innovations N`
(bench/run.sh prepares one). For every database the engine index is built unless
`--skip-build` (`rebuild_search_index`, indices prefixed as bench/search.py does), then one
gunicorn with the engine serves the search page with facets, autocomplete, the catalogue with
three facets and the API's list of 20 with the same three filters, every cache off
(catalogue, page and API response caches: the work behind a miss), beside the bare view in
the same run; a second gunicorn without the engine serves the catalogue and API URLs again,
so the engine's and the database's paths are compared in the same minute. The catalogue's
default order ("terbukti") reads the monitoring's verification dates, which the index does not
carry: that URL is answered by the database in both runs; `urutan=terbaru` shows the engine's
path. The machine's one-minute load average is printed beside every figure. Results go to
stdout as Markdown and to bench/results/scale-<paths>.json.
"""

import argparse
import json
import os
import sys
import time

from bench.harness import PROJECT_DIR, Server, measure
from bench.search import AUTOCOMPLETES, count_pages, environment, timed

NO_CACHES = {
    "CATALOGUE_CACHE_SECONDS": "0",
    "PAGE_CACHE_SECONDS": "0",
    "API_CACHE_SECONDS": "0",
    "API_RATE_LIMIT": "1000000",
}
SEARCHES = {
    "search with facets": "/cari/?q=layanan+kesehatan",
    "search, a facet chosen": "/cari/?q=layanan+kesehatan&jenis=inovasi",
}


def pick_urls():
    """In a configured process: the catalogue and API URLs with the busiest region, sector
    and stage of this database (bench.catalogue and bench.api pick the same)."""
    import django

    django.setup()
    from django.db.models import Count

    from innovations.models import InnovationPage

    live = InnovationPage.objects.live()

    def busiest(through, column):
        rows = through.objects.values(column).annotate(n=Count("innovationpage_id"))
        return rows.order_by("-n").first()[column]

    region = busiest(InnovationPage.regions.through, "region__bps_code")
    sector = busiest(InnovationPage.sectors.through, "sector__slug")
    stage = live.values("stage").annotate(n=Count("pk")).order_by("-n").first()["stage"]
    facets = f"wilayah={region}&urusan={sector}&tahap={stage}"
    filters = f"region={region}&sector={sector}&stage={stage}"
    print(
        json.dumps(
            {
                "catalogue, 3 facets (database order)": f"/inovasi/?{facets}",
                "catalogue, 3 facets, terbaru": f"/inovasi/?{facets}&urutan=terbaru",
                "API list of 20, 3 filters": f"/api/v2/innovations/?{filters}",
                "API list of 20, 3 filters, -launched_on": (
                    f"/api/v2/innovations/?{filters}&order=-launched_on"
                ),
            }
        )
    )


def load_average():
    return os.getloadavg()[0]


def measured(database_url, urls, requests, extra):
    """measure() with the one-minute load average before and after each URL."""
    with Server(database_url, extra_env={**NO_CACHES, **extra}) as server:
        results = {}
        for name, url in urls.items():
            before = load_average()
            one = measure(server, {name: url}, requests=requests, warmup=3, bare_requests=60)
            one[name]["load"] = (before, load_average())
            one[name]["bare_ms"] = (one["bare"]["median_ms"], one["bare"]["p95_ms"])
            results[name] = one[name]
    return results


def table(title, results):
    lines = [
        f"#### {title}",
        "",
        "| measurement | median ms | p95 ms | bare median / p95 ms | median × bare | "
        "p95 × bare | load avg |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, item in results.items():
        lines.append(
            f"| {name} | {item['median_ms']:.1f} | {item['p95_ms']:.1f} | "
            f"{item['bare_ms'][0]:.1f} / {item['bare_ms'][1]:.1f} | "
            f"{item['median_ratio']:.1f} | {item['p95_ratio']:.1f} | "
            f"{item['load'][0]:.1f}-{item['load'][1]:.1f} |"
        )
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", action="append", required=True, help="name=DATABASE_URL")
    parser.add_argument("--engine", required=True, help="kind=URL")
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--skip-build", action="store_true", help="indices are already built")
    parser.add_argument(
        "--paths", default="engine,database", help="engine, database or both (comma-separated)"
    )
    parser.add_argument(
        "--index-prefix",
        action="append",
        default=[],
        help="name=PREFIX: an engine index built elsewhere for that database (default "
        "bench_<name>_); use with --skip-build",
    )
    parser.add_argument(
        "--database-search",
        action="store_true",
        help="also time search and autocomplete on the database path (its index must be built)",
    )
    args = parser.parse_args(argv)
    paths = args.paths.split(",")
    engine = tuple(args.engine.split("=", 1))
    prefixes = dict(item.split("=", 1) for item in args.index_prefix)
    results = {}
    for item in args.database:
        db_name, database_url = item.split("=", 1)
        env = environment(database_url, engine, db_name)
        if db_name in prefixes:
            env["SEARCH_INDEX_PREFIX"] = prefixes[db_name]
        innovations = count_pages(env)
        entry = results.setdefault(db_name, {"innovations": innovations})
        if not args.skip_build and "engine" in paths:
            seconds, _out = timed(["manage.py", "rebuild_search_index", "-v0"], env)
            entry["engine_build_s"] = seconds
        _seconds, out = timed(["-m", "bench.scale", "urls"], env)
        listing = json.loads(out.strip().splitlines()[-1])
        engine_env = {key: value for key, value in env.items() if "SEARCH" in key}
        started = time.strftime("%H:%M", time.gmtime())
        if "engine" in paths:
            entry["engine"] = measured(
                database_url, {**SEARCHES, **AUTOCOMPLETES, **listing}, args.requests, engine_env
            )
        if "database" in paths:
            searches = {**SEARCHES, **AUTOCOMPLETES} if args.database_search else {}
            # An empty SEARCH_URL: the database backend, whatever this shell exports.
            entry["database"] = measured(
                database_url, {**searches, **listing}, args.requests, {"SEARCH_URL": ""}
            )
        entry["utc"] = f"{started}-{time.strftime('%H:%M', time.gmtime())}"
        for path in paths:
            kind = engine[0] if path == "engine" else "database only (no engine)"
            title = f"{db_name}: {innovations} live innovations, {kind}, {entry['utc']} UTC"
            print(table(title, entry[path]))
            print()
    names = list(results)
    if len(names) > 1:
        first, last = results[names[0]], results[names[-1]]
        print(f"#### growth {names[0]} -> {names[-1]} (p95 ratio of the larger to the smaller)")
        print()
        print("| path | measurement | p95 × | p95-to-bare × |")
        print("| --- | --- | ---: | ---: |")
        for path in paths:
            for name, item in last[path].items():
                small = first[path][name]
                print(
                    f"| {path} | {name} | {item['p95_ms'] / small['p95_ms']:.2f} | "
                    f"{item['p95_ratio'] / small['p95_ratio']:.2f} |"
                )
    out = PROJECT_DIR / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / f"scale-{'-'.join(paths)}.json").write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["urls"]:
        pick_urls()
    else:
        sys.exit(main())
