"""Monitoring reports and peer-review assignments.

report = ReportFactory(innovation=page, year=2025, status="diverifikasi")
review = ReviewFactory(innovation=page, reviewer_agency=other_agency)  # reviewer serves it
"""

import datetime

import factory

from monitoring.models import MonitoringReport, ReportIndicator, ReviewAssignment
from tests.agencies.factories import OfficerFactory
from tests.innovations.factories import AgencyFactory, InnovationPageFactory, region


class ReportFactory(factory.django.DjangoModelFactory):
    innovation = factory.SubFactory(InnovationPageFactory)
    year = 2025
    period_start = factory.LazyAttribute(lambda o: datetime.date(o.year, 1, 1))
    period_end = factory.LazyAttribute(lambda o: datetime.date(o.year, 12, 31))
    stage = "penerapan"
    beneficiaries = 999
    budget_spent = 50_000_000
    status = MonitoringReport.Status.VERIFIED

    class Meta:
        model = MonitoringReport
        exclude = ("year",)


class IndicatorFactory(factory.django.DjangoModelFactory):
    report = factory.SubFactory(ReportFactory)
    label = "Waktu layanan"
    value = 80
    target = 100
    unit = "%"
    source = "Aplikasi layanan"

    class Meta:
        model = ReportIndicator


class ReviewFactory(factory.django.DjangoModelFactory):
    """A submitted review by an officer of an agency in another region (Kota Parepare)."""

    innovation = factory.SubFactory(InnovationPageFactory)
    year = 2025
    reviewer_agency = factory.LazyFunction(lambda: AgencyFactory(region=region("73.72")))
    reviewer = factory.LazyAttribute(lambda o: OfficerFactory(agency=o.reviewer_agency))
    status = ReviewAssignment.Status.SUBMITTED
    novelty = 4
    effectiveness = 4
    sustainability = 4
    replicability = 4
    citizen_benefit = 4
    comments = "Bukti capaian lengkap; perlu rencana pendanaan setelah hibah."
    public_summary = "Layanan berjalan dan terukur."

    class Meta:
        model = ReviewAssignment
