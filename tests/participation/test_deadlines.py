"""Deadlines count working days in WITA: weekends, Indonesian public holidays and the
collective-leave days staff enter are skipped."""

import datetime

import pytest

from participation import deadlines
from participation.models import CollectiveLeave

D = datetime.date
pytestmark = pytest.mark.django_db


def test_friday_plus_three_working_days_is_wednesday():
    assert deadlines.add_working_days(D(2026, 11, 27), 3) == D(2026, 12, 2)


def test_public_holidays_are_skipped():
    # 2026-08-17 (Monday) is Independence Day: Friday + 3 lands on Thursday.
    assert deadlines.add_working_days(D(2026, 8, 14), 3) == D(2026, 8, 20)


def test_eid_holidays_and_collective_leave_are_skipped():
    # Eid al-Fitr 2026 falls on Saturday 21 and Sunday 22 March; Nyepi on Thursday 19 March.
    # The government adds collective leave around Eid: staff enter it in the admin.
    CollectiveLeave.objects.create(date=D(2026, 3, 20), name="Cuti bersama Idulfitri")
    CollectiveLeave.objects.create(date=D(2026, 3, 23), name="Cuti bersama Idulfitri")
    CollectiveLeave.objects.create(date=D(2026, 3, 24), name="Cuti bersama Idulfitri")
    # Filed Wednesday 18 March: 19 (Nyepi), 20 (leave), 21-22 (weekend), 23-24 (leave) skipped.
    assert deadlines.add_working_days(D(2026, 3, 18), 3) == D(2026, 3, 27)
    # Without the leave days: 20, 23, 24.
    CollectiveLeave.objects.all().delete()
    assert deadlines.add_working_days(D(2026, 3, 18), 3) == D(2026, 3, 24)


def test_deadline_starts_from_the_date_in_makassar():
    # 23:30 WITA on Thursday: Thursday + 3 working days is Tuesday.
    thursday_late = datetime.datetime(2026, 11, 26, 15, 30, tzinfo=datetime.UTC)
    assert deadlines.due_after(thursday_late, 3) == D(2026, 12, 1)
    # 00:30 WITA on Friday is still Thursday in UTC, but the deadline counts from Friday.
    friday_early = datetime.datetime(2026, 11, 26, 16, 30, tzinfo=datetime.UTC)
    assert deadlines.due_after(friday_early, 3) == D(2026, 12, 2)
