import datetime
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from publications.models import NewsIndexPage, NewsPage, NewsPageAuthor
from tests.innovations.factories import InnovationIndexPageFactory, InnovationPageFactory
from tests.publications.factories import (
    NewsCategoryFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
)

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def news_index(home_page):
    return NewsIndexPageFactory(parent=home_page, intro="<p>Kabar terbaru.</p>")


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def test_news_index_lists_newest_first_with_links(client, news_index):
    NewsPageFactory(parent=news_index, title="Kabar lama", date=datetime.date(2020, 1, 5))
    NewsPageFactory(parent=news_index, title="Kabar baru", date=datetime.date(2021, 3, 10))

    response = client.get("/berita/")

    assert response.status_code == 200
    soup = soup_of(response)
    assert soup.find("h1").get_text(strip=True) == "Berita"
    titles = [a.get_text(strip=True) for a in soup.select(".pub-list .card__title a")]
    assert titles == ["Kabar baru", "Kabar lama"]
    assert soup.select_one(".pub-list .card__title a")["href"] == "/berita/kabar-baru/"
    archive = [a.get_text(strip=True) for a in soup.select("[aria-labelledby=archive-heading] a")]
    assert archive == ["Semua berita", "2021", "2020"]
    assert soup.find("link", type="application/rss+xml")["href"] == "/berita/rss/"


def test_year_archive_shows_only_that_year_and_404s_on_an_empty_year(client, news_index):
    NewsPageFactory(parent=news_index, title="Kabar 2020", date=datetime.date(2020, 6, 1))
    NewsPageFactory(parent=news_index, title="Kabar 2021", date=datetime.date(2021, 6, 1))

    response = client.get("/berita/2020/")

    assert response.status_code == 200
    soup = soup_of(response)
    assert soup.find("h1").get_text(strip=True) == "Berita tahun 2020"
    assert [a.get_text(strip=True) for a in soup.select(".pub-list .card__title a")] == [
        "Kabar 2020"
    ]
    assert soup.find("link", rel="canonical")["href"] == "http://localhost/berita/2020/"
    assert client.get("/berita/1999/").status_code == 404
    assert client.get("/berita/99999999999999999999/").status_code == 404
    assert client.get("/berita/0/").status_code == 404


def test_category_filter_is_a_shareable_link(client, news_index):
    policy = NewsCategoryFactory(name="Kebijakan", slug="kebijakan")
    NewsPageFactory(parent=news_index, title="Pergub inovasi", category=policy)
    NewsPageFactory(parent=news_index, title="Jambore", category=NewsCategoryFactory())

    soup = soup_of(client.get("/berita/?kategori=kebijakan"))

    assert [a.get_text(strip=True) for a in soup.select(".pub-list .card__title a")] == [
        "Pergub inovasi"
    ]
    nav = soup.find(id="categories-heading").find_parent("nav")
    assert nav.find("a", attrs={"aria-current": "true"}).get_text(strip=True) == "Kebijakan"


def test_unknown_category_shows_everything_with_a_message(client, news_index):
    NewsPageFactory(parent=news_index)
    response = client.get("/berita/?kategori=%3Cscript%3E")
    assert response.status_code == 200
    assert "tidak dikenal" in response.content.decode()
    assert b"<script>" not in response.content
    assert len(soup_of(response).select(".pub-list .card__title a")) == 1


def test_bad_page_number_shows_a_valid_page(client, news_index):
    NewsPageFactory(parent=news_index)
    assert client.get("/berita/?halaman=abc").status_code == 200
    assert client.get("/berita/?halaman=999").status_code == 200


