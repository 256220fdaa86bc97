"""A visitor searches, picks a suggestion with the keyboard, and narrows results by a facet."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from tests.innovations.factories import (
    AgencyFactory,
    InnovationIndexPageFactory,
    InnovationPageFactory,
    region,
    sector,
)

pytestmark = pytest.mark.e2e

ALL_MATCHES = re.compile(r"^[23] hasil untuk “layanan kesehatan”$")
BOTH = re.compile(r"^Puskesmas (tanpa antre|keliling pesisir)$")


@pytest.fixture
def searchable_site(home_page):
    catalogue = InnovationIndexPageFactory(parent=home_page)
    makassar = AgencyFactory(region=region("73.71"))
    bulukumba = AgencyFactory(region=region("73.02"))
    InnovationPageFactory(
        parent=catalogue,
        title="Puskesmas tanpa antre",
        slug="puskesmas-tanpa-antre",
        summary="Pasien mengambil nomor antrean layanan kesehatan dari rumah.",
        agency=bulukumba,
        sectors=[sector("kesehatan")],
    )
    InnovationPageFactory(
        parent=catalogue,
        title="Puskesmas keliling pesisir",
        slug="puskesmas-keliling-pesisir",
        summary="Layanan kesehatan dengan perahu untuk pulau-pulau kecil.",
        agency=makassar,
        sectors=[sector("kesehatan")],
        launched_on=datetime.date(2018, 2, 1),
    )
    return home_page


def test_search_autocomplete_with_keyboard_and_facet(page, searchable_site, axe_violations):
    page.goto("/cari/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Cari di JIPP Sulsel")
    box = page.get_by_role("combobox", name="Kata pencarian")

    # Autocomplete: type, arrow down to the first suggestion, Enter opens it.
    box.focus()
    page.keyboard.type("puskes", delay=30)
    listbox = page.get_by_role("listbox")
    expect(listbox).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_role("option")).to_have_count(2)
    page.keyboard.press("ArrowDown")
    first = page.get_by_role("option").first
    expect(first).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", first.get_attribute("id"))
    page.keyboard.press("Escape")
    expect(listbox).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")

    # Search: Enter without a highlighted suggestion submits the form.
    page.keyboard.press("Enter")
    expect(page).to_have_url(page.url.split("?")[0].rstrip("/") + "/?q=puskes")
    page.get_by_role("combobox", name="Kata pencarian").fill("layanan kesehatan")
    page.keyboard.press("Enter")
    # Both innovations hold both words and come first; pages with one of the words may follow
    # (PostgreSQL's stemmer finds "layanan" in "Pelayanan" on the home page).
    expect(page.get_by_role("heading", name=ALL_MATCHES)).to_be_visible()
    expect(page.locator(".search-result__title").nth(0)).to_have_text(BOTH)
    expect(page.locator(".search-result__title").nth(1)).to_have_text(BOTH)
    expect(page.locator(".search-result mark").first).to_be_visible()
    assert axe_violations(page) == []

    # Facet: narrow to Makassar, then remove it again.
    page.get_by_role("link", name="Makassar (1)").click()
    expect(page.get_by_role("heading", name="1 hasil untuk “layanan kesehatan”")).to_be_visible()
    expect(page.locator(".search-result__title")).to_have_text("Puskesmas keliling pesisir")
    page.get_by_role("link", name="Hapus semua saringan").click()
    expect(page.get_by_role("heading", name=ALL_MATCHES)).to_be_visible()

    # Autocomplete again, this time following the suggestion with Enter.
    box = page.get_by_role("combobox", name="Kata pencarian")
    box.fill("")
    box.focus()
    page.keyboard.type("puskesmas kel", delay=30)
    expect(page.get_by_role("option")).to_have_count(1)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**/puskesmas-keliling-pesisir/")


def test_search_works_without_javascript(browser, live_server, searchable_site):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    tab = context.new_page()
    tab.goto("/cari/?q=antrean")
    expect(tab.locator(".search-result__title")).to_have_text("Puskesmas tanpa antre")
    expect(tab.get_by_role("searchbox", name="Kata pencarian")).to_have_value("antrean")
    context.close()
