"""Background work of the replication app (django-tasks; immediate without a worker)."""

import datetime

from django_tasks import task


@task()
def rank_similar(innovation_id, requested_at=None):
    """Rank and store one innovation's "Inovasi serupa" (replication/similar.py). Arguments are
    JSON for the database backend: `requested_at` is an ISO moment."""
    from .similar import rank_and_store

    since = datetime.datetime.fromisoformat(requested_at) if requested_at else None
    ranked, changed = rank_and_store([innovation_id], requested_at=since)
    return {"ranked": ranked, "changed": len(changed)}
