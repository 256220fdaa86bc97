"""What lets a visitor (and a crawler) find and read the site's parts: footer links to open
data and the API docs (issue 18 item 3); machine-readable times without fractions of seconds
and gallery alt text that does not repeat the caption (item 10); a specific meta description on
the pages people land on from a search engine (item 9)."""

import re
from datetime import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from django.template.loader import render_to_string
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from innovations.models import InnovationGalleryImage
from tests.innovations.factories import InnovationIndexPageFactory, InnovationPageFactory

pytestmark = pytest.mark.django_db


def test_footer_links_open_data_and_api_docs(client, home_page):
    response = client.get("/data-terbuka/")
    footer = BeautifulSoup(response.content, "html.parser").find("footer")
    links = {a["href"]: a.get_text(strip=True) for a in footer.find_all("a")}
    assert links.get("/data-terbuka/") == "Data terbuka"
    assert links.get("/api/docs/") == "Dokumentasi API"


# A valid HTML global date and time, to the second (the Nu checker rejects six-digit fractions).
TO_THE_SECOND = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4}$")


def test_open_data_times_carry_no_fractions_of_seconds(client, home_page):
    catalogue = InnovationIndexPageFactory(parent=home_page)
    InnovationPageFactory(parent=catalogue).save_revision().publish()
    soup = BeautifulSoup(client.get("/data-terbuka/").content, "html.parser")
    values = [node["datetime"] for node in soup.find_all("time")]
    assert values
    assert all(TO_THE_SECOND.match(value) for value in values), values


def test_event_times_carry_no_fractions_of_seconds():
    start = datetime(2026, 12, 2, 9, 30, 15, 123456, tzinfo=ZoneInfo("Asia/Makassar"))
    end = start.replace(hour=11)
    html = render_to_string(
        "publications/includes/event_time.html",
        {"event": SimpleNamespace(local_start=start, local_end=end)},
    )
    values = [node["datetime"] for node in BeautifulSoup(html, "html.parser").find_all("time")]
    assert values == ["2026-12-02T09:30:15+0800", "2026-12-02T11:30:15+0800"]


def test_gallery_alt_text_does_not_repeat_the_caption(client, home_page):
    catalogue = InnovationIndexPageFactory(parent=home_page)
    innovation = InnovationPageFactory(parent=catalogue)
    same = Image.objects.create(
        title="foto-1", file=get_test_image_file(), description="Petugas melayani warga"
    )
    described = Image.objects.create(
        title="foto-2", file=get_test_image_file(), description="Antrean di loket puskesmas"
    )
    InnovationGalleryImage.objects.create(
        page=innovation, image=same, caption="Petugas melayani warga", sort_order=0
    )
    InnovationGalleryImage.objects.create(
        page=innovation, image=described, caption="Hari pertama layanan", sort_order=1
    )
    soup = BeautifulSoup(client.get(innovation.url).content, "html.parser")
    figures = soup.select(".gallery figure")
    pairs = [(f.find("img")["alt"], f.find("figcaption").get_text(strip=True)) for f in figures]
    assert pairs == [
        ("", "Petugas melayani warga"),
        ("Antrean di loket puskesmas", "Hari pertama layanan"),
    ]


def test_landing_pages_have_their_own_meta_description(client, home_page):
    catalogue = InnovationIndexPageFactory(parent=home_page)
    urls = {
        "home": home_page.url,
        "katalog": catalogue.url,
        "cari": "/cari/",
        "data terbuka": "/data-terbuka/",
        "peta": catalogue.url + "peta/",
    }
    descriptions = {}
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == 200, name
        metas = BeautifulSoup(response.content, "html.parser").find_all(
            "meta", attrs={"name": "description"}
        )
        assert len(metas) == 1, name
        descriptions[name] = metas[0]["content"].strip()
    # The fallback would be the page's title: each page says what it offers instead.
    fallbacks = {"", home_page.title, catalogue.title}
    assert not [name for name, text in descriptions.items() if text in fallbacks], descriptions
    assert len(set(descriptions.values())) == len(urls), descriptions