def test_news_page_shows_article_authors_related_news_and_innovations(client, news_index):
    category = NewsCategoryFactory(name="Kegiatan")
    catalogue = InnovationIndexPageFactory(parent=news_index.get_parent())
    innovation = InnovationPageFactory(parent=catalogue, title="Dukcapil Goes to Village")
    article = NewsPageFactory(
        parent=news_index,
        title="Jambore Inovasi 2021",
        category=category,
        body=[
            ("heading", {"text": "Latar belakang", "size": "h2"}),
            ("paragraph", "<p>Jambore menjadi kalender tetap.</p>"),
        ],
    )
    article.authors.create(name="Tim Komunikasi", role="Biro Organisasi")
    article.related_innovations.set([innovation])
    article.save_revision().publish()
    sibling = NewsPageFactory(parent=news_index, title="Kabar sekategori", category=category)

    response = client.get(article.url)

    assert response.status_code == 200
    soup = soup_of(response)
    assert soup.find("h1").get_text(strip=True) == "Jambore Inovasi 2021"
    assert soup.find("h2", string="Latar belakang")
    assert "Jambore menjadi kalender tetap." in soup.get_text()
    assert "Tim Komunikasi (Biro Organisasi)" in soup.get_text()
    related = soup.find(id="related-news-heading").find_parent("section")
    assert related.find("a", href=sibling.url)
    innovations = soup.find(id="related-innovations-heading").find_parent("section")
    assert innovations.find("a", string="Dukcapil Goes to Village")


def test_parent_and_child_rules(home_page):
    assert NewsIndexPage.can_create_at(home_page)
    assert not NewsPage.can_create_at(home_page)
    index = NewsIndexPageFactory(parent=home_page)
    assert NewsPage.can_create_at(index)
    assert not NewsIndexPage.can_create_at(index)  # one news index, under the home page only
    assert NewsPage.allowed_subpage_models() == []


