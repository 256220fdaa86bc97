"""A bounded load test: N concurrent clients for T seconds against gunicorn on loopback,
under the production settings (issue 17). Exits non-zero if any request fails.

    .venv/bin/python -m bench.load --database-url postgres://jipp:jipp@127.0.0.1:5432/jipp_x \\
        --clients 20 --seconds 60

The database must hold the demo content (manage.py migrate && manage.py load_demo). The
script collects static files into a temporary STATIC_ROOT (the manifest storage of the
production settings needs it), starts gunicorn with config.settings.production on a free
port (SECURE_SSL_REDIRECT off: there is no TLS on loopback), then lets every client request
the public URLs in turn, each on a fresh connection, until the time is up. All clients share
one address, so the API's per-client limit is raised for the run (API_RATE_LIMIT).
"""

import argparse
import http.client
import itertools
import os
import secrets
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.harness import free_port, percentile

PROJECT_DIR = Path(__file__).resolve().parent.parent
URLS = [
    "/",
    "/inovasi/",
    "/inovasi/?digital=ya",
    "/berita/",
    "/kegiatan/",
    "/sumber-belajar/",
    "/regulasi/",
    "/cari/?q=pelayanan",
    "/data-terbuka/",
    "/api/v2/innovations/?limit=20",
    "/robots.txt",
    "/sitemap.xml",
]


def production_env(database_url, static_root):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "localhost,127.0.0.1",
        "PUBLIC_BASE_URL": "http://127.0.0.1",
        "DATABASE_URL": database_url,
        "DATABASE_CONN_MAX_AGE": "60",
        "SECURE_SSL_REDIRECT": "0",
        "STATIC_ROOT": static_root,
        "API_RATE_LIMIT": "1000000",
        "LOG_LEVEL": "WARNING",
    }


def get(port, url):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        # X-Forwarded-Proto: as the load balancer that ends TLS says it.
        connection.request("GET", url, headers={"Host": "localhost", "X-Forwarded-Proto": "https"})
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def client(port, urls, deadline, results, lock):
    own = []
    for url in itertools.cycle(urls):
        if time.monotonic() >= deadline:
            break
        started = time.perf_counter()
        try:
            status = get(port, url)
        except OSError as error:
            status = f"{type(error).__name__}"
        own.append((url, status, time.perf_counter() - started))
    with lock:
        results.extend(own)


def wait_until_up(process, port):
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}")
        try:
            if get(port, "/robots.txt") == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("gunicorn did not answer within 90 seconds")


def run(database_url, clients, seconds, workers, threads):
    with tempfile.TemporaryDirectory() as static_root:
        env = production_env(database_url, static_root)
        python = str(PROJECT_DIR / ".venv" / "bin" / "python")
        subprocess.run(  # noqa: S603 - our own interpreter and fixed arguments
            [python, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=PROJECT_DIR,
            env=env,
            check=True,
        )
        port = free_port()
        command = [
            str(PROJECT_DIR / ".venv" / "bin" / "gunicorn"),
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--timeout",
            "60",
            "--log-level",
            "warning",
        ]
        process = subprocess.Popen(command, cwd=PROJECT_DIR, env=env)  # noqa: S603
        try:
            wait_until_up(process, port)
            for url in URLS:  # warm caches once, and stop early on a broken URL
                status = get(port, url)
                if status != 200:
                    raise RuntimeError(f"{url} answered {status} before the load")
            results, lock = [], threading.Lock()
            deadline = time.monotonic() + seconds
            pool = [
                threading.Thread(
                    target=client, args=(port, URLS[n:] + URLS[:n], deadline, results, lock)
                )
                for n in range(clients)
            ]
            started = time.monotonic()
            for thread in pool:
                thread.start()
            for thread in pool:
                thread.join()
            elapsed = time.monotonic() - started
        finally:
            process.terminate()
            process.wait(timeout=30)
    return results, elapsed


def summary(results, elapsed, clients):
    times = sorted(seconds for _url, _status, seconds in results)
    errors = [(url, status) for url, status, _seconds in results if status != 200]
    lines = [
        f"clients={clients} seconds={elapsed:.1f} requests={len(results)} "
        f"throughput={len(results) / elapsed:.1f}/s errors={len(errors)}",
        f"p50={percentile(times, 0.5) * 1000:.0f} ms p95={percentile(times, 0.95) * 1000:.0f} ms "
        f"max={times[-1] * 1000:.0f} ms",
    ]
    for url in URLS:
        own = sorted(s for u, _status, s in results if u == url)
        if own:
            lines.append(
                f"  {url:32} n={len(own):5} p50={percentile(own, 0.5) * 1000:6.0f} ms "
                f"p95={percentile(own, 0.95) * 1000:6.0f} ms"
            )
    for url, status in sorted(set(errors))[:20]:
        lines.append(f"  ERROR {url}: {status}")
    return "\n".join(lines), errors


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args(argv)
    results, elapsed = run(
        args.database_url, args.clients, args.seconds, args.workers, args.threads
    )
    text, errors = summary(results, elapsed, args.clients)
    print(text)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
