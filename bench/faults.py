"""Fault and load test of the production topology (deploy/prod-local.sh), loopback only.

    deploy/prod-local.sh start                    # with PROD_INNOVATIONS=10000 for the full test
    .venv/bin/python bench/faults.py --rate 100 --duration 300

A mixed open-loop load (cached and uncached pages, search, API, exports and complaint form
posts) at ``--rate`` requests per second, while the script, on a fixed timeline:

    45 s   restarts replica 2 gracefully (SIGTERM, then start)
    90 s   kills replica 1 (SIGKILL of master and workers), restarts it 15 s later
    150 s  stops OpenSearch node 2, starts it again 30 s later
    210 s  stops Redis, starts it again 30 s later

(times scale with ``--duration``). For each phase and route it reports requests, 5xx and
connection errors, p50/p95/p99; for each fault, the time until the part answered again and
until /readyz said "ok". Posts must either succeed (302) or say clearly that they did not
(a 4xx page or 429); a 5xx on a post counts as an error. The run is bounded in requests
and time, and refuses any address that is not loopback.
"""

import argparse
import contextlib
import http.client
import ipaddress
import json
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode, urlsplit

PROJECT_DIR = Path(__file__).resolve().parent.parent
PROD = PROJECT_DIR / "deploy" / "prod-local.sh"
RUN_DIR = Path(os.environ.get("PROD_RUN_DIR", "/tmp/jipp-prod"))  # noqa: S108 - same as prod-local.sh
SEARCH_TERMS = [
    "layanan kesehatan",
    "kependudukan",
    "sampah",
    "pendidikan",
    "perizinan online",
    "stunting",
    "pajak daerah",
    "air bersih",
    "posyandu",
    "antrean",
]
LATE = 5.0  # seconds after its due time a request is given up unsent
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

# Phase boundaries as fractions of the duration (45/300, 90/300, ...).
TIMELINE = [
    (0.00, "sebelum"),
    (0.15, "restart replika 2"),
    (0.30, "replika 1 mati"),
    (0.50, "node mesin pencari mati"),
    (0.70, "Redis mati"),
    (0.80, "sesudah"),
]


def phase_of(fraction):
    name = TIMELINE[0][1]
    for start, label in TIMELINE:
        if fraction >= start:
            name = label
    return name


class Client:
    def __init__(self, base):
        parts = urlsplit(base)
        self.host, self.port = parts.hostname, parts.port or 80
        if not ipaddress.ip_address(
            "127.0.0.1" if self.host == "localhost" else self.host
        ).is_loopback:
            raise SystemExit("faults.py only sends traffic to loopback addresses")
        self.local = threading.local()

    def request(self, method, path, body=None, headers=None):
        conn = getattr(self.local, "conn", None)
        if conn is None:
            conn = self.local.conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            response = conn.getresponse()
            data = response.read()
            return response.status, dict(response.getheaders()), data
        except (OSError, http.client.HTTPException):
            conn.close()
            self.local.conn = None
            raise


INNOVATION_LINK = re.compile(r'href="(/inovasi/[a-z0-9-]+/)"')
NOT_CASE_STUDIES = {"/inovasi/bandingkan/", "/inovasi/peta/"}


def discover(client):
    """Case-study paths from the first catalogue pages, for realistic URLs."""
    paths = set()
    # Page 1 is /inovasi/ itself (?halaman=1 redirects there).
    for path in ("/inovasi/", "/inovasi/?halaman=2", "/inovasi/?halaman=3"):
        status, _, body = client.request("GET", path)
        if status != 200:
            raise SystemExit(f"/inovasi/ answered {status}: is the topology up?")
        paths |= set(INNOVATION_LINK.findall(body.decode("utf-8", "replace")))
    return sorted(paths - NOT_CASE_STUDIES) or ["/inovasi/"]