def test_rss_feed_is_valid_rss_2(client, news_index):
    NewsPageFactory(
        parent=news_index, title="Kabar & berita <baru>", category=NewsCategoryFactory()
    )

    response = client.get("/berita/rss/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own feed
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel.findtext("link") == "http://localhost/berita/"
    item = channel.find("item")
    assert item.findtext("title") == "Kabar & berita <baru>"
    assert item.findtext("link") == "http://localhost/berita/kabar-berita-baru/"
    assert item.findtext("pubDate").endswith("+0800")
    assert item.findtext("category")


def test_atom_feed_is_valid_atom(client, news_index):
    NewsPageFactory(parent=news_index, title="Kabar Atom")

    response = client.get("/berita/atom/")

    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own feed
    assert root.tag == f"{ATOM}feed"
    assert root.findtext(f"{ATOM}id") and root.findtext(f"{ATOM}updated")
    entry = root.find(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == "Kabar Atom"
    assert entry.find(f"{ATOM}link").get("href").endswith("/berita/kabar-atom/")
    assert entry.findtext(f"{ATOM}summary") == "Ringkasan kabar inovasi pelayanan publik."


def test_drafts_are_not_listed_or_fed(client, news_index):
    NewsPageFactory(parent=news_index, title="Draf rahasia", live=False)
    assert "Draf rahasia" not in client.get("/berita/").content.decode()
    assert "Draf rahasia" not in client.get("/berita/rss/").content.decode()


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "url", ["/berita/", "/berita/rss/", "/berita/2021/", "/berita/?kategori=kategori-1"]
)
def test_listing_query_count_does_not_grow_with_items(client, news_index, url, settings):
    settings.PAGE_CACHE_SECONDS = 0  # measure the listing's work, not a cache hit
    for _ in range(2):
        NewsPageFactory(parent=news_index, category=NewsCategoryFactory())
    client.get(url)  # warm the site-root cache
    few = count_queries(client, url)
    cache.clear()  # the work after a publish: the menu, years and categories read again
    few_cold = count_queries(client, url)
    for _ in range(10):
        NewsPageFactory(parent=news_index, category=NewsCategoryFactory())

    cache.clear()
    assert count_queries(client, url) == few_cold
    assert count_queries(client, url) == few
    assert few < few_cold  # the menu, years and categories are kept per news publish


def test_kept_years_and_categories_follow_publishes(client, news_index, settings):
    """The archive years and the categories are kept per news publish (issue 20): a news
    page published or unpublished shows in them on the next request."""
    settings.PAGE_CACHE_SECONDS = 0
    NewsPageFactory(parent=news_index, date=datetime.date(2021, 3, 10))
    assert "/berita/2021/" in client.get("/berita/").content.decode()

    category = NewsCategoryFactory(name="Penghargaan")
    later = NewsPageFactory(parent=news_index, date=datetime.date(2023, 1, 5), category=category)
    body = client.get("/berita/").content.decode()
    assert "/berita/2023/" in body and "Penghargaan" in body

    later.unpublish()
    body = client.get("/berita/").content.decode()
    assert "/berita/2023/" not in body and "Penghargaan" not in body


def test_kept_listing_pages_follow_publishes_and_renames(client, news_index, settings):
    """Each page of the news list is kept per news publish (issue 20): a new article
    shows first and pushes the oldest to the next page, an unpublished one leaves, and a
    renamed category shows at once; a kept page runs no query of its own."""
    settings.PAGE_CACHE_SECONDS = 0
    category = NewsCategoryFactory(name="Kabar Desa")
    for day in range(1, 13):
        NewsPageFactory(
            parent=news_index, title=f"Kabar {day:02}", date=datetime.date(2024, 1, day)
        )
    NewsPageFactory(
        parent=news_index, title="Kabar 00", date=datetime.date(2023, 12, 31), category=category
    )

    def titles(url):
        soup = soup_of(client.get(url))
        return [a.get_text(strip=True) for a in soup.select(".pub-list .card__title a")]

    first, second = titles("/berita/"), titles("/berita/?halaman=2")
    assert first[0] == "Kabar 12" and second[-1] == "Kabar 00"
    assert count_queries(client, "/berita/?halaman=2") == 0

    newest = NewsPageFactory(parent=news_index, title="Kabar 13", date=datetime.date(2024, 2, 1))
    assert titles("/berita/")[0] == "Kabar 13"
    assert titles("/berita/?halaman=2")[0] == first[-1]

    newest.unpublish()
    assert titles("/berita/") == first

    category.name = "Kabar Kampung"
    category.save()
    body = client.get("/berita/?halaman=2").content.decode()
    assert "Kabar Kampung" in body and "Kabar Desa" not in body


def test_a_news_page_keeps_its_authors_and_innovations_until_they_change(
    client, news_index, settings
):
    # Whole answers not cached: each view renders the page, reading what it keeps.
    settings.PAGE_CACHE_SECONDS = 0
    catalogue = InnovationIndexPageFactory(parent=news_index.get_parent())
    innovation = InnovationPageFactory(parent=catalogue, title="Dukcapil Goes to Village")
    article = NewsPageFactory(parent=news_index, title="Jambore Inovasi 2021")
    article.authors.create(name="Tim Komunikasi")
    article.related_innovations.set([innovation])
    article.save_revision().publish()

    def shown():
        soup = soup_of(client.get(article.url))
        section = soup.find(id="related-innovations-heading")
        innovations = section.find_parent("section").find_all("a") if section else []
        byline = next(p for p in soup.select("p.card__meta") if "Penulis" in p.get_text())
        return byline.get_text(strip=True), [a.get_text(strip=True) for a in innovations]

    assert shown() == ("Penulis: Tim Komunikasi", ["Dukcapil Goes to Village"])
    with CaptureQueriesContext(connection) as queries:
        assert shown() == ("Penulis: Tim Komunikasi", ["Dukcapil Goes to Village"])
    assert len(queries) == 0, [query["sql"] for query in queries]

    article = NewsPage.objects.get(pk=article.pk)
    article.authors.create(name="Humas Sulsel")
    article.save_revision().publish()
    assert shown() == ("Penulis: Tim Komunikasi, Humas Sulsel", ["Dukcapil Goes to Village"])

    innovation.unpublish()
    assert shown() == ("Penulis: Tim Komunikasi, Humas Sulsel", [])


def test_the_preview_shows_the_drafts_authors_not_the_kept_ones(
    client, news_index, settings, django_user_model
):
    settings.PAGE_CACHE_SECONDS = 0
    editor_client = Client()
    editor_client.force_login(
        django_user_model.objects.create_superuser("redaksi", "redaksi@example.go.id", "rahasia")
    )
    article = NewsPageFactory(parent=news_index, title="Jambore Inovasi 2021")
    article.authors.create(name="Tim Komunikasi")
    article.save_revision().publish()
    assert "Tim Komunikasi" in client.get(article.url).content.decode()

    draft = NewsPage.objects.get(pk=article.pk)
    draft.authors.add(NewsPageAuthor(name="Penulis Draf"))
    draft.save_revision()

    preview = editor_client.get(f"/admin/pages/{article.pk}/view_draft/").content.decode()
    assert "Penulis Draf" in preview
    assert "Penulis Draf" not in client.get(article.url).content.decode()
