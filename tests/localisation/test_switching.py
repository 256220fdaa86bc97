"""Two languages: Indonesian unprefixed, English under /en/; the header's switcher leads to
the same page in the other language or says there is no translation yet; hreflang pairs."""

import re

import pytest

from tests.innovations.factories import InnovationIndexPageFactory, InnovationPageFactory
from tests.localisation.factories import translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(home_page):
    catalogue = InnovationIndexPageFactory(parent=home_page)
    translated = InnovationPageFactory(parent=catalogue, title="Layanan Kesehatan Keliling")
    untranslated = InnovationPageFactory(parent=catalogue, title="Akta Kelahiran di Desa")
    translate(home_page, title="Home")
    translate(catalogue, title="Innovation catalogue")
    english = translate(translated, title="Mobile Health Service")
    return {"id": translated, "en": english, "untranslated": untranslated}


def alternates(html):
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


def test_english_page_is_served_under_en_in_english(client, pages):
    response = client.get("/en/inovasi/layanan-kesehatan-keliling/")

    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in html
    assert "Mobile Health Service" in html
    assert response["Content-Language"] == "en"


def test_switcher_leads_to_the_same_page_in_the_other_language(client, pages):
    indonesian = client.get("/inovasi/layanan-kesehatan-keliling/").content.decode()
    english = client.get("/en/inovasi/layanan-kesehatan-keliling/").content.decode()

    assert 'href="/en/inovasi/layanan-kesehatan-keliling/" hreflang="en"' in indonesian
    assert 'href="/inovasi/layanan-kesehatan-keliling/" hreflang="id"' in english


def test_untranslated_page_says_so_and_english_url_offers_the_indonesian_page(client, pages):
    indonesian = client.get("/inovasi/akta-kelahiran-di-desa/").content.decode()
    missing = client.get("/en/inovasi/akta-kelahiran-di-desa/")

    assert "English: not translated yet" in indonesian
    assert 'href="/en/inovasi/akta-kelahiran-di-desa/"' not in indonesian
    assert missing.status_code == 404
    html = missing.content.decode()
    assert "This page has not been translated into English yet." in html
    assert 'href="/inovasi/akta-kelahiran-di-desa/" hreflang="id"' in html


def test_hreflang_pairs_point_at_each_other_and_canonical_is_each_own(client, pages):
    indonesian = client.get("/inovasi/layanan-kesehatan-keliling/").content.decode()
    english = client.get("/en/inovasi/layanan-kesehatan-keliling/").content.decode()

    pair = alternates(indonesian)
    assert pair == alternates(english)
    assert pair["id"].endswith("/inovasi/layanan-kesehatan-keliling/")
    assert pair["en"].endswith("/en/inovasi/layanan-kesehatan-keliling/")
    assert pair["x-default"] == pair["id"]
    assert f'<link rel="canonical" href="{pair["en"]}">' in english
    assert f'<link rel="canonical" href="{pair["id"]}">' in indonesian
    assert alternates(client.get("/inovasi/akta-kelahiran-di-desa/").content.decode()) == {}


def test_language_comes_from_the_url_never_the_browser_header(client, pages):
    response = client.get("/inovasi/layanan-kesehatan-keliling/", HTTP_ACCEPT_LANGUAGE="en")

    assert '<html lang="id">' in response.content.decode()


def test_views_outside_the_page_tree_switch_to_their_english_path(client, pages):
    indonesian = client.get("/cari/?q=kesehatan").content.decode()
    english = client.get("/en/cari/?q=kesehatan")

    assert 'href="/en/cari/?q=kesehatan" hreflang="en"' in indonesian
    assert english.status_code == 200
    assert '<html lang="en">' in english.content.decode()


def test_admin_and_api_stay_unprefixed(client, pages):
    assert client.get("/en/api/v2/pages/").status_code == 404
    assert client.get("/api/v2/pages/").status_code == 200


def test_each_catalogue_lists_the_case_studies_of_its_language(client, pages):
    indonesian = client.get("/inovasi/").content.decode()
    english = client.get("/en/inovasi/").content.decode()

    assert "Layanan Kesehatan Keliling" in indonesian
    assert "Mobile Health Service" not in indonesian
    assert "Mobile Health Service" in english
    assert "Akta Kelahiran di Desa" not in english
