"""Throughput of the public pages under wrk, beside the bare Django view (issue 20's table).

    .venv/bin/python -m bench.pages --database-url postgres://jipp:jipp@127.0.0.1:5432/jipp_perf \\
        --search-url http://127.0.0.1:9231 --redis-url redis://127.0.0.1:6391/0 --label after

gunicorn (2 sync workers, config.settings.bench: DEBUG off, persistent connections) serves
the project in `--project-dir` (another checkout measures the code "before"); every URL gets
`wrk -c N -d S` once with the response caches on and once with them off (CATALOGUE/PAGE/API
_CACHE_SECONDS=0), and the bare view /bench/bare/ is measured again before every few URLs, so
each ratio compares with the bare view of the same minute. The load average is recorded per
URL: the machine is shared, read ratios, not absolute figures.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import redis

from bench.harness import BARE_URL, PROJECT_DIR, free_port

# wrk reports p50/p75/p90/p99 only; this prints the 95th percentile and the counts as JSON.
WRK_SCRIPT = """
done = function(summary, latency, requests)
  io.write(string.format(
    '{"requests": %d, "seconds": %f, "p95_ms": %f, "p50_ms": %f, "errors": %d, "non2xx": %d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(95) / 1000,
    latency:percentile(50) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.timeout, summary.errors.status))
end
"""
BARE_EVERY = 3


def pick_urls(database_url, search_query):
    """URLs that exist in this database (the same choices as bench/catalogue.py)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.bench")
    os.environ["DATABASE_URL"] = database_url
    # Picking URLs reads the database only (an engine in SEARCH_URL is for the servers).
    os.environ.pop("SEARCH_URL", None)
    import django

    django.setup()
    from django.db.models import Count

    from innovations.models import InnovationIndexPage, InnovationPage
    from publications.models import EventIndexPage, NewsIndexPage, NewsPage

    index = InnovationIndexPage.objects.live().first()
    root = index.get_site().root_page.url_path

    def local(page):
        return page.url_path[len(root) - 1 :]

    live = InnovationPage.objects.live()
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
    base = local(index)
    innovation = live.order_by("-replication_count", "pk").first()
    return live.count(), {
        "search": f"/cari/?q={search_query}",
        # What a visitor's browser asks after four letters of the query's first word.
        "autocomplete": f"/cari/autocomplete/?q={search_query.split('+')[0][:4]}",
        "home": "/",
        "news_list": local(NewsIndexPage.objects.live().first()),
        "event_list": local(EventIndexPage.objects.live().first()),
        "news_page": local(NewsPage.objects.live().order_by("-date", "pk").first()),
        "catalogue_3_facets": f"{base}?wilayah={region}&urusan={sector}&tahap={stage}",
        "catalogue_az": f"{base}?urutan=az",
        "innovation_page": local(innovation),
        "api_list_20": "/api/v2/innovations/?limit=20",
        "api_detail": f"/api/v2/innovations/{innovation.pk}/",
        "sitemap_section": "/sitemap-halaman.xml?p=2",
    }


class Gunicorn:
    def __init__(self, project_dir, env, workers=2):
        self.project_dir, self.env, self.workers = Path(project_dir), env, workers
        self.port = free_port()

    def __enter__(self):
        command = [
            str(PROJECT_DIR / ".venv" / "bin" / "gunicorn"),
            "config.wsgi:application",
            f"--bind=127.0.0.1:{self.port}",
            f"--workers={self.workers}",
            "--worker-class=sync",
            "--timeout=120",
            "--log-level=warning",
        ]
        # Fixed arguments; nothing here comes from outside the bench.
        self.process = subprocess.Popen(command, cwd=self.project_dir, env=self.env)  # noqa: S603
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}")
            if self.status(BARE_URL) == 200:
                return self
            time.sleep(0.3)
        self.__exit__()
        raise RuntimeError("gunicorn did not answer within 90 seconds")

    def __exit__(self, *exc):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def status(self, url):
        import http.client

        try:
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
            connection.request("GET", url, headers={"Host": "localhost"})
            response = connection.getresponse()
            response.read()
            connection.close()
            return response.status
        except OSError:
            return None


