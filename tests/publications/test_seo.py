import datetime
import json
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from tests.publications.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    LearningResourceIndexPageFactory,
    LearningResourcePageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    PartnersPageFactory,
    RegulationFactory,
    RegulationIndexPageFactory,
    in_days,
)

pytestmark = pytest.mark.django_db
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def sitemap_locations(client):
    """Every URL of the sitemap, following its index into each section."""
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    locations = set()
    for section in ET.fromstring(index.content).iter(f"{SITEMAP}loc"):  # noqa: S314 - ours
        response = client.get(section.text.removeprefix("http://localhost"))
        assert response.status_code == 200
        root = ET.fromstring(response.content)  # noqa: S314 - our own sitemap
        locations |= {loc.text for loc in root.iter(f"{SITEMAP}loc")}
    return locations


@pytest.fixture
def site_pages(home_page):
    news_index = NewsIndexPageFactory(parent=home_page)
    resources = LearningResourceIndexPageFactory(parent=home_page)
    events = EventIndexPageFactory(parent=home_page)
    regulations = RegulationIndexPageFactory(parent=home_page)
    partners = PartnersPageFactory(parent=home_page)
    RegulationFactory(kind="uu", number="25", year=2009, slug="uu-25-2009")
    return {
        "NewsIndexPage": news_index,
        "NewsPage": NewsPageFactory(parent=news_index, title="Jambore Inovasi"),
        "LearningResourceIndexPage": resources,
        "LearningResourcePage": LearningResourcePageFactory(parent=resources),
        "EventIndexPage": events,
        "EventPage": EventPageFactory(
            parent=events,
            start=datetime.datetime(2030, 5, 14, 1, 0, tzinfo=datetime.UTC),
            end=datetime.datetime(2030, 5, 14, 8, 0, tzinfo=datetime.UTC),
            online_url="https://zoom.example/j/1",
        ),
        "RegulationIndexPage": regulations,
        "PartnersPage": partners,
    }


def json_ld(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [json.loads(s.string) for s in soup.find_all("script", type="application/ld+json")]


EXPECTED_TYPES = {
    "NewsIndexPage": "CollectionPage",
    "NewsPage": "NewsArticle",
    "LearningResourceIndexPage": "CollectionPage",
    "LearningResourcePage": "LearningResource",
    "EventIndexPage": "CollectionPage",
    "EventPage": "Event",
    "RegulationIndexPage": "CollectionPage",
    "PartnersPage": "WebPage",
}


@pytest.mark.parametrize("page_type", EXPECTED_TYPES)
def test_every_page_type_has_canonical_open_graph_and_json_ld(client, site_pages, page_type):
    page = site_pages[page_type]

    response = client.get(page.url)

    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("link", rel="canonical")["href"] == page.full_url
    assert soup.find("meta", property="og:title")["content"] == page.title
    assert soup.find("meta", property="og:url")["content"] == page.full_url
    assert soup.find("meta", property="og:locale")["content"] == "id_ID"
    assert soup.find("meta", attrs={"name": "description"})["content"]
    (data,) = json_ld(response)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == EXPECTED_TYPES[page_type]
    assert data["publisher"]["@type"] == "GovernmentOrganization"
    assert data["url"] == page.full_url


def test_news_article_and_event_json_ld_carry_dates(client, site_pages):
    (article,) = json_ld(client.get(site_pages["NewsPage"].url))
    assert article["headline"] == "Jambore Inovasi"
    assert article["datePublished"] == "2021-03-10"
    (event,) = json_ld(client.get(site_pages["EventPage"].url))
    assert event["startDate"] == "2030-05-14T09:00:00+08:00"
    assert event["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert {location["@type"] for location in event["location"]} == {"Place", "VirtualLocation"}


@pytest.mark.parametrize(
    ("url", "schema_type"),
    [
        ("/berita/2021/", "CollectionPage"),
        ("/kegiatan/lampau/", "CollectionPage"),
        ("/regulasi/uu-25-2009/", "Legislation"),
    ],
)
def test_sub_views_have_their_own_canonical_url(client, site_pages, url, schema_type):
    response = client.get(url)

    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("link", rel="canonical")["href"] == f"http://localhost{url}"
    assert soup.find("meta", property="og:url")["content"] == f"http://localhost{url}"
    (data,) = json_ld(response)
    assert data["@type"] == schema_type


def test_json_ld_cannot_break_out_of_its_script_element(client, site_pages):
    news = site_pages["NewsPage"]
    news.title = "</script><script>alert(1)</script>"
    news.save_revision().publish()

    html = client.get(news.url).content.decode()

    assert "<script>alert(1)" not in html
    (data,) = json_ld(client.get(news.url))
    assert data["headline"] == "</script><script>alert(1)</script>"


def test_home_page_has_government_organization_and_whats_new(client, home_page, site_pages):
    EventPageFactory(
        parent=site_pages["EventIndexPage"], title="Lalu", start=in_days(-9), end=in_days(-9, 12)
    )

    response = client.get("/")

    (organisation,) = json_ld(response)
    assert organisation["@type"] == "GovernmentOrganization"
    assert organisation["name"] == "Biro Organisasi Setda Provinsi Sulawesi Selatan"
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("link", type="application/rss+xml")["href"] == "/berita/rss/"
    news = soup.find(id="latest-news-heading").find_parent("section")
    assert news.find("a", string="Jambore Inovasi")
    events = soup.find(id="upcoming-events-heading").find_parent("section")
    assert events.find("a", string=site_pages["EventPage"].title)
    assert not events.find("a", string="Lalu")


def test_sitemap_lists_publication_pages_and_their_subviews(client, site_pages):
    locations = sitemap_locations(client)
    for page in site_pages.values():
        assert page.full_url in locations
    assert "http://localhost/berita/2021/" in locations
    assert "http://localhost/kegiatan/lampau/" in locations
    assert "http://localhost/regulasi/uu-25-2009/" in locations


def test_robots_txt_points_at_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://localhost/sitemap.xml" in lines
