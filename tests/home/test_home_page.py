import datetime

import pytest
from bs4 import BeautifulSoup

from tests.innovations.factories import (
    AgencyFactory,
    InnovationIndexPageFactory,
    InnovationPageFactory,
)
from tests.publications.factories import NewsIndexPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db


def test_home_page_shows_what_jipp_is_and_its_key_figures(client, home_page):
    catalogue = InnovationIndexPageFactory(parent=home_page)
    InnovationPageFactory(parent=catalogue, title="Dukcapil Goes to Village")
    AgencyFactory()  # an agency without any innovation lowers the coverage

    response = client.get("/")

    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.html["lang"] == "id"
    assert soup.find("h1").get_text(strip=True) == home_page.title
    figures = [li.get_text(" ", strip=True) for li in soup.select(".stat")]
    assert figures[0].startswith("1 ")
    assert figures[1].startswith("2 ")
    assert "1/24" in figures[2]
    assert figures[3].startswith("50%")
    assert soup.find("a", string="Dukcapil Goes to Village")


def test_home_page_has_skip_link_and_landmarks(client, home_page):
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    skip = soup.find("a", class_="skip-link")
    assert skip["href"] == "#main"
    assert soup.find("main", id="main")
    assert soup.find("header") and soup.find("footer") and soup.find("nav")
    executable = [
        s for s in soup.find_all("script", src=False) if s.get("type") != "application/ld+json"
    ]
    assert not executable, "inline scripts break the Content-Security-Policy"
    assert not soup.find("style") and not soup.select("[style]")


def test_home_page_lists_the_newest_news_first_and_follows_a_publish(client, home_page, settings):
    settings.PAGE_CACHE_SECONDS = 0  # the work behind a miss, which keeps the chosen ids
    index = NewsIndexPageFactory(parent=home_page)
    for day in (1, 2, 3, 4):
        NewsPageFactory(parent=index, title=f"Berita {day}", date=datetime.date(2026, 11, day))

    def listed():
        soup = BeautifulSoup(client.get("/").content, "html.parser")
        return [title.get_text(strip=True) for title in soup.select(".pub-list h3")]

    assert listed() == ["Berita 4", "Berita 3", "Berita 2"]

    newest = NewsPageFactory(parent=index, title="Berita 5", date=datetime.date(2026, 11, 5))
    newest.save_revision().publish()
    assert listed() == ["Berita 5", "Berita 4", "Berita 3"]

    newest.unpublish()
    assert listed() == ["Berita 4", "Berita 3", "Berita 2"]
