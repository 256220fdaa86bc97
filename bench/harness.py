"""Shared benchmark harness: a gunicorn on loopback, sequential requests, medians and ratios.

    from bench.harness import Server, measure, report

    with Server(database_url="sqlite:////tmp/bench.sqlite3") as server:
        results = measure(server, {"catalogue": "/inovasi/"}, requests=200, warmup=20)
    print(report(results))

Every run also measures /bench/bare/ (a bare Django view behind the same middleware, in the
same gunicorn, added by config.settings.bench), before and after the others, and reports each
URL's median and 95th percentile as a ratio to it. Machines here are shared and noisy: compare
ratios between runs, not milliseconds.

The time measured is from opening the connection to the last byte of the body, on loopback,
one request at a time: the server's time plus a constant loopback cost that the bare view
pays too.
"""

import argparse
import http.client
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
BARE_URL = "/bench/bare/"


def free_port():
    with closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """gunicorn serving the project on 127.0.0.1 with the given settings and database."""

    def __init__(
        self,
        database_url,
        settings="config.settings.bench",
        workers=1,
        port=None,
        extra_env=None,
    ):
        self.database_url = database_url
        self.settings = settings
        self.workers = workers
        self.port = port or free_port()
        self.extra_env = extra_env or {}
        self.process = None

    def __enter__(self):
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": self.settings,
            "DATABASE_URL": self.database_url,
            # Persistent connections, as production runs (a new PostgreSQL connection per
            # request would dominate every figure).
            "DATABASE_CONN_MAX_AGE": "60",
            **self.extra_env,
        }
        command = [
            str(PROJECT_DIR / ".venv" / "bin" / "gunicorn"),
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(self.workers),
            "--worker-class",
            "sync",
            "--timeout",
            "120",
            "--log-level",
            "warning",
        ]
        # The command is built here from fixed parts; nothing comes from outside.
        self.process = subprocess.Popen(command, cwd=PROJECT_DIR, env=env)  # noqa: S603
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}")
            try:
                status, _body, _seconds = self.get(BARE_URL)
                if status == 200:
                    return self
            except OSError:
                time.sleep(0.2)
        self.__exit__()
        raise RuntimeError("gunicorn did not answer within 60 seconds")

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def get(self, url):
        """(status, body bytes, seconds) for one GET on a fresh connection."""
        started = time.perf_counter()
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        try:
            connection.request("GET", url, headers={"Host": "localhost"})
            response = connection.getresponse()
            body = response.read()
        finally:
            connection.close()
        return response.status, body, time.perf_counter() - started


def percentile(values, fraction):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def sample(server, url, requests, warmup):
    for _ in range(warmup):
        status, _body, _seconds = server.get(url)
        if status != 200:
            raise RuntimeError(f"{url} answered {status}")
    times, size = [], 0
    for _ in range(requests):
        status, body, seconds = server.get(url)
        if status != 200:
            raise RuntimeError(f"{url} answered {status}")
        times.append(seconds)
        size = len(body)
    return {
        "url": url,
        "requests": requests,
        "median_ms": statistics.median(times) * 1000,
        "p95_ms": percentile(times, 0.95) * 1000,
        "bytes": size,
    }


def measure(server, urls, requests=200, warmup=20, bare_requests=None):
    """Measure the bare view, then every named URL, then the bare view again.

    `urls` maps a name to a path, or to (path, requests) for slow ones.
    Returns {"bare": {...}, name: {..., "median_ratio", "p95_ratio"}, ...}; the baseline is
    the mean of the two bare measurements, so slow drift during the run affects both sides.
    """
    bare_requests = bare_requests or max(requests, 200)
    before = sample(server, BARE_URL, bare_requests, warmup)
    measured = {}
    for name, url in urls.items():
        # A URL may come with its own request count: ("/slow/", 5).
        url, count = url if isinstance(url, tuple) else (url, requests)
        measured[name] = sample(server, url, count, min(warmup, count))
    after = sample(server, BARE_URL, bare_requests, warmup)
    bare = {
        "url": BARE_URL,
        "requests": bare_requests * 2,
        "median_ms": (before["median_ms"] + after["median_ms"]) / 2,
        "p95_ms": (before["p95_ms"] + after["p95_ms"]) / 2,
        "bytes": before["bytes"],
    }
    results = {"bare": bare}
    for name, result in measured.items():
        result["median_ratio"] = result["median_ms"] / bare["median_ms"]
        result["p95_ratio"] = result["p95_ms"] / bare["p95_ms"]
        results[name] = result
    return results


def report(results, title=None):
    """A Markdown table of the results."""
    lines = [f"### {title}", ""] if title else []
    lines += [
        "| measurement | URL | median ms | p95 ms | median × bare | p95 × bare | bytes |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name, result in results.items():
        ratio = (
            ("1.0", "1.0")
            if name == "bare"
            else (f"{result['median_ratio']:.1f}", f"{result['p95_ratio']:.1f}")
        )
        url = result["url"] if len(result["url"]) <= 70 else result["url"][:67] + "..."
        lines.append(
            f"| {name} | `{url}` | {result['median_ms']:.1f} | {result['p95_ms']:.1f} | "
            f"{ratio[0]} | {ratio[1]} | {result['bytes']} |"
        )
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description="Time URLs against gunicorn on loopback.")
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"), required=False)
    parser.add_argument("--settings", default="config.settings.bench")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--json", help="write the results to this file as well")
    parser.add_argument("urls", nargs="+", help="name=/path/ pairs")
    args = parser.parse_args(argv)
    if not args.database_url:
        parser.error("--database-url or DATABASE_URL is required")
    urls = dict(pair.split("=", 1) for pair in args.urls)
    with Server(args.database_url, settings=args.settings) as server:
        results = measure(server, urls, args.requests, args.warmup)
    print(report(results))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
