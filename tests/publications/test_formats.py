"""Issue 22 items 3-5 and 7: the feeds, calendars, sitemap and exports read by independent
parsers (feedparser, icalendar), with conditional GETs, stable calendar UIDs, feed authors
and an image in the JSON-LD of news and events."""

import json

import feedparser
import icalendar
import pytest
import wagtail_factories
from bs4 import BeautifulSoup

from tests.innovations.factories import InnovationIndexPageFactory, InnovationPageFactory
from tests.publications.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
)

BASE = "http://localhost"


@pytest.fixture
def content(settings, home_page):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "alias.example.org"]
    image = wagtail_factories.ImageFactory(file__width=1300, file__height=700)
    news_index = NewsIndexPageFactory(parent=home_page)
    news = [NewsPageFactory(parent=news_index, lead_image=image) for _ in range(2)]
    events = EventIndexPageFactory(parent=home_page)
    event = EventPageFactory(parent=events, lead_image=image)
    InnovationPageFactory(parent=InnovationIndexPageFactory(parent=home_page))
    return {"news": news, "event": event}


def get(client, url, **headers):
    response = client.get(url, **headers)
    if response.streaming:
        response.content_bytes = b"".join(response.streaming_content)
    else:
        response.content_bytes = response.content
    return response


@pytest.mark.parametrize("path", ["/berita/rss/", "/berita/atom/"])
def test_feeds_parse_with_absolute_links_and_an_author(client, content, path):
    feed = feedparser.parse(get(client, path).content_bytes)
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.link == f"{BASE}/berita/"
    assert len(feed.entries) == 2
    for entry in feed.entries:
        assert entry.link.startswith(f"{BASE}/berita/")
        assert entry.author
    if path.endswith("atom/"):
        assert feed.feed.author_detail.name
        assert all(entry.author_detail.name for entry in feed.entries)


def test_calendars_parse_and_uids_do_not_depend_on_the_host(client, content):
    event = content["event"]
    uids = []
    for host in ("localhost", "alias.example.org"):
        for path in ("/kegiatan/kalender/", event.url + "kalender/"):
            calendar = icalendar.Calendar.from_ical(get(client, path, HTTP_HOST=host).content)
            (vevent,) = calendar.walk("VEVENT")
            assert str(vevent["URL"]) == BASE + event.url
            assert vevent.decoded("DTSTART") == event.start
            uids.append(str(vevent["UID"]))
    assert len(set(uids)) == 1
    assert "localhost" not in uids[0] and "alias" not in uids[0]


@pytest.mark.parametrize("kind", ["news", "event"])
def test_json_ld_of_news_and_events_has_the_image(client, content, kind):
    page = content[kind][0] if kind == "news" else content[kind]
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    blocks = [json.loads(s.string) for s in soup.find_all("script", type="application/ld+json")]
    (data,) = [b for b in blocks if b.get("url") == BASE + page.url]
    assert data["image"].startswith(f"{BASE}/")


@pytest.mark.parametrize(
    "path",
    [
        "/berita/rss/",
        "/berita/atom/",
        "/sitemap.xml",
        "/sitemap-halaman.xml",
        "/kegiatan/kalender/",
        "/inovasi/ekspor.csv",
        "/inovasi/ekspor.json?digital=tidak",
        "/inovasi/ekspor.xlsx",
    ],
)
def test_conditional_gets_answer_304(client, content, path):
    first = get(client, path)
    assert first.status_code == 200
    etag = first["ETag"]
    assert get(client, path).get("ETag") == etag
    again = get(client, path, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content_bytes == b""
    if first.has_header("Last-Modified"):
        since = get(client, path, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
        assert since.status_code == 304


def test_an_export_changes_its_etag_when_an_innovation_is_published(client, content):
    before = get(client, "/inovasi/ekspor.csv")["ETag"]
    InnovationPageFactory(parent=InnovationIndexPageFactory._meta.model.objects.get())
    after = get(client, "/inovasi/ekspor.csv", HTTP_IF_NONE_MATCH=before)
    assert after.status_code == 200
    assert after["ETag"] != before