def wrk(port, url, connections, seconds, script):
    command = [
        "wrk",
        f"-t{min(2, connections)}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout=30s",
        "-H",
        "Host: localhost",
        "-s",
        str(script),
        f"http://127.0.0.1:{port}{url}",
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    result = json.loads(re.findall(r"^\{.*\}$", output, re.MULTILINE)[-1])
    result["rps"] = result["requests"] / result["seconds"] if result["seconds"] else 0.0
    result["load"] = os.getloadavg()[0]
    return result


def run(server, urls, connections, seconds, script):
    """Each URL after a warm-up request, the bare view before every BARE_EVERY URLs and at the
    end; each URL's ratio is to the mean of the bare runs around it."""
    bares, rows = [], []
    for position, (name, url) in enumerate(urls.items()):
        if position % BARE_EVERY == 0:
            bares.append(wrk(server.port, BARE_URL, connections, seconds, script))
        status = server.status(url)
        if status != 200:
            print(f"{name}: {url} answered {status}; left out", file=sys.stderr)
            continue
        result = wrk(server.port, url, connections, seconds, script)
        rows.append((name, url, len(bares) - 1, result))
    bares.append(wrk(server.port, BARE_URL, connections, seconds, script))
    table = []
    for name, url, before, result in rows:
        bare_rps = (bares[before]["rps"] + bares[before + 1]["rps"]) / 2
        table.append({"name": name, "url": url, **result, "bare_rps": bare_rps})
    return {"bare": bares, "rows": table}


def markdown(title, measured):
    lines = [
        f"#### {title}",
        "",
        "| page | URL | req/s | p50 ms | p95 ms | % of bare | bare req/s | load | errors |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in measured["rows"]:
        share = 100 * row["rps"] / row["bare_rps"] if row["bare_rps"] else 0
        url = row["url"] if len(row["url"]) <= 60 else row["url"][:57] + "..."
        lines.append(
            f"| {row['name']} | `{url}` | {row['rps']:.1f} | {row['p50_ms']:.1f} | "
            f"{row['p95_ms']:.1f} | {share:.1f}% | {row['bare_rps']:.0f} | {row['load']:.1f} | "
            f"{row['errors'] + row['non2xx']} |"
        )
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"), required=False)
    parser.add_argument("--project-dir", default=str(PROJECT_DIR))
    parser.add_argument("--search-url", default="", help="OpenSearch 3 URL; empty: database")
    parser.add_argument(
        "--index-prefix", default="", help="the engine's SEARCH_INDEX_PREFIX; empty: the default"
    )
    parser.add_argument("--redis-url", default="", help="shared cache; empty: per-process")
    parser.add_argument("--label", default="run")
    parser.add_argument("--connections", default="8", help="comma-separated, e.g. 4,8")
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--modes", default="cached,uncached")
    parser.add_argument("--only", default="", help="comma-separated page names")
    parser.add_argument("--query", default="layanan+kesehatan")
    args = parser.parse_args(argv)
    if not args.database_url:
        parser.error("--database-url or DATABASE_URL is required")
    total, urls = pick_urls(args.database_url, args.query)
    if args.only:
        urls = {name: url for name, url in urls.items() if name in args.only.split(",")}
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(WRK_SCRIPT)
    script = Path(handle.name)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.bench",
        "DATABASE_URL": args.database_url,
        "DATABASE_CONN_MAX_AGE": "60",
        "API_RATE_LIMIT": "100000000",
        "PYTHONPATH": args.project_dir,
        # Uploaded images of the demo, wherever the measured code lives.
        "MEDIA_ROOT": str(PROJECT_DIR / "media"),
    }
    if args.search_url:
        env.update({"SEARCH_URL": args.search_url, "SEARCH_ENGINE": "opensearch3"})
        if args.index_prefix:
            env["SEARCH_INDEX_PREFIX"] = args.index_prefix
    if args.redis_url:
        env["REDIS_URL"] = args.redis_url
    out = [f"### {args.label}: {total} live innovations, 2 sync workers, wrk {args.seconds} s"]
    results = {}
    for mode in args.modes.split(","):
        seconds = "300" if mode == "cached" else "0"
        mode_env = {
            **env,
            "CATALOGUE_CACHE_SECONDS": seconds,
            "PAGE_CACHE_SECONDS": seconds,
            "API_CACHE_SECONDS": "60" if mode == "cached" else "0",
        }
        for connections in map(int, args.connections.split(",")):
            if args.redis_url:
                # The early lookup serves whatever an earlier mode stored, whatever this
                # mode's timeouts say: every mode starts from an empty shared cache.
                redis.Redis.from_url(args.redis_url).flushdb()
            with Gunicorn(args.project_dir, mode_env) as server:
                measured = run(server, urls, connections, args.seconds, script)
            title = f"{args.label}, {mode}, c{connections}"
            results[title] = measured
            out.append(markdown(title, measured))
            print(out[-1], flush=True)
    script.unlink()
    results_dir = PROJECT_DIR / "bench" / "results"
    results_dir.mkdir(exist_ok=True)
    (results_dir / f"pages-{args.label}.md").write_text("\n\n".join(out) + "\n")
    (results_dir / f"pages-{args.label}.json").write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
