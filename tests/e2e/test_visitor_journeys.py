"""A visitor's first screen and the catalogue's filters on a phone (issue 18 items 2 and 4)."""

import re

import pytest
from playwright.sync_api import expect

from tests.innovations.factories import (
    InnovationIndexPageFactory,
    InnovationPageFactory,
    region,
    sector,
)
from tests.publications.factories import EventIndexPageFactory, NewsIndexPageFactory

pytestmark = pytest.mark.e2e
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
PATHS = ["Katalog inovasi", "Peta", "Bandingkan", "Berita", "Kegiatan", "Replikasi", "Pengaduan"]


@pytest.fixture
def site(home_page):
    catalogue = InnovationIndexPageFactory(parent=home_page)
    InnovationPageFactory(
        parent=catalogue,
        title="Dukcapil Goes to Village",
        regions=[region("73.71")],
        sectors=[sector("kependudukan")],
    )
    InnovationPageFactory(
        parent=catalogue,
        title="Puskesmas Keliling Pesisir",
        regions=[region("73.02")],
        sectors=[sector("kesehatan")],
    )
    NewsIndexPageFactory(parent=home_page)
    EventIndexPageFactory(parent=home_page)
    return catalogue


def test_first_screen_shows_search_region_and_paths(page, site, axe_violations):
    for viewport in (DESKTOP, PHONE):
        page.set_viewport_size(viewport)
        page.goto("/")
        for name in ("Cari inovasi, berita, kegiatan", "Inovasi di daerah saya"):
            box = page.get_by_label(name).bounding_box()
            assert box["y"] + box["height"] <= viewport["height"], (name, viewport)
        for name in PATHS:
            link = page.locator(".paths__link", has_text=name)
            box = link.bounding_box()
            assert box["y"] + box["height"] <= viewport["height"], (name, viewport)
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    assert axe_violations(page) == []

    page.get_by_label("Inovasi di daerah saya").select_option(value="73.71")
    page.get_by_role("button", name="Tampilkan").click()
    expect(page).to_have_url(re.compile(r"/inovasi/\?wilayah=73\.71$"))
    expect(page.locator(".results__count")).to_have_text("1 inovasi")


def test_filters_on_a_phone_fold_and_announce_the_new_count(page, site, axe_violations):
    page.set_viewport_size(PHONE)
    page.goto("/inovasi/")
    panel = page.locator("#filters-panel")
    expect(panel).not_to_have_attribute("open", "")
    results = page.locator(".results__count").bounding_box()
    assert results["y"] < PHONE["height"], "the results come first on a phone"

    skip = page.get_by_role("link", name="Langsung ke hasil")
    skip.focus()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("#results")).to_be_focused()
    assert axe_violations(page) == []

    page.get_by_text("Saring inovasi").click()
    page.get_by_label("Kota Makassar").check()
    # The form sends no empty field: the URL carries only the choice.
    expect(page).to_have_url(re.compile(r"/inovasi/\?wilayah=73\.71$"))
    expect(page.locator(".filters-panel__count")).to_have_text("(1 aktif)")
    expect(page.get_by_label("Kota Makassar")).to_be_focused()
    expect(page.locator("#results-announcement")).to_have_text("1 inovasi ditemukan")
    expect(page.locator("#results-announcement")).to_have_attribute("aria-live", "polite")
    assert axe_violations(page) == []
