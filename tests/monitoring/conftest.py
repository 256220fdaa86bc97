import datetime

import pytest

from tests.innovations.factories import (
    AgencyFactory,
    InnovationIndexPageFactory,
    InnovationPageFactory,
    region,
)

from .factories import IndicatorFactory, ReportFactory, ReviewFactory


@pytest.fixture
def catalogue(home_page):
    return InnovationIndexPageFactory(parent=home_page)


@pytest.fixture
def scored(catalogue):
    """Two agencies in Makassar and one in Parepare, with reports and reviews for 2024-2025.

    Makassar A: "Layanan Prima" (digital, verified 2024 and 2025, two reviews in 2025) and
    "Layanan Lambat" (never reported). Parepare C: "Layanan Pesisir" (verified 2025 only).
    """
    makassar, parepare = region("73.71"), region("73.72")
    agency_a = AgencyFactory(name="Dinas A", region=makassar)
    agency_b = AgencyFactory(name="Dinas B", region=makassar)
    agency_c = AgencyFactory(name="Dinas C", region=parepare)
    prime = InnovationPageFactory(
        parent=catalogue, title="Layanan Prima", agency=agency_a, is_digital=True
    )
    slow = InnovationPageFactory(parent=catalogue, title="Layanan Lambat", agency=agency_a)
    coastal = InnovationPageFactory(parent=catalogue, title="Layanan Pesisir", agency=agency_c)
    for year in (2024, 2025):
        report = ReportFactory(innovation=prime, year=year, beneficiaries=9999)
        IndicatorFactory(report=report, value=80, target=100)
    ReportFactory(
        innovation=coastal,
        year=2025,
        beneficiaries=0,
        is_running=False,
        stop_reason="Anggaran dialihkan.",
    )
    reviewer_agency = AgencyFactory(name="Dinas Peninjau", region=parepare)
    ReviewFactory(innovation=prime, year=2025, reviewer_agency=reviewer_agency)
    ReviewFactory(innovation=prime, year=2025, reviewer_agency=reviewer_agency, novelty=2)
    return {
        "prime": prime,
        "slow": slow,
        "coastal": coastal,
        "agencies": (agency_a, agency_b, agency_c),
        "makassar": makassar,
        "parepare": parepare,
        "today": datetime.date(2026, 3, 1),
    }
