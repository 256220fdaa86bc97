"""Public accountability figures: counts, and how fast each agency verifies and answers.

Nothing here reads a title, a description or a contact: only categories, statuses, agencies,
regions and timestamps, so the same dictionary can go to the page, the API and the CSV.
Computed at most once per STATS_SECONDS in the shared cache.
"""

import statistics
from collections import defaultdict

from django.core.cache import cache
from django.db.models import Count
from django.db.models.functions import TruncMonth

from innovations.models import Agency, Region

from .models import Category, Report, Status

STATS_SECONDS = 600
CACHE_KEY = "participation:stats:v1"


def percentile(values, fraction):
    """Nearest-rank percentile of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * fraction // 1))
    return ordered[int(rank) - 1]


def _days(delta):
    return delta.total_seconds() / 86400


def _summary(values):
    if not values:
        return {"n": 0, "median_days": None, "p90_days": None}
    return {
        "n": len(values),
        "median_days": round(statistics.median(values), 1),
        "p90_days": round(percentile(values, 0.9), 1),
    }


def _counts(field, labels):
    rows = Report.objects.values(field).annotate(n=Count("pk")).order_by(field)
    return [
        {"key": row[field], "label": str(labels.get(row[field], "-")), "count": row["n"]}
        for row in rows
    ]


def compute():
    agencies = dict(Agency.objects.values_list("pk", "name"))
    by_month = (
        Report.objects.annotate(month=TruncMonth("created_at"))
        .values("month")
        .annotate(n=Count("pk"))
        .order_by("month")
    )
    verify, answer = defaultdict(list), defaultdict(list)
    answered, on_time = defaultdict(int), defaultdict(int)
    rows = Report.objects.exclude(verified_at__isnull=True).values_list(
        "routed_agency_id",
        "created_at",
        "verified_at",
        "routed_at",
        "answered_at",
        "answered_on_time",
    )
    for row in rows.iterator(chunk_size=5000):
        agency_id, created, verified, routed, answered_at, in_time = row
        verify[agency_id].append(_days(verified - created))
        if routed and answered_at:
            answer[agency_id].append(_days(answered_at - routed))
            answered[agency_id] += 1
            on_time[agency_id] += bool(in_time)
    per_agency = [
        {
            "agency_id": agency_id,
            "agency": agencies.get(agency_id, "-"),
            "verify": _summary(verify[agency_id]),
            "answer": _summary(answer[agency_id]),
            "answered": answered[agency_id],
            "on_time_share": (
                round(on_time[agency_id] / answered[agency_id], 3) if answered[agency_id] else None
            ),
        }
        for agency_id in verify
        if agency_id is not None
    ]
    per_agency.sort(key=lambda row: row["agency"])
    total_answered = sum(answered.values())
    return {
        "total": Report.objects.count(),
        "by_category": _counts("category", dict(Category.choices)),
        "by_status": _counts("status", dict(Status.choices)),
        "by_agency": _counts("routed_agency", agencies),
        "by_region": _counts("region", {r.pk: str(r) for r in Region.objects.all()}),
        "by_month": [
            {"month": row["month"].strftime("%Y-%m") if row["month"] else None, "count": row["n"]}
            for row in by_month
        ],
        "per_agency": per_agency,
        "on_time_share": (
            round(sum(on_time.values()) / total_answered, 3) if total_answered else None
        ),
    }


def get():
    data = cache.get(CACHE_KEY)
    if data is None:
        data = compute()
        cache.set(CACHE_KEY, data, STATS_SECONDS)
    return data
