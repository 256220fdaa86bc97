"""An officer's admin at scale: explorer listing, explorer menu and dashboard (agencies/).

    DATABASE_URL=... python -m bench.agencies --label sqlite [--requests 30]

Needs a database prepared like bench/run.sh does (demo plus generate_bench_data, 10,000
innovations). Adds, once, 3 officers to each of 300 agencies (users "bench-petugas-*"), then
for the officer of the agency with the most innovations measures in-process (Django test
client, logged in; server time without the network) the median and 95th percentile of each
view, its query count, and a bare Django view in the same run for a ratio.

Results: stdout and bench/results/agencies-<label>.md.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.bench")
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402

from agencies import roles  # noqa: E402
from agencies.models import AgencyMembership  # noqa: E402
from innovations.models import Agency, InnovationIndexPage  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "results"
AGENCIES, OFFICERS_EACH = 300, 3


def ensure_officers(stdout):
    agencies = list(Agency.objects.annotate(n=Count("innovations")).order_by("-n", "pk")[:AGENCIES])
    users = get_user_model().objects
    created = 0
    for agency in agencies:
        for i in range(OFFICERS_EACH):
            user, made = users.get_or_create(
                username=f"bench-petugas-{agency.pk}-{i}",
                defaults={"email": f"bench-petugas-{agency.pk}-{i}@contoh.go.id"},
            )
            if made:
                roles.assign(user, agency, AgencyMembership.Role.OFFICER)
                created += 1
    stdout.write(f"{created} bench officers created ({len(agencies)} agencies)\n")
    return agencies[0]


def sample(client, url, requests, warmup):
    for _ in range(warmup):
        client.get(url, HTTP_HOST="localhost")
    executed = []

    def count(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        response = client.get(url, HTTP_HOST="localhost")
    assert response.status_code == 200, (url, response.status_code)
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        client.get(url, HTTP_HOST="localhost")
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
    return statistics.median(times), p95, len(executed)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--label", default="run")
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    args = parser.parse_args(argv)

    busiest = ensure_officers(sys.stdout)
    officer = get_user_model().objects.get(username=f"bench-petugas-{busiest.pk}-0")
    catalogue = InnovationIndexPage.objects.first()
    client = Client()
    client.force_login(officer)
    urls = {
        "bare Django view": "/bench/bare/",
        "explorer listing (catalogue)": f"/admin/pages/{catalogue.pk}/",
        "explorer menu API": f"/admin/api/main/pages/?child_of={catalogue.pk}&for_explorer=1",
        "dashboard": "/admin/",
    }
    rows = []
    for name, url in urls.items():
        median, p95, queries = sample(client, url, args.requests, args.warmup)
        rows.append((name, median, p95, queries))
    bare = rows[0][1]
    own = busiest.innovations.count()
    lines = [
        f"# Officer's admin at scale ({args.label})",
        "",
        f"{Agency.objects.count()} agencies, {catalogue.get_children().count()} innovations, "
        f"{AgencyMembership.objects.count()} memberships; the officer's agency has {own} "
        f"innovations. {args.requests} requests each, in-process, logged in.",
        "",
        "| view | median ms | p95 ms | x bare | queries |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for name, median, p95, queries in rows:
        lines.append(f"| {name} | {median:.1f} | {p95:.1f} | {median / bare:.0f} | {queries} |")
    text = "\n".join(lines) + "\n"
    sys.stdout.write(text)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"agencies-{args.label}.md").write_text(text)


if __name__ == "__main__":
    main()