def routes(innovation_paths):
    """(name, weight, function returning (method, path, body, headers))."""

    def get(path):
        return ("GET", path, None, {})

    def complaint_post(client):
        status, headers, body = client.request("GET", "/pengaduan/")
        if status != 200:
            return None
        token = CSRF_INPUT.search(body.decode("utf-8", "replace"))
        cookie = headers.get("Set-Cookie", "").split(";")[0]
        if not token:
            return None
        form = {
            "csrfmiddlewaretoken": token.group(1),
            "category": "saran",
            "title": f"Uji beban {random.randint(1, 10**9)}",
            "description": "Antrean di loket pelayanan terlalu panjang pada pagi hari.",
            "privacy": "anonim",
            "consent": "on",
        }
        return (
            "POST",
            "/pengaduan/",
            urlencode(form),
            {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie},
        )

    return [
        ("beranda", 20, lambda c: get("/")),
        ("katalog", 15, lambda c: get("/inovasi/")),
        (
            "katalog+filter",
            8,
            lambda c: get(f"/inovasi/?tahap=penerapan&halaman={random.randint(1, 5)}"),
        ),
        ("inovasi", 20, lambda c: get(random.choice(innovation_paths))),
        ("cari", 10, lambda c: get("/cari/?" + urlencode({"q": random.choice(SEARCH_TERMS)}))),
        (
            "api daftar",
            12,
            lambda c: get(f"/api/v2/innovations/?limit=20&offset={random.randint(0, 200)}"),
        ),
        ("berita", 8, lambda c: get("/berita/")),
        ("ekspor csv", 2, lambda c: get("/inovasi/ekspor.csv?tahap=penerapan&wilayah=73.71")),
        ("kirim pengaduan", 2, complaint_post),
        ("siap", 3, lambda c: get("/readyz")),
    ]


def prod(*args):
    # A fixed script of this repository with fixed arguments.
    return subprocess.run(  # noqa: S603
        ["bash", str(PROD), *args],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
    )


def kill_replica(n):
    pid_file = RUN_DIR / f"gunicorn-{n}.pid"
    if pid_file.exists():
        master = int(pid_file.read_text())
        subprocess.run(["pkill", "-KILL", "-P", str(master)], check=False)  # noqa: S603, S607
        with contextlib.suppress(ProcessLookupError):
            os.kill(master, signal.SIGKILL)
        pid_file.unlink()


def wait_until(check, limit=120):
    started = time.monotonic()
    while time.monotonic() - started < limit:
        try:
            if check():
                return round(time.monotonic() - started, 1)
        except (OSError, http.client.HTTPException, ValueError):
            pass
        time.sleep(0.25)
    return None


def ready(client):
    status, _, body = client.request("GET", "/readyz")
    return status == 200 and json.loads(body)["status"] == "ok"


def faults(duration, client, recoveries, which=("replika", "mesin", "redis")):
    """The fault timeline, run in its own thread. Recovery is measured in threads of its
    own, so that a slow recovery does not push the next fault later."""
    started = time.monotonic()
    probe = Client(f"http://{client.host}:{client.port}")

    def at(fraction):
        delay = started + fraction * duration - time.monotonic()
        if delay > 0:
            time.sleep(delay)

    def recovered(name, t0, part_back=None, limit=120):
        def measure():
            back = wait_until(part_back, 180) if part_back else round(time.monotonic() - t0, 1)
            recoveries.append((name, back, wait_until(lambda: ready(probe), limit)))

        threading.Thread(target=measure, daemon=True).start()

    if "replika" in which:
        at(0.15)
        t0 = time.monotonic()
        prod("restart-replica", "2")
        recovered("restart replika 2 (SIGTERM)", t0)
        at(0.30)
        kill_replica(1)
        at(0.35)
        t0 = time.monotonic()
        prod("start-replica", "1")
        recovered("replika 1 SIGKILL, dinyalakan lagi", t0)
    if "mesin" in which:
        at(0.50)
        prod("stop-node", "2")
        at(0.60)
        t0 = time.monotonic()
        prod("start-node", "2")
        recovered("node OpenSearch 2 dihentikan 30 s", t0, probe_engine_green)
    if "redis" in which:
        at(0.70)
        prod("stop-redis")
        at(0.80)
        t0 = time.monotonic()
        prod("start-redis")
        recovered("Redis dihentikan 30 s", t0)


def probe_engine_green():
    conn = http.client.HTTPConnection("127.0.0.1", 9231, timeout=2)
    conn.request("GET", "/_cluster/health?wait_for_nodes=3&wait_for_status=green&timeout=1s")
    response = conn.getresponse()
    body = json.loads(response.read())
    return response.status == 200 and body.get("status") == "green"


