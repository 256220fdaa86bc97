"""The moderators' report of monitoring reports due or overdue, per agency and region."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef
from django.shortcuts import render

from agencies import access
from innovations.models import InnovationPage

from . import periods
from .index import SUBMITTED
from .models import MonitoringReport

LISTED = 200


def missing_reports(period):
    """Live, running innovations launched before the period ended with nothing submitted."""
    submitted = MonitoringReport.objects.filter(
        innovation=OuterRef("pk"), period_start=period.start, status__in=SUBMITTED
    )
    return (
        InnovationPage.objects.live()
        .exclude(status=InnovationPage.Status.DISCONTINUED)
        .filter(launched_on__lte=period.end)
        .exclude(Exists(submitted))
    )


def overdue_summary(day=None):
    day = day or periods.today()
    period = periods.last_completed_period(day)
    missing = missing_reports(period)
    return {
        "period": period,
        "day": day,
        "overdue": periods.is_overdue(period, day=day),
        "total": missing.count(),
        "by_agency": list(
            missing.values("agency__name", "agency__region__name")
            .annotate(n=Count("pk"))
            .order_by("-n", "agency__name")
        ),
        "by_region": list(
            missing.values("agency__region__name").annotate(n=Count("pk")).order_by("-n")
        ),
        "innovations": list(
            missing.select_related("agency").order_by("agency__name", "title")[:LISTED]
        ),
    }


def overdue_report(request):
    if not access.is_moderator(request.user):
        raise PermissionDenied
    return render(request, "monitoring/admin/overdue.html", overdue_summary())
