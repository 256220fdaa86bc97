"""The complaints demo: every state of the workflow, no real contact data, idempotent."""

import io

import pytest

from demo import datafiles
from demo.loaders import complaints
from participation.models import Report, ReportContact, Status
from tests.innovations.factories import AgencyFactory

pytestmark = pytest.mark.django_db


def test_demo_fills_every_state_once():
    for acronym in {item["agency"] for item in datafiles.read("complaints")["reports"]} - {None}:
        AgencyFactory(acronym=acronym, name=f"Instansi {acronym}")
    complaints.load(io.StringIO())
    assert set(Report.objects.values_list("status", flat=True)) == set(Status)
    assert Report.objects.overdue().exists()
    assert Report.objects.publicly_listed().exists()
    assert all(
        email.endswith("@contoh.test")
        for email in ReportContact.objects.exclude(email="").values_list("email", flat=True)
    )
    assert not ReportContact.objects.filter(report__privacy="anonim").exclude(name="").exists()
    count = Report.objects.count()
    out = io.StringIO()
    complaints.load(out)
    assert Report.objects.count() == count
    assert "0 reports created" in out.getvalue()
