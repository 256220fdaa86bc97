"""Who may enter: named rules, each returning a reason (Indonesian) or None.

The monitoring rule applies only when the monitoring app is installed: competitions do
not depend on it, they ask for it by name.
"""

import datetime

from django.apps import apps
from django.utils.translation import gettext as _

from .models import StageKind


def _months_before(day, months):
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    # The last valid day of the month (31 March minus one month is 28/29 February).
    for candidate in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, candidate)
        except ValueError:
            continue
    raise ValueError(day)


def reference_day(competition):
    """Eligibility is judged on the day registration opens (WITA), or today without one."""
    from django.utils import timezone

    stage = competition.stage_of_kind(StageKind.REGISTRATION)
    moment = stage.starts_at if stage else timezone.now()
    return timezone.localtime(moment).date()


def implemented_long_enough(competition, innovation):
    months = competition.min_implemented_months
    if not months:
        return None
    started = innovation.implemented_on or innovation.launched_on
    if started is None or started > _months_before(reference_day(competition), months):
        return _("Inovasi belum diterapkan selama %(months)s bulan.") % {"months": months}
    return None


def has_verified_report(competition, innovation):
    if not competition.require_verified_report or not apps.is_installed("monitoring"):
        return None
    report = apps.get_model("monitoring", "MonitoringReport")
    verified = report.objects.filter(innovation=innovation, status="diverifikasi").exists()
    if not verified:
        return _("Inovasi belum memiliki laporan pemantauan yang diverifikasi.")
    return None


def is_live(competition, innovation):
    if not innovation.live:
        return _("Inovasi belum terbit di katalog.")
    return None


RULES = (is_live, implemented_long_enough, has_verified_report)


def problems(competition, innovation):
    """Every reason why `innovation` may not enter `competition` (empty: eligible)."""
    return [reason for rule in RULES if (reason := rule(competition, innovation))]
