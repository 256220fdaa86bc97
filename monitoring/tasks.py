"""Background work of the monitoring app (django-tasks; immediate without a worker)."""

from django_tasks import task


@task()
def recompute_index(years=None):
    from .index import recompute

    return recompute(years)