def percentile(values, q):
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--base", default="http://127.0.0.1:8080")
    parser.add_argument("--rate", type=float, default=100.0, help="requests per second (max 200)")
    parser.add_argument("--duration", type=float, default=300.0, help="seconds (max 900)")
    parser.add_argument("--no-faults", action="store_true", help="load only")
    parser.add_argument(
        "--faults", default="replika,mesin,redis", help="which faults: replika,mesin,redis"
    )
    args = parser.parse_args()
    rate, duration = min(args.rate, 200.0), min(args.duration, 900.0)
    client = Client(args.base)
    table = routes(discover(client))
    names = [name for name, _, _ in table]
    weights = [weight for _, weight, _ in table]
    builders = {name: build for name, _, build in table}
    samples = defaultdict(list)  # (phase, route) -> [(ms, outcome)]
    post_statuses = defaultdict(int)  # status of each complaint post answered
    load = defaultdict(list)  # phase -> 1-minute load averages, the machine is shared
    lock = threading.Lock()
    recoveries = []

    def one(name, scheduled):
        build = builders[name]
        started = time.monotonic()
        if started - (began + scheduled) > LATE:
            # The machine cannot keep up: a request this late is not sent (the run stays
            # bounded in time) and is counted as not served.
            with lock:
                samples[(phase_of(scheduled / duration), name)].append((None, "late"))
            return
        outcome = "ok"
        try:
            spec = build(client)
            if spec is None:
                outcome = "error"
            else:
                status, _, _ = client.request(*spec)
                if spec[0] == "POST":
                    with lock:
                        post_statuses[status] += 1
                if status >= 500:
                    outcome = "5xx"
                elif spec[0] == "POST" and status not in (200, 302, 400, 429):
                    outcome = "error"
        except (OSError, http.client.HTTPException):
            outcome = "conn"
        elapsed = (time.monotonic() - started) * 1000
        with lock:
            samples[(phase_of(scheduled / duration), name)].append((elapsed, outcome))

    if not args.no_faults:
        threading.Thread(
            target=faults,
            args=(duration, client, recoveries, args.faults.split(",")),
            daemon=True,
        ).start()
    total = int(rate * duration)
    began = time.monotonic()

    def sample_load():
        while time.monotonic() - began < duration:
            load[phase_of((time.monotonic() - began) / duration)].append(os.getloadavg()[0])
            time.sleep(5)

    threading.Thread(target=sample_load, daemon=True).start()
    with ThreadPoolExecutor(max_workers=96) as pool:
        for i in range(total):
            due = began + i / rate
            delay = due - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            pool.submit(one, random.choices(names, weights)[0], i / rate)
    print(render(samples, recoveries, rate, duration))
    print(
        "\nKiriman pengaduan per status: "
        + ", ".join(
            f"{status}: {count}" for status, count in sorted(post_statuses.items(), key=str)
        )
    )
    print(
        "Rata-rata beban mesin (1 menit) per fase: "
        + "; ".join(
            f"{phase} {statistics.mean(values):.1f}" for phase, values in load.items() if values
        )
    )


def render(samples, recoveries, rate, duration):
    lines = [
        f"Beban campuran {rate:.0f} req/s selama {duration:.0f} s",
        "",
        "| fase | rute | dikirim | tak terkirim (telat) | 5xx | gagal koneksi | p50 ms | p95 ms "
        "| p99 ms |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    phases = [label for _, label in TIMELINE]
    for phase in phases:
        for (p, route), rows in sorted(samples.items()):
            if p != phase:
                continue
            times = [ms for ms, _ in rows if ms is not None] or [float("nan")]
            fives = sum(1 for _, o in rows if o in ("5xx", "error"))
            conns = sum(1 for _, o in rows if o == "conn")
            late = sum(1 for _, o in rows if o == "late")
            lines.append(
                f"| {phase} | {route} | {len(rows) - late} | {late} | {fives} | {conns} | "
                f"{statistics.median(times):.0f} | {percentile(times, 0.95):.0f} | "
                f"{percentile(times, 0.99):.0f} |"
            )
    all_rows = [row for rows in samples.values() for row in rows]
    lines += [
        "",
        f"Jumlah: {len(all_rows)} permintaan, "
        f"{sum(1 for _, o in all_rows if o in ('5xx', 'error'))} 5xx/gagal, "
        f"{sum(1 for _, o in all_rows if o == 'conn')} gagal koneksi",
        "",
        "| gangguan | bagian kembali (s) | /readyz ok lagi (s) |",
        "| --- | ---: | ---: |",
    ]
    lines += [f"| {name} | {back} | {readyz} |" for name, back, readyz in recoveries]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
