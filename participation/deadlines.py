"""Working days in Asia/Makassar: Indonesia's public holidays (PyPI ``holidays``) plus the
collective-leave days (cuti bersama) that staff keep in the admin."""

import datetime
from functools import lru_cache

import holidays
from django.utils import timezone

VERIFY_WORKING_DAYS = 3
ANSWER_WORKING_DAYS = 5


@lru_cache(maxsize=32)
def _public_holidays(year):
    return frozenset(holidays.Indonesia(years=year).keys())


def collective_leave_days(start, end):
    from .models import CollectiveLeave

    return frozenset(
        CollectiveLeave.objects.filter(date__range=(start, end)).values_list("date", flat=True)
    )


def is_working_day(day, leave=frozenset()):
    return day.weekday() < 5 and day not in _public_holidays(day.year) and day not in leave


def add_working_days(start, days):
    """The date of the ``days``-th working day after ``start`` (a date): the day a deadline ends.

    Filing on a Friday with three days to go gives Wednesday; holidays and leave days are
    skipped like weekends."""
    # Three weeks more than asked always covers the longest run of Indonesian holidays.
    leave = collective_leave_days(start, start + datetime.timedelta(days=days * 2 + 21))
    day, counted = start, 0
    while counted < days:
        day += datetime.timedelta(days=1)
        if is_working_day(day, leave):
            counted += 1
    return day


def local_date(moment=None):
    return timezone.localdate(moment or timezone.now())


def due_after(moment, days):
    return add_working_days(local_date(moment), days)
