"""Issue 22 item 1: every absolute URL the portal writes uses PUBLIC_BASE_URL, whatever host
the request came through: pages (canonical, Open Graph, JSON-LD), the API, the feeds, the
sitemap, robots.txt, the exports and iCalendar."""

import io
import json
import re
from urllib.parse import urlsplit

import pytest
import wagtail_factories
from openpyxl import load_workbook
from wagtail.models import Site

from config.settings.base import development_base_url
from core.public_url import sync_default_site
from tests.innovations.factories import InnovationIndexPageFactory, InnovationPageFactory
from tests.publications.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
)

BASE = "https://jipp.example.go.id"
ALIAS = "alias.example.org"
URL = re.compile(r"https?://[^\s\"'<>()\\,]+")
# Hosts the portal links to on purpose (vocabularies, licences, XML namespaces).
EXTERNAL = {
    "schema.org",
    "www.w3.org",
    "www.sitemaps.org",
    "creativecommons.org",
    "purl.org",
    "ogp.me",
}


@pytest.fixture
def public_site(settings, home_page):
    settings.PUBLIC_BASE_URL = settings.WAGTAILADMIN_BASE_URL = BASE
    settings.WAGTAILAPI_BASE_URL = BASE
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, ALIAS]
    settings.API_CACHE_SECONDS = 0
    sync_default_site()
    image = wagtail_factories.ImageFactory(file__width=1300, file__height=700)
    catalogue = InnovationIndexPageFactory(parent=home_page)
    innovation = InnovationPageFactory(parent=catalogue, hero_image=image)
    news = NewsPageFactory(parent=NewsIndexPageFactory(parent=home_page), lead_image=image)
    event = EventPageFactory(parent=EventIndexPageFactory(parent=home_page), lead_image=image)
    return {"innovation": innovation, "news": news, "event": event, "image": image}


def text_of(response):
    assert response.status_code == 200, response
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if response["Content-Type"].startswith("application/vnd.openxmlformats"):
        sheet = load_workbook(io.BytesIO(content), read_only=True).active
        return json.dumps([list(row) for row in sheet.iter_rows(values_only=True)], default=str)
    return content.decode("utf-8")


def test_every_absolute_url_uses_the_public_base_url(client, public_site):
    innovation, news, event = (public_site[k] for k in ("innovation", "news", "event"))
    sources = [
        "/",
        innovation.url,
        news.url,
        event.url,
        "/berita/rss/",
        "/berita/atom/",
        "/kegiatan/kalender/",
        event.url + "kalender/",
        "/robots.txt",
        "/sitemap.xml",
        "/sitemap-halaman.xml",
        "/sitemap-arsip.xml",
        "/sitemap-lain.xml",
        "/inovasi/ekspor.csv",
        "/inovasi/ekspor.json",
        "/inovasi/ekspor.xlsx",
        "/api/v2/innovations/?fields=*",
        f"/api/v2/innovations/{innovation.pk}/",
        "/api/v2/news/",
        f"/api/v2/events/{event.pk}/",
        f"/api/v2/images/{public_site['image'].pk}/",
        "/api/v2/pages/",
        "/api/schema/",
    ]
    ours = {}
    for source in sources:
        text = text_of(client.get(source, HTTP_HOST=ALIAS))
        urls = [u for u in URL.findall(text) if urlsplit(u).hostname not in EXTERNAL]
        wrong = [u for u in urls if not u.startswith(BASE + "/") and u != BASE]
        assert not wrong, (source, wrong)
        ours[source] = len(urls)
    assert all(ours.values()), {source: n for source, n in ours.items() if not n}


@pytest.mark.parametrize(
    ("run_address", "expected"),
    [
        ("127.0.0.1:8000", "http://127.0.0.1:8000"),
        ("0.0.0.0:9000", "http://127.0.0.1:9000"),
        ("8001", "http://127.0.0.1:8001"),
        ("jipp.local:8080", "http://jipp.local:8080"),
    ],
)
def test_development_follows_run_address(run_address, expected):
    assert development_base_url(run_address) == expected


def test_the_default_site_follows_the_setting(settings, home_page):
    settings.PUBLIC_BASE_URL = "https://jipp.example.go.id"
    sync_default_site()
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == (
        "jipp.example.go.id",
        443,
        "https://jipp.example.go.id",
    )
    assert home_page.get_site().root_url == "https://jipp.example.go.id"
