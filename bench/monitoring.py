"""The full recompute of the innovation index at scale (monitoring/index.py).

    DATABASE_URL=... python -m bench.monitoring --label sqlite [--years 5]

Needs a database prepared like bench/run.sh does (demo plus generate_bench_data). Adds, once,
`--years` yearly monitoring reports for every live innovation (bulk inserts, marked by the
source "bench"), with indicators and, for a fifth of the innovations, two peer reviews a
year; then times:

- the full recompute of every year, twice (the second run shows it is idempotent: same rows);
- the recompute of one year (what a verified report or a submitted review triggers);
- the queries each issues.

Results: stdout and bench/results/monitoring-<label>.md. Timings are wall-clock on a shared
machine: the row and query counts are the stable part.
"""

import argparse
import datetime
import os
import random
import sys
import time
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.bench")
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection, reset_queries, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from agencies.models import AgencyMembership  # noqa: E402
from innovations.models import Agency, InnovationPage  # noqa: E402
from monitoring import periods  # noqa: E402
from monitoring.index import recompute  # noqa: E402
from monitoring.models import (  # noqa: E402
    IndexScore,
    MonitoringReport,
    ReportIndicator,
    ReviewAssignment,
)

SOURCE = "bench"
RESULTS = Path(__file__).resolve().parent / "results"


def years_to_measure(count):
    last = periods.last_completed_period().year
    return list(range(last - count + 1, last + 1))


def reviewers(count, rng):
    """Bench reviewer accounts, each serving one agency."""
    User = get_user_model()
    agencies = list(Agency.objects.order_by("pk")[:count])
    people = []
    for agency in agencies:
        user, _ = User.objects.get_or_create(
            username=f"bench-peninjau-{agency.pk}",
            defaults={"email": f"bench-peninjau-{agency.pk}@contoh.go.id"},
        )
        AgencyMembership.objects.get_or_create(user=user, agency=agency, role="officer")
        people.append((user, agency))
    return people


def generate(years, rng, stdout):
    if ReportIndicator.objects.filter(source=SOURCE).exists():
        stdout.write("bench monitoring data present; not generated again\n")
        return
    started = time.perf_counter()
    pages = list(InnovationPage.objects.live().values_list("pk", "agency_id", "launched_on"))
    people = reviewers(40, rng)
    now = timezone.now()
    reports, reviews = [], []
    for pk, agency_id, launched_on in pages:
        for year in years:
            period = periods.period_containing(datetime.date(year, 12, 31))
            if launched_on > period.end or rng.random() < 0.15:
                continue
            verified = rng.random() < 0.8
            reports.append(
                MonitoringReport(
                    innovation_id=pk,
                    period_start=period.start,
                    period_end=period.end,
                    is_running=rng.random() > 0.05,
                    stop_reason="",
                    stage=rng.choice(["inisiatif", "uji_coba", "penerapan"]),
                    beneficiaries=rng.randint(0, 20000),
                    budget_spent=rng.randint(0, 500) * 1_000_000,
                    problem_kind=rng.choice([c for c, _ in MonitoringReport.Problem.choices]),
                    problems="Kendala uji beban.",
                    status="diverifikasi" if verified else "diajukan",
                    submitted_at=now,
                )
            )
            if rng.random() < 0.2:
                for user, agency in rng.sample(people, 2):
                    if agency.pk == agency_id:
                        continue
                    reviews.append(
                        ReviewAssignment(
                            innovation_id=pk,
                            year=year,
                            reviewer=user,
                            reviewer_agency=agency,
                            status="dikirim",
                            novelty=rng.randint(1, 5),
                            effectiveness=rng.randint(1, 5),
                            sustainability=rng.randint(1, 5),
                            replicability=rng.randint(1, 5),
                            citizen_benefit=rng.randint(1, 5),
                            comments="Komentar uji beban.",
                        )
                    )
    with transaction.atomic():
        MonitoringReport.objects.bulk_create(reports, batch_size=2000, ignore_conflicts=True)
        ids = MonitoringReport.objects.values_list("pk", flat=True)
        indicators = [
            ReportIndicator(
                report_id=report_id,
                label=f"Indikator {n}",
                value=rng.randint(0, 120),
                target=100,
                unit="%",
                source=SOURCE,
                sort_order=n,
            )
            for report_id in ids.iterator(chunk_size=5000)
            for n in range(2)
        ]
        ReportIndicator.objects.bulk_create(indicators, batch_size=5000)
        ReviewAssignment.objects.bulk_create(reviews, batch_size=2000, ignore_conflicts=True)
    stdout.write(
        f"generated {len(reports)} reports, {len(indicators)} indicators, {len(reviews)} reviews "
        f"in {time.perf_counter() - started:.1f} s\n"
    )


def timed(years):
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        rows = recompute(years)
        seconds = time.perf_counter() - started
    return rows, seconds, len(queries.captured_queries)


def snapshot():
    return list(
        IndexScore.objects.order_by(
            "level", "year", "innovation_id", "agency_id", "region_id"
        ).values_list("level", "year", "innovation_id", "agency_id", "region_id", "score", "rank")
    )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--label", default=connection.vendor)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2023)
    args, _unknown = parser.parse_known_args(argv)
    rng = random.Random(args.seed)
    years = years_to_measure(args.years)
    generate(years, rng, sys.stdout)
    counts = {
        "innovations": InnovationPage.objects.live().count(),
        "agencies": Agency.objects.count(),
        "reports": MonitoringReport.objects.count(),
        "indicators": ReportIndicator.objects.count(),
        "reviews": ReviewAssignment.objects.count(),
    }
    first = timed(years)
    before = snapshot()
    second = timed(years)
    same = before == snapshot()
    one = timed(years[-1:])
    lines = [
        f"#### {args.label}: monitoring index recompute",
        "",
        ", ".join(f"{value} {name}" for name, value in counts.items()) + f"; years {years}",
        "",
        "| run | rows stored | seconds | queries |",
        "| --- | ---: | ---: | ---: |",
        f"| full recompute, {len(years)} years | {first[0]} | {first[1]:.2f} | {first[2]} |",
        f"| again (idempotent: {'same rows' if same else 'ROWS DIFFER'}) | {second[0]} "
        f"| {second[1]:.2f} | {second[2]} |",
        f"| one year ({years[-1]}) | {one[0]} | {one[1]:.2f} | {one[2]} |",
    ]
    text = "\n".join(lines)
    print(text)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"monitoring-{args.label}.md").write_text(text + "\n")


if __name__ == "__main__":
    main()
