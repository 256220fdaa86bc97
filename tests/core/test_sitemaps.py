"""The sitemap: an index of paginated sections read as values, every URL with a lastmod, no
private or draft page, and a query count that does not grow with the number of pages."""

import xml.etree.ElementTree as ET

import pytest
from django.core.cache import cache
from wagtail.models import PageViewRestriction

from core import sitemaps
from tests.innovations.factories import InnovationIndexPageFactory, InnovationPageFactory
from tests.localisation.factories import translate
from tests.publications.factories import NewsIndexPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db
NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)  # noqa: S314 - our own sitemap


def section_entries(client, url):
    root = parse(client.get(url.removeprefix("http://localhost")))
    return {node.find(f"{NS}loc").text: node.find(f"{NS}lastmod") for node in root.iter(f"{NS}url")}


@pytest.fixture
def catalogue(home_page):
    return InnovationIndexPageFactory(parent=home_page)


def test_index_lists_sections_and_every_url_has_a_lastmod(client, home_page, catalogue):
    news = NewsIndexPageFactory(parent=home_page)
    NewsPageFactory(parent=news, title="Jambore")
    public = InnovationPageFactory(parent=catalogue, title="Layanan Terbuka")
    private = InnovationPageFactory(parent=catalogue, title="Layanan Tertutup")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    draft = InnovationPageFactory(parent=catalogue, title="Masih Konsep")
    draft.unpublish()
    # Published as an editor publishes: every live page then has its publication time.
    for page in (home_page, catalogue, news, *news.get_children().specific(), public, private):
        page.save_revision().publish()

    index = parse(client.get("/sitemap.xml"))
    section_urls = [loc.text for loc in index.iter(f"{NS}loc")]
    assert any("sitemap-halaman.xml" in url for url in section_urls)
    assert any("sitemap-arsip.xml" in url for url in section_urls)
    entries = {}
    for url in section_urls:
        entries.update(section_entries(client, url))

    assert public.full_url in entries
    assert private.full_url not in entries
    assert draft.full_url not in entries
    assert any(url.endswith("/berita/2021/") or "/berita/20" in url for url in entries)
    missing = [url for url, lastmod in entries.items() if lastmod is None or not lastmod.text]
    assert missing == []


def test_sections_are_paginated(client, home_page, catalogue, monkeypatch):
    monkeypatch.setattr(sitemaps.SiteSitemap, "limit", 2)
    for number in range(5):
        InnovationPageFactory(parent=catalogue, title=f"Inovasi {number}")
    index = parse(client.get("/sitemap.xml"))
    pages = [loc.text for loc in index.iter(f"{NS}loc") if "halaman" in loc.text]
    assert len(pages) >= 3
    assert any(url.endswith("?p=2") for url in pages)
    assert client.get("/sitemap-halaman.xml?p=99").status_code == 404
    assert client.get("/sitemap-halaman.xml?p=x").status_code == 404
    assert client.get("/sitemap-tidak-ada.xml").status_code == 404


def test_query_count_does_not_grow_with_pages(
    client, home_page, catalogue, django_assert_max_num_queries
):

    for number in range(3):
        InnovationPageFactory(parent=catalogue, title=f"Inovasi {number}")
    cache.clear()
    with django_assert_max_num_queries(12) as few:
        client.get("/sitemap-halaman.xml")
    for number in range(3, 30):
        InnovationPageFactory(parent=catalogue, title=f"Inovasi {number}")
    cache.clear()
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/sitemap-halaman.xml")


def test_a_cached_sitemap_runs_no_query(client, home_page, catalogue, django_assert_num_queries):
    InnovationPageFactory(parent=catalogue)
    client.get("/sitemap-halaman.xml")
    with django_assert_num_queries(0):
        assert client.get("/sitemap-halaman.xml").status_code == 200


def test_fixed_public_urls_are_listed_with_a_lastmod(
    client, home_page, catalogue, django_assert_max_num_queries
):
    """Open data, the API docs, complaints, the index and the map are not pages: the "lain"
    section lists them, so crawlers find what browsing alone may not."""
    for page in (home_page, catalogue):
        page.save_revision().publish()
    index = parse(client.get("/sitemap.xml"))
    assert any("sitemap-lain.xml" in loc.text for loc in index.iter(f"{NS}loc"))
    cache.clear()
    with django_assert_max_num_queries(6):
        entries = section_entries(client, "/sitemap-lain.xml")
    paths = {url.removeprefix("http://localhost") for url in entries}
    assert {"/data-terbuka/", "/api/docs/", "/pengaduan/", "/indeks/"} <= paths
    assert catalogue.url + "peta/" in paths
    assert all(lastmod is not None and lastmod.text for lastmod in entries.values())


def test_both_languages_are_listed_at_their_own_urls(
    client, home_page, catalogue, django_assert_max_num_queries, monkeypatch
):
    """English translations under /en/ beside the Indonesian pages (issue 15); the section
    runs the same few queries when more pages are translated (6 measured, 3 or 11 pairs)."""
    water = InnovationPageFactory(parent=catalogue, title="Layanan Air Bersih")
    translate(home_page, title="Home")
    translate(catalogue, title="Innovation catalogue")
    english = translate(water, title="Clean Water Service")
    monkeypatch.setattr(sitemaps, "CACHE_SECONDS", 0)  # measure the section's work
    with django_assert_max_num_queries(6):
        pages = set(section_entries(client, "/sitemap-halaman.xml"))
    fixed = section_entries(client, "/sitemap-lain.xml")
    fixed = {url.removeprefix("http://localhost") for url in fixed}

    assert {water.full_url, english.full_url} <= pages
    assert english.full_url.startswith("http://localhost/en/")
    assert {"/data-terbuka/", "/en/data-terbuka/", "/en/inovasi/peta/"} <= fixed
    for number in range(4):
        translate(InnovationPageFactory(parent=catalogue), title=f"Innovation {number}")
    with django_assert_max_num_queries(6):
        assert len(section_entries(client, "/sitemap-halaman.xml")) == len(pages) + 8
