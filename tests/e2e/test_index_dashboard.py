"""A visitor reads the index dashboard: ranking, charts with their tables, the year filter,
the CSV download and the evidence behind an innovation's score; axe finds nothing serious."""

import pytest
from playwright.sync_api import expect

from monitoring.index import recompute
from tests.innovations.factories import (
    AgencyFactory,
    InnovationIndexPageFactory,
    InnovationPageFactory,
    region,
)
from tests.monitoring.factories import IndicatorFactory, ReportFactory, ReviewFactory

pytestmark = pytest.mark.e2e


@pytest.fixture
def index_site(home_page):
    catalogue = InnovationIndexPageFactory(parent=home_page)
    makassar = AgencyFactory(name="Dinas Kesehatan Makassar", region=region("73.71"))
    bone = AgencyFactory(name="Dinas Dukcapil Bone", region=region("73.08"))
    prime = InnovationPageFactory(
        parent=catalogue, title="Puskesmas Tanpa Antre", agency=makassar, is_digital=True
    )
    village = InnovationPageFactory(parent=catalogue, title="Akta Sampai Desa", agency=bone)
    for year in (2024, 2025):
        IndicatorFactory(report=ReportFactory(innovation=prime, year=year, beneficiaries=12000))
        ReportFactory(innovation=village, year=year)
    ReviewFactory(innovation=prime, year=2025)
    ReviewFactory(innovation=prime, year=2025, novelty=3)
    recompute([2024, 2025])
    return prime


def test_dashboard_is_readable_and_accessible(page, index_site, axe_violations):
    # The year asked for: saving pages may also compute the current year in the background.
    page.goto("/indeks/?tahun=2025")
    expect(page.get_by_role("heading", level=1)).to_have_text("Indeks Inovasi 2025")
    ranking = page.get_by_role("table", name="Peringkat pemerintah daerah 2025")
    expect(ranking.get_by_role("row", name="Makassar")).to_be_visible()
    expect(page.get_by_role("img", name="Indeks inovasi pemerintah daerah")).to_be_visible()
    expect(page.get_by_role("img", name="Peta indeks inovasi 2025")).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_label("Tahun", exact=True).select_option("2024")
    page.get_by_role("button", name="Tampilkan").click()
    assert page.url.endswith("/indeks/?tahun=2024")
    expect(page.get_by_role("heading", level=1)).to_have_text("Indeks Inovasi 2024")

    with page.expect_download() as download:
        page.get_by_role("link", name="Unduh CSV peringkat daerah").click()
    assert download.value.suggested_filename == "indeks-wilayah-2024.csv"

    page.get_by_role("link", name="Puskesmas Tanpa Antre").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Puskesmas Tanpa Antre")
    expect(page.get_by_role("table", name="Indikator dan bobotnya")).to_be_visible()
    assert axe_violations(page) == []
