"""Search benchmarks: latency of search and autocomplete per backend, as ratios to the bare
Django view in the same run; full index build time; time from publish to searchable.

    .venv/bin/python -m bench.search \\
        --database sqlite=sqlite:////tmp/jipp-bench/bench.sqlite3 \\
        --database postgres=postgres://jipp:jipp@127.0.0.1:5432/jipp_bench \\
        --engine opensearch3=http://127.0.0.1:9201 --engine elasticsearch7=http://127.0.0.1:9202

Each database must already hold the demo content and `generate_bench_data --innovations N`
(bench/run.sh prepares it); the engines must be running (`make engine`,
`make engine ENGINE=elasticsearch7`). For every database the script builds the database
backend's index (`update_index --backend database`) and, for every engine, the engine index
(`rebuild_search_index`, indices prefixed `bench_`), timing both; then it serves the site with
gunicorn once per backend and measures the same URLs; then it publishes a page and polls until
search finds it. Results go to stdout as Markdown and to bench/results/search.json.
"""

import argparse
import json
import os
import subprocess
import sys
import time

from bench.harness import PROJECT_DIR, Server, measure, report

PYTHON = str(PROJECT_DIR / ".venv" / "bin" / "python")
INDEX_PREFIX = "bench_"
SEARCHES = {
    "search: layanan kesehatan": "/cari/?q=layanan+kesehatan",
    "search: pengaduan warga": "/cari/?q=pengaduan+warga",
    "search: sekolah anak nelayan, page 2": "/cari/?q=sekolah+anak+nelayan&halaman=2",
    "search: facet filter": "/cari/?q=layanan+kesehatan&jenis=inovasi",
}
AUTOCOMPLETES = {
    "autocomplete: pusk": "/cari/autocomplete/?q=pusk",
    "autocomplete: layanan kes": "/cari/autocomplete/?q=layanan+kes",
}


def environment(database_url, engine=None, db_name="db"):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.bench",
        "DATABASE_URL": database_url,
    }
    for name in ("SEARCH_URL", "SEARCH_ENGINE", "SEARCH_INDEX_PREFIX"):
        env.pop(name, None)
    if engine:
        kind, url = engine
        # One index per database: page ids differ between databases.
        prefix = f"{INDEX_PREFIX}{db_name}_"
        env.update({"SEARCH_URL": url, "SEARCH_ENGINE": kind, "SEARCH_INDEX_PREFIX": prefix})
    return env


def timed(args, env):
    """Seconds taken by a manage.py command (or this module's `publish` step)."""
    started = time.perf_counter()
    # Fixed commands built here; nothing comes from outside.
    completed = subprocess.run(  # noqa: S603
        [PYTHON, *args], cwd=PROJECT_DIR, env=env, capture_output=True, text=True
    )
    if completed.returncode:
        raise RuntimeError(f"{' '.join(args)} failed:\n{completed.stdout}\n{completed.stderr}")
    return time.perf_counter() - started, completed.stdout


def publish_to_searchable():
    """In a configured process: publish a changed page, poll search until it finds it."""
    import django

    django.setup()
    from innovations.models import InnovationPage
    from search.service import find_matches

    page = InnovationPage.objects.live().order_by("-pk").first()
    token = f"benchuji{int(time.time() * 1000) % 10_000_000}"
    page.title = f"{page.title.split(' benchuji')[0]} {token}"
    started = time.perf_counter()
    page.save_revision().publish()
    published = time.perf_counter() - started
    while time.perf_counter() - started < 60:
        matches = find_matches(token, highlight=False)
        if ("page", page.pk) in matches.ranked:
            break
        time.sleep(0.01)
    else:
        raise SystemExit("not searchable after 60 s")
    searchable = time.perf_counter() - started
    print(json.dumps({"publish_s": published, "searchable_s": searchable, "via": matches.backend}))


def count_pages(env):
    code = (
        "import django; django.setup();"
        "from innovations.models import InnovationPage;"
        "print(InnovationPage.objects.live().count())"
    )
    return int(timed(["-c", code], env)[1].strip())


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", action="append", required=True, help="name=DATABASE_URL")
    parser.add_argument("--engine", action="append", default=[], help="kind=URL")
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--slow-requests", type=int, default=20)
    parser.add_argument("--skip-build", action="store_true", help="indices are already built")
    parser.add_argument(
        "--skip-database-backend",
        action="store_true",
        help="measure only the engines (the SQLite backend takes seconds per query at 10,000)",
    )
    args = parser.parse_args(argv)
    databases = [item.split("=", 1) for item in args.database]
    engines = [tuple(item.split("=", 1)) for item in args.engine]

    results = {"builds": {}, "latency": {}, "publish": {}}
    for db_name, database_url in databases:
        env = environment(database_url)
        innovations = count_pages(env)
        results["innovations"] = innovations
        configurations = []
        if not args.skip_database_backend:
            if not args.skip_build:
                seconds, _out = timed(["manage.py", "update_index", "--backend", "database"], env)
                results["builds"][f"{db_name} database backend"] = seconds
            configurations.append((f"{db_name} + database backend", None))
        for engine in engines:
            engine_env = environment(database_url, engine, db_name)
            if not args.skip_build:
                seconds, _out = timed(["manage.py", "rebuild_search_index", "-v0"], engine_env)
                results["builds"][f"{db_name} -> {engine[0]}"] = seconds
            configurations.append((f"{db_name} + {engine[0]}", engine))
        for label, engine in configurations:
            slow = engine is None
            count = args.slow_requests if slow else args.requests
            urls = {name: (url, count) for name, url in {**SEARCHES, **AUTOCOMPLETES}.items()}
            engine_env = environment(database_url, engine, db_name)
            extra = {key: value for key, value in engine_env.items() if "SEARCH" in key}
            with Server(database_url, extra_env=extra) as server:
                measured = measure(server, urls, requests=count, warmup=3)
            results["latency"][label] = measured
            print(report(measured, title=f"{label} ({innovations} innovations)"))
            print()
            _seconds, out = timed(["-m", "bench.search", "publish"], engine_env)
            results["publish"][label] = json.loads(out.strip().splitlines()[-1])

    print("### Index builds")
    print()
    print("| index | seconds |")
    print("| --- | ---: |")
    for name, seconds in results["builds"].items():
        print(f"| {name} | {seconds:.1f} |")
    print()
    print("### Publish to searchable")
    print()
    print("| configuration | publish s | searchable after s | answered by |")
    print("| --- | ---: | ---: | --- |")
    for name, item in results["publish"].items():
        print(f"| {name} | {item['publish_s']:.2f} | {item['searchable_s']:.2f} | {item['via']} |")
    out_dir = PROJECT_DIR / "bench" / "results"
    out_dir.mkdir(exist_ok=True)
    names = "-".join(name for name, _url in databases)
    (out_dir / f"search-{names}.json").write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["publish"]:
        publish_to_searchable()
    else:
        sys.exit(main())
