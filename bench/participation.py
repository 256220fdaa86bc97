"""The complaints staff listing (/admin/pengaduan/) at scale: time and queries.

    DATABASE_URL=sqlite:////tmp/jipp-bench-pengaduan.sqlite3 \
        .venv/bin/python -m bench.participation --reports 100000 --label sqlite

Migrates the database, adds (once) ``--reports`` complaints spread over 40 agencies, every
status, three years of filing dates and a share overdue (bulk inserts, codes PGD-BNCH-...),
a moderator and one agency liaison, then requests each listing URL ``--requests`` times in
this process through Django's test client, signed in, and the bare view the same way, and
reports median and 95th percentile as a ratio to the bare view, with the queries of one
request. In-process timing leaves out the network and gunicorn (the harness's HTTP client
cannot sign in): compare the ratios, not the milliseconds.
"""

import argparse
import datetime
import os
import random
import statistics
import sys
import time
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.bench")
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from agencies.models import AgencyMembership  # noqa: E402
from innovations.models import Agency, Region  # noqa: E402
from participation.models import Report, Status  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results"
PREFIX = "PGD-BNCH-"
STATUSES = [
    (Status.RECEIVED, 8),
    (Status.VERIFIED, 4),
    (Status.REJECTED, 6),
    (Status.ROUTED, 12),
    (Status.ANSWERED, 20),
    (Status.CLOSED, 50),
]


def agencies(count=40):
    region = Region.objects.order_by("bps_code").first()
    have = list(Agency.objects.order_by("pk")[:count])
    for n in range(len(have), count):
        have.append(
            Agency.objects.create(
                name=f"Dinas Bench {n}", slug=f"dinas-bench-{n}", kind="opd_kabkota", region=region
            )
        )
    return have


def generate(total, rng):
    existing = Report.objects.filter(tracking_code__startswith=PREFIX).count()
    if existing >= total:
        return existing
    pool = agencies()
    regions = list(Region.objects.all())
    statuses = [status for status, weight in STATUSES for _ in range(weight)]
    now = timezone.now()
    batch = []
    for n in range(existing, total):
        status = rng.choice(statuses)
        created = now - datetime.timedelta(minutes=rng.randint(0, 3 * 365 * 24 * 60))
        routed = status in (Status.ROUTED, Status.ANSWERED, Status.CLOSED)
        verified_at = created + datetime.timedelta(hours=rng.randint(2, 120))
        routed_at = verified_at + datetime.timedelta(hours=1) if routed else None
        answered = status in (Status.ANSWERED, Status.CLOSED)
        batch.append(
            Report(
                tracking_code=f"{PREFIX}{n:08d}",
                secret_hash="0" * 64,
                category=rng.choice(["pengaduan", "saran", "apresiasi", "informasi"]),
                privacy=rng.choice(["publik", "rahasia", "anonim"]),
                agency=rng.choice(pool),
                region=rng.choice(regions),
                title=f"Laporan bench nomor {n}",
                description="Uraian laporan untuk pengukuran kinerja daftar petugas.",
                consented_at=created,
                fingerprint=f"{n:064d}",
                status=status,
                routed_agency=rng.choice(pool) if routed else None,
                created_at=created,
                verified_at=verified_at if status != Status.RECEIVED else None,
                routed_at=routed_at,
                answered_at=routed_at + datetime.timedelta(hours=rng.randint(5, 300))
                if answered
                else None,
                verify_due=(created + datetime.timedelta(days=5)).date(),
                answer_due=(routed_at + datetime.timedelta(days=7)).date() if routed else None,
            )
        )
        if len(batch) == 5000:
            Report.objects.bulk_create(batch)
            batch = []
    Report.objects.bulk_create(batch)
    return total


def people():
    User = get_user_model()
    moderator, _ = User.objects.get_or_create(username="bench-moderator")
    moderator.groups.add(Group.objects.get(name="Moderator"))
    liaison, _ = User.objects.get_or_create(username="bench-liaison")
    liaison.groups.add(Group.objects.get(name="Petugas Inovasi"))
    busiest = (
        Report.objects.exclude(routed_agency=None)
        .values_list("routed_agency", flat=True)
        .order_by("routed_agency")
        .first()
    )
    AgencyMembership.objects.get_or_create(user=liaison, agency_id=busiest, role="officer")
    return moderator, liaison, busiest


def sample(client, url, count):
    client.get(url)
    times = []
    for _ in range(count):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    times.sort()
    return {
        "median": statistics.median(times),
        "p95": times[int(len(times) * 0.95) - 1],
        "queries": len(queries),
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--label", default=connection.vendor)
    args = parser.parse_args(argv)
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    total = generate(args.reports, random.Random(13))
    generated = time.perf_counter() - started
    moderator, liaison, agency_id = people()
    client = Client(HTTP_HOST="127.0.0.1")
    rows = []
    bare = sample(client, "/bench/bare/", args.requests * 3)
    client.force_login(moderator)
    urls = {
        "moderator, all": "/admin/pengaduan/",
        "moderator, page 500": "/admin/pengaduan/?p=500",
        "moderator, overdue": "/admin/pengaduan/?terlambat=on",
        "moderator, status": "/admin/pengaduan/?status=diteruskan",
        "moderator, agency": f"/admin/pengaduan/?instansi={agency_id}",
        "moderator, code": f"/admin/pengaduan/?kode={PREFIX}00000042",
    }
    for name, url in urls.items():
        rows.append((name, url, sample(client, url, args.requests)))
    client.force_login(liaison)
    rows.append(
        (
            "liaison, own agency",
            "/admin/pengaduan/",
            sample(client, "/admin/pengaduan/", args.requests),
        )
    )
    bare_after = sample(client, "/bench/bare/", args.requests * 3)
    base = (bare["median"] + bare_after["median"]) / 2
    lines = [
        f"#### {args.label}: {total} reports, {args.requests} requests per URL, in-process "
        f"(generated in {generated:.0f} s)",
        "",
        "| measurement | URL | median ms | p95 ms | median × bare | queries |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
        f"| bare | `/bench/bare/` | {base:.1f} | {bare['p95']:.1f} | 1.0 | {bare['queries']} |",
    ]
    for name, url, result in rows:
        lines.append(
            f"| {name} | `{url}` | {result['median']:.1f} | {result['p95']:.1f} | "
            f"{result['median'] / base:.0f} | {result['queries']} |"
        )
    text = "\n".join(lines) + "\n"
    sys.stdout.write(text)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"participation-{args.label}.md").write_text(text)


if __name__ == "__main__":
    main()
