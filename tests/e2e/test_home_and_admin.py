"""A visitor reads the home page, by mouse or keyboard; an editor signs in to the admin."""

import re

import pytest
from playwright.sync_api import expect

from publications.models import Partner
from tests.innovations.factories import (
    AgencyFactory,
    InnovationIndexPageFactory,
    InnovationPageFactory,
)

pytestmark = pytest.mark.e2e


@pytest.fixture
def demo_like_site(home_page):
    catalogue = InnovationIndexPageFactory(parent=home_page)
    for title in ["Dukcapil Goes to Village", "Sipakainga", "Puskesmas Keliling Pesisir"]:
        InnovationPageFactory(parent=catalogue, title=title, agency=AgencyFactory())
    Partner.objects.create(
        name="GIZ TRANSFORMASI",
        slug="giz-transformasi",
        kind=Partner.Kind.DEVELOPMENT,
        website="https://example.org/giz",
    )
    return home_page


def test_home_page_shows_the_network_and_its_innovations(page, demo_like_site):
    response = page.goto("/")

    assert response.status == 200
    assert response.headers["content-security-policy"].startswith("default-src 'self'")
    expect(page).to_have_title(re.compile("Jaringan Inovasi Pelayanan Publik"))
    expect(page.get_by_role("heading", level=1)).to_have_text(demo_like_site.title)
    expect(page.get_by_role("heading", name="Angka kunci")).to_be_visible()
    expect(page.locator(".stat").first).to_contain_text("3")
    expect(page.get_by_role("link", name="GIZ TRANSFORMASI")).to_be_visible()

    expect(page.get_by_role("link", name="Sipakainga")).to_have_attribute(
        "href", re.compile(r"/inovasi/sipakainga/$")
    )


def test_home_page_is_usable_by_keyboard(page, demo_like_site):
    page.goto("/")

    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Langsung ke konten utama")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_visible()

    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#main$"))
    expect(page.locator("main#main")).to_be_focused()

    # The next Tab lands on the first link inside the main content, not back in the header.
    page.keyboard.press("Tab")
    focused_in_main = page.evaluate("document.activeElement.closest('main') !== null")
    assert focused_in_main


def test_home_page_has_no_serious_accessibility_violation(page, demo_like_site, axe_violations):
    page.goto("/")

    assert axe_violations(page) == []


def test_editor_signs_in_and_reaches_the_dashboard(page, django_user_model, db):
    django_user_model.objects.create_superuser("redaksi", "redaksi@example.org", "rahasia-123!")

    page.goto("/admin/")
    expect(page).to_have_url(re.compile(r"/admin/login/"))
    page.locator("#id_username").fill("redaksi")
    page.locator("#id_password").fill("rahasia-123!")
    page.locator("form button[type=submit]").click()

    expect(page).to_have_url(re.compile(r"/admin/$"))
    expect(page.locator("body")).to_contain_text("JIPP Sulsel")
    expect(page.get_by_role("navigation").first).to_be_visible()


def test_wrong_password_is_refused_with_a_message(page, django_user_model, db):
    django_user_model.objects.create_superuser("redaksi", "redaksi@example.org", "rahasia-123!")

    page.goto("/admin/login/")
    page.locator("#id_username").fill("redaksi")
    page.locator("#id_password").fill("salah")
    page.locator("form button[type=submit]").click()

    expect(page).to_have_url(re.compile(r"/admin/login/"))
    expect(page.locator(".help-critical, .messages, [role=alert]").first).to_be_visible()
