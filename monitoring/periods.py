"""Monitoring periods, due dates and the overdue rule, all in Asia/Makassar (WITA).

Periods follow the calendar: with MONITORING_PERIOD_MONTHS = 12 (the default) a period is a
calendar year, with 6 a half-year, and so on. A report is due MONITORING_DUE_DAYS after its
period ends; it is overdue from the day after that until it is submitted.
"""

import calendar
import datetime
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone


def period_months():
    months = getattr(settings, "MONITORING_PERIOD_MONTHS", 12)
    if months not in (1, 2, 3, 4, 6, 12):
        raise ValueError("MONITORING_PERIOD_MONTHS must divide 12")
    return months


def due_days():
    return getattr(settings, "MONITORING_DUE_DAYS", 30)


def today():
    """Today's date in Asia/Makassar, whatever the server's clock zone."""
    return timezone.localdate()


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date

    @property
    def due_on(self):
        return self.end + datetime.timedelta(days=due_days())

    @property
    def year(self):
        return self.end.year

    def __str__(self):
        if self.start.month == 1 and self.end.month == 12:
            return str(self.start.year)
        return f"{self.start:%m/%Y}–{self.end:%m/%Y}"


def period_containing(day):
    months = period_months()
    first_month = (day.month - 1) // months * months + 1
    last_month = first_month + months - 1
    end_day = calendar.monthrange(day.year, last_month)[1]
    return Period(
        datetime.date(day.year, first_month, 1), datetime.date(day.year, last_month, end_day)
    )


def last_completed_period(day=None):
    """The most recent period that has ended before `day` (today in WITA by default)."""
    day = day or today()
    current = period_containing(day)
    return period_containing(current.start - datetime.timedelta(days=1))


def is_overdue(period, submitted_on=None, day=None):
    """True when `day` is past the due date and nothing was submitted by then."""
    day = day or today()
    if submitted_on is not None and submitted_on <= day:
        return False
    return day > period.due_on
