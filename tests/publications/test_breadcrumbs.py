"""Breadcrumbs: the way from home to the page, each step a link, kept between publishes and
renamed on the next request after one."""

import pytest
from bs4 import BeautifulSoup

from tests.publications.factories import NewsIndexPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def whole_answers_not_cached(settings):
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def article(home_page):
    index = NewsIndexPageFactory(parent=home_page, title="Berita", slug="berita")
    return NewsPageFactory(parent=index, title="Forum Inovasi Daerah")


def trail(client, page):
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    steps = soup.select("nav.breadcrumbs li")
    return [(step.get_text(strip=True), step.a["href"] if step.a else None) for step in steps]


def test_the_trail_leads_from_home_to_the_page(client, article, home_page):
    assert trail(client, article) == [
        (home_page.title, "/"),
        ("Berita", "/berita/"),
        ("Forum Inovasi Daerah", None),
    ]


def test_a_renamed_section_shows_in_the_trail_at_once(client, article):
    trail(client, article)
    index = article.get_parent().specific
    index.title = "Kabar Inovasi"
    index.slug = "kabar"
    index.save_revision().publish()
    article.refresh_from_db()

    assert trail(client, article)[1] == ("Kabar Inovasi", "/kabar/")
