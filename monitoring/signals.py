"""Keep what depends on monitoring up to date: the innovation's verification date, the
catalogue cache and the stored index (recomputed by a task, never on page view)."""

import threading

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone
from wagtail.signals import page_published, page_unpublished

from core.cache import invalidate_tags
from innovations.models import InnovationPage

from .models import MonitoringReport, ReviewAssignment, YearlyReport

_pending = threading.local()


def schedule_recompute(years):
    """Recompute `years` once the transaction commits. Many changes in one transaction
    (a bulk import, load_demo publishing 70 pages) give one recompute, not one each: the
    first callback to run takes every pending year, the others find nothing left."""
    pending = getattr(_pending, "years", None)
    if pending is None:
        pending = _pending.years = set()
    pending.update(int(year) for year in years)
    transaction.on_commit(flush_recompute)


def flush_recompute():
    from .tasks import recompute_in_background, recompute_index

    years = sorted(getattr(_pending, "years", ()))
    if years:
        _pending.years = set()
        if getattr(settings, "MONITORING_RECOMPUTE_IN_BACKGROUND", False):
            # Without a task worker the immediate backend would run it in this request
            # (30-50 s at 10,000 innovations): a thread after the response does it instead.
            recompute_in_background(years)
        else:
            recompute_index.enqueue(years=years)


def refresh_last_verified(innovation_id):
    latest = MonitoringReport.objects.filter(
        innovation_id=innovation_id, status=MonitoringReport.Status.VERIFIED
    ).aggregate(latest=Max("verified_at"))["latest"]
    verified_on = timezone.localdate(latest) if latest else None
    changed = (
        InnovationPage.objects.filter(pk=innovation_id)
        .exclude(last_verified_on=verified_on)
        .update(last_verified_on=verified_on)
    )
    if changed:
        # The date shows on the innovation's page, its card (catalogue) and in the API.
        invalidate_tags(f"innovation:{innovation_id}", "catalogue", "api:innovations")
        InnovationPage.reindex([innovation_id])


@receiver(post_save, sender=MonitoringReport)
@receiver(post_delete, sender=MonitoringReport)
def report_changed(sender, instance, **kwargs):
    refresh_last_verified(instance.innovation_id)
    schedule_recompute([instance.period_end.year])


@receiver(post_save, sender=ReviewAssignment)
@receiver(post_delete, sender=ReviewAssignment)
def review_changed(sender, instance, **kwargs):
    schedule_recompute([instance.year])


@receiver(page_published, sender=InnovationPage)
@receiver(page_unpublished, sender=InnovationPage)
def innovation_changed(sender, instance, **kwargs):
    from .periods import last_completed_period, today

    schedule_recompute({last_completed_period().year, today().year})


@receiver(post_save, sender=YearlyReport)
def archive_published_report(sender, instance, **kwargs):
    # Each save of a published report renews its archived PDF (a task: WeasyPrint takes
    # a second or two).
    if instance.is_published:
        from .tasks import archive_yearly_report

        report_id = instance.pk
        transaction.on_commit(lambda: archive_yearly_report.enqueue(report_id=report_id))
