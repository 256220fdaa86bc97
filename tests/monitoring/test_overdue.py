"""Periods, due dates and overdue reports in Asia/Makassar, and the reminder e-mails."""

import datetime
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command

from monitoring import periods
from monitoring.admin_views import overdue_summary
from monitoring.reminders import send_reminders
from tests.agencies.factories import OfficerFactory
from tests.innovations.factories import InnovationPageFactory

from .factories import ReportFactory

D = datetime.date


def test_yearly_periods_and_due_date():
    period = periods.last_completed_period(D(2026, 1, 15))
    assert (period.start, period.end) == (D(2025, 1, 1), D(2025, 12, 31))
    assert period.due_on == D(2026, 1, 30)
    assert not periods.is_overdue(period, day=D(2026, 1, 30))
    assert periods.is_overdue(period, day=D(2026, 1, 31))
    assert not periods.is_overdue(period, submitted_on=D(2026, 1, 29), day=D(2026, 2, 5))


def test_half_year_periods(settings):
    settings.MONITORING_PERIOD_MONTHS = 6
    period = periods.last_completed_period(D(2026, 8, 1))
    assert (period.start, period.end) == (D(2026, 1, 1), D(2026, 6, 30))


@pytest.mark.parametrize(
    ("utc_moment", "overdue"),
    [
        # 30 January 15:59 UTC is 23:59 WITA: still the due date.
        ("2026-01-30T15:59:00+00:00", False),
        # 30 January 16:00 UTC is already 31 January in Makassar: overdue, though a
        # server on UTC would still call it the due date.
        ("2026-01-30T16:00:00+00:00", True),
    ],
)
def test_overdue_follows_the_makassar_calendar(utc_moment, overdue):
    moment = datetime.datetime.fromisoformat(utc_moment)
    with mock.patch("django.utils.timezone.now", return_value=moment):
        period = periods.last_completed_period()
        assert periods.is_overdue(period) is overdue


@pytest.mark.django_db
def test_overdue_report_counts_per_agency_and_region(catalogue):
    late = InnovationPageFactory(parent=catalogue, title="Belum Lapor")
    done = InnovationPageFactory(parent=catalogue, title="Sudah Lapor", agency=late.agency)
    ReportFactory(innovation=done, year=2025, status="diajukan")
    summary = overdue_summary(D(2026, 2, 10))
    assert summary["overdue"] is True
    assert summary["total"] == 1
    assert summary["by_agency"][0]["agency__name"] == late.agency.name
    assert summary["by_agency"][0]["n"] == 1
    assert [page.title for page in summary["innovations"]] == ["Belum Lapor"]


@pytest.mark.django_db
def test_reminders_before_and_after_the_due_date_once_each(catalogue):
    page = InnovationPageFactory(parent=catalogue)
    officer = OfficerFactory(agency=page.agency)
    assert send_reminders(D(2026, 1, 10)) == 0  # more than 14 days before 30 January
    assert send_reminders(D(2026, 1, 20)) == 1
    assert send_reminders(D(2026, 1, 21)) == 0  # already reminded
    assert mail.outbox[0].to == [officer.email]
    assert "jatuh tempo" in mail.outbox[0].body
    assert page.title in mail.outbox[0].body
    assert send_reminders(D(2026, 2, 2)) == 1
    assert "terlambat" in mail.outbox[1].subject
    assert send_reminders(D(2026, 2, 5)) == 0  # a week between overdue reminders
    assert send_reminders(D(2026, 2, 9)) == 1
    ReportFactory(innovation=page, year=2025, status="diajukan")
    assert send_reminders(D(2026, 2, 20)) == 0


@pytest.mark.django_db
def test_reminder_command(catalogue):
    page = InnovationPageFactory(parent=catalogue)
    OfficerFactory(agency=page.agency)
    call_command("send_monitoring_reminders", "--tanggal", "2026-02-02")
    assert len(mail.outbox) == 1
