"""Counts of replication requests, visits and verified replications per innovation.

They are kept on InnovationPage (request_count, visit_count, verified_replication_count) so
the catalogue can sort and facet on them without a join, and recounted from the requests after
every step. `counts_for` is the read side for other apps (the monitoring index).
"""

from dataclasses import dataclass

from django.db.models import Count, Q

from core.cache import invalidate
from innovations.models import InnovationPage

from .models import ReplicationRequest


@dataclass(frozen=True)
class Counts:
    requests: int = 0  # every request and visit asked for, whatever became of it
    visits: int = 0  # study visits that took place
    verified_replications: int = 0  # implemented copies a moderator verified


def _count(innovation_ids):
    rows = (
        ReplicationRequest.objects.filter(innovation_id__in=innovation_ids)
        .values("innovation_id")
        .annotate(
            requests=Count("pk"),
            visits=Count("pk", filter=Q(visited_on__isnull=False)),
            verified=Count("pk", filter=Q(verified_at__isnull=False)),
        )
    )
    return {
        row["innovation_id"]: Counts(row["requests"], row["visits"], row["verified"])
        for row in rows
    }


def counts_for(innovation_ids):
    """{innovation id: Counts} for every id given (zeros where nothing was asked), in one
    query."""
    ids = list(innovation_ids)
    found = _count(ids)
    return {pk: found.get(pk, Counts()) for pk in ids}


def refresh(innovation_ids):
    """Write the current counts onto the innovations' live rows and start a new catalogue
    cache generation, so facets, sorts, the API and cached case studies show them."""
    changed = []
    for pk, counts in counts_for(innovation_ids).items():
        values = {
            "request_count": counts.requests,
            "visit_count": counts.visits,
            "verified_replication_count": counts.verified_replications,
        }
        if InnovationPage.objects.filter(pk=pk).exclude(**values).update(**values):
            changed.append(pk)
    InnovationPage.reindex(changed)
    invalidate()
