"""Background work of the monitoring app (django-tasks; immediate without a worker)."""

from django_tasks import task


@task()
def recompute_index(years=None):
    from .index import recompute

    return recompute(years)


@task()
def archive_yearly_report(report_id):
    from .models import YearlyReport
    from .yearly import archive

    report = YearlyReport.objects.filter(pk=report_id, is_published=True).first()
    if report is not None:
        archive(report)
