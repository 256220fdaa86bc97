"""A reader switches a case study to English and back with the header's language switcher;
both languages are accessible."""

import re

import pytest
from playwright.sync_api import expect

from tests.innovations.factories import InnovationIndexPageFactory, InnovationPageFactory
from tests.localisation.factories import translate

pytestmark = pytest.mark.e2e


@pytest.fixture
def case_study(home_page):
    catalogue = InnovationIndexPageFactory(parent=home_page)
    source = InnovationPageFactory(parent=catalogue, title="Layanan Kesehatan Keliling")
    translate(home_page, title="Home")
    translate(catalogue, title="Innovation catalogue")
    translate(source, title="Mobile Health Service", summary="A doctor visits the village.")
    return source


def test_reader_switches_a_case_study_to_english_and_back(page, case_study, axe_violations):
    page.goto("/inovasi/layanan-kesehatan-keliling/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Layanan Kesehatan Keliling")
    assert axe_violations(page) == []

    switcher = page.get_by_role("navigation", name="Pilihan bahasa")
    switcher.get_by_role("link", name="English").click()

    expect(page).to_have_url(re.compile(r"/en/inovasi/layanan-kesehatan-keliling/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mobile Health Service")
    assert axe_violations(page) == []

    page.get_by_role("navigation", name="Language").get_by_role(
        "link", name="Bahasa Indonesia"
    ).click()
    expect(page).to_have_url(re.compile(r"/inovasi/layanan-kesehatan-keliling/$"))
    expect(page.locator("html")).to_have_attribute("lang", "id")
