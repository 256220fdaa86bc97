"""E-mail reminders to an agency's officers: before a report falls due and, every
MONITORING_REMIND_EVERY_DAYS_AFTER days, after it is overdue. Sent reminders are logged,
so running the command twice on a day sends nothing twice."""

import datetime
from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.utils.translation import gettext as _

from agencies.models import AgencyMembership

from . import periods
from .admin_views import missing_reports
from .models import ReminderLog


def days_before():
    return getattr(settings, "MONITORING_REMIND_DAYS_BEFORE", 14)


def days_between_after():
    return getattr(settings, "MONITORING_REMIND_EVERY_DAYS_AFTER", 7)


def reminder_kind(period, day):
    """BEFORE within the reminder window before the due date, AFTER once it has passed."""
    if periods.is_overdue(period, day=day):
        return ReminderLog.Kind.AFTER
    if period.due_on - datetime.timedelta(days=days_before()) <= day:
        return ReminderLog.Kind.BEFORE
    return None


def already_reminded(period, kind, day):
    logs = ReminderLog.objects.filter(period_start=period.start, kind=kind)
    if kind == ReminderLog.Kind.AFTER:
        logs = logs.filter(sent_on__gt=day - datetime.timedelta(days=days_between_after()))
    return set(logs.values_list("innovation_id", flat=True))


def officers_by_agency(agency_ids):
    emails = defaultdict(set)
    for agency_id, email in AgencyMembership.objects.filter(
        agency_id__in=agency_ids, role=AgencyMembership.Role.OFFICER, user__is_active=True
    ).values_list("agency_id", "user__email"):
        if email:
            emails[agency_id].add(email)
    return emails


def send_reminders(day=None):
    """Send what is due on `day` (today in WITA by default); returns the e-mails sent."""
    day = day or periods.today()
    period = periods.last_completed_period(day)
    kind = reminder_kind(period, day)
    if kind is None:
        return 0
    skip = already_reminded(period, kind, day)
    pending = defaultdict(list)
    for page in missing_reports(period).exclude(pk__in=skip).select_related("agency"):
        pending[page.agency].append(page)
    recipients = officers_by_agency([agency.pk for agency in pending])
    sent = 0
    for agency, pages in pending.items():
        if not recipients.get(agency.pk):
            continue
        send_mail(
            subject(kind, period),
            body(kind, period, agency, pages),
            settings.DEFAULT_FROM_EMAIL,
            sorted(recipients[agency.pk]),
        )
        sent += 1
        ReminderLog.objects.bulk_create(
            ReminderLog(innovation=page, period_start=period.start, kind=kind, sent_on=day)
            for page in pages
        )
    return sent


def subject(kind, period):
    if kind == ReminderLog.Kind.AFTER:
        return _("Laporan pemantauan periode %(period)s sudah terlambat") % {"period": period}
    return _("Pengingat: laporan pemantauan periode %(period)s") % {"period": period}


def body(kind, period, agency, pages):
    names = "\n".join(f"- {page.title}" for page in pages)
    values = {
        "agency": agency.name,
        "period": period,
        "due": period.due_on.strftime("%d-%m-%Y"),
        "names": names,
        "url": f"{settings.WAGTAILADMIN_BASE_URL}/admin/snippets/monitoring/monitoringreport/",
    }
    if kind == ReminderLog.Kind.AFTER:
        text = _(
            "Yth. petugas inovasi %(agency)s,\n\nLaporan pemantauan periode %(period)s untuk "
            "inovasi berikut sudah melewati batas waktu %(due)s:\n%(names)s\n\nMohon segera "
            "mengisi dan mengajukan laporan di %(url)s\n\nJIPP Sulsel"
        )
    else:
        text = _(
            "Yth. petugas inovasi %(agency)s,\n\nLaporan pemantauan periode %(period)s untuk "
            "inovasi berikut jatuh tempo pada %(due)s:\n%(names)s\n\nLaporan dapat diisi di "
            "%(url)s\n\nJIPP Sulsel"
        )
    return text % values
