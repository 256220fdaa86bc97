"""A visitor filters the catalogue, opens an innovation, compares two and looks at the map."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from innovations.models import InnovationPage
from monitoring.models import IndexScore
from tests.innovations.factories import (
    InnovationIndexPageFactory,
    InnovationPageFactory,
    KeyFigureFactory,
    ReplicationFactory,
    region,
    sector,
)

pytestmark = pytest.mark.e2e


@pytest.fixture
def catalogue_site(home_page):
    catalogue = InnovationIndexPageFactory(parent=home_page)
    village = InnovationPageFactory(
        parent=catalogue,
        title="Dukcapil Goes to Village",
        regions=[region("73.71")],
        sectors=[sector("kesehatan")],
        cost=75_000_000,
        budget_source=InnovationPage.BudgetSource.APBD,
    )
    KeyFigureFactory(page=village, label="Waktu layanan", value=2, unit="hari", baseline=14)
    ReplicationFactory(page=village, adopter_name="Disdukcapil Bulukumba")
    InnovationPageFactory(
        parent=catalogue,
        title="Puskesmas Keliling Pesisir",
        regions=[region("73.02")],
        sectors=[sector("kesehatan")],
    )
    InnovationPageFactory(
        parent=catalogue,
        title="Sekolah Ramah Anak",
        regions=[region("73.02")],
        sectors=[sector("pendidikan")],
        is_digital=True,
    )
    return catalogue


def test_filter_open_and_compare(page, catalogue_site, axe_violations):
    page.goto("/inovasi/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Katalog Inovasi")
    expect(page.locator(".results__count")).to_have_text("3 inovasi")
    assert axe_violations(page) == []

    # Ticking a facet applies it at once (catalogue.js) and keeps focus on the box.
    page.get_by_label(re.compile(r"^Kesehatan")).check()
    expect(page).to_have_url(re.compile(r"/inovasi/\?.*urusan=kesehatan"))
    expect(page.locator(".results__count")).to_have_text("2 inovasi")
    expect(page.get_by_label(re.compile(r"^Kesehatan"))).to_be_focused()
    expect(page.get_by_role("link", name="Sekolah Ramah Anak")).to_have_count(0)

    # A second facet through the submit button, as without JavaScript.
    page.get_by_label("Urutkan").select_option("az")
    expect(page).to_have_url(re.compile(r"urutan=az"))
    titles = page.locator(".icard__title a")
    expect(titles).to_have_text(["Dukcapil Goes to Village", "Puskesmas Keliling Pesisir"])

    page.get_by_role("link", name="Dukcapil Goes to Village").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dukcapil Goes to Village")
    expect(page.locator(".key-figure").first).to_contain_text("2 hari")
    expect(page.get_by_role("cell", name="Disdukcapil Bulukumba")).to_be_visible()
    assert axe_violations(page) == []

    page.go_back()
    page.get_by_label("Bandingkan Dukcapil Goes to Village").check()
    page.get_by_label("Bandingkan Puskesmas Keliling Pesisir").check()
    page.get_by_role("button", name="Bandingkan yang dipilih").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bandingkan inovasi")
    headers = page.locator(".compare-table thead th")
    expect(headers).to_have_text(["Dukcapil Goes to Village", "Puskesmas Keliling Pesisir"])
    expect(page.get_by_role("row", name=re.compile("Biaya per tahun"))).to_contain_text(
        "Rp75.000.000"
    )
    assert axe_violations(page) == []


def test_bad_filter_shows_a_notice(page, catalogue_site):
    response = page.goto("/inovasi/?wilayah=99.99&tahap=penerapan")

    assert response.status == 200
    expect(page.get_by_role("status")).to_contain_text("wilayah")
    expect(page.locator(".results__count")).to_have_text("3 inovasi")


CLS_OBSERVER = """
window.__cls = 0;
new PerformanceObserver(function (list) {
  list.getEntries().forEach(function (entry) {
    if (!entry.hadRecentInput) { window.__cls += entry.value; }
  });
}).observe({ type: "layout-shift", buffered: true });
"""


def test_map_shows_markers_and_the_table(page, catalogue_site, axe_violations):
    IndexScore.objects.create(
        level=IndexScore.Level.REGION,
        year=2025,
        region=region("73.71"),
        name="Kota Makassar",
        score=Decimal("62.40"),
        predicate="Sangat Inovatif",
        rank=1,
    )
    page.add_init_script(CLS_OBSERVER)
    page.goto("/inovasi/peta/")

    expect(page.locator("#innovation-map")).to_be_visible()
    expect(page.locator(".map-marker")).to_have_count(2)
    # The basemap (South Sulawesi's land, served by the site) is drawn under the markers.
    expect(page.locator("#innovation-map")).to_have_attribute("data-basemap", "loaded")
    assert page.locator(".leaflet-overlay-pane path").count() >= 1
    expect(page.get_by_role("button", name="Perbesar")).to_be_visible()
    expect(page.get_by_role("button", name="Perkecil")).to_be_visible()
    # Counts sit at the centre of their circle.
    marker = page.locator(".map-marker").first.bounding_box()
    label = page.locator(".map-marker span").first.bounding_box()
    assert abs((marker["y"] + marker["height"] / 2) - (label["y"] + label["height"] / 2)) < 3
    # The colour mode (choropleth by count) recolours the markers.
    page.get_by_label("Warna menurut jumlah").check()
    expect(page.locator(".map-marker--colour")).to_have_count(2)
    # The index mode: Makassar's computed regional index and predicate; the other region,
    # not assessed that year, says so instead of showing a number.
    page.get_by_label("Indeks inovasi daerah 2025").check()
    makassar = page.locator(".map-marker.map-marker--index-sangat-inovatif")
    expect(makassar).to_have_text("62")
    expect(makassar).to_have_attribute("title", "Kota Makassar: 62 (Sangat Inovatif)")
    expect(page.locator(".map-marker.map-marker--index-none")).to_have_text("–")
    expect(page.get_by_role("button", name="Kota Makassar: 62 (Sangat Inovatif)")).to_be_visible()
    expect(page.locator(".map-scale--index li").first).to_have_text("Sangat Inovatif (60,01–100)")
    assert page.evaluate("window.__cls") < 0.1
    expect(page.get_by_role("link", name="Kota Makassar")).to_have_attribute(
        "href", "/inovasi/?wilayah=73.71"
    )
    assert axe_violations(page) == []
