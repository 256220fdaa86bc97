"""The home page's first screen says what to do: search, your region, the main paths
(issue 18 item 2)."""

import pytest
from bs4 import BeautifulSoup

from tests.innovations.factories import InnovationIndexPageFactory
from tests.publications.factories import EventIndexPageFactory, NewsIndexPageFactory

pytestmark = pytest.mark.django_db


def test_first_screen_offers_search_region_and_main_paths(client, home_page):
    InnovationIndexPageFactory(parent=home_page)
    NewsIndexPageFactory(parent=home_page)
    EventIndexPageFactory(parent=home_page)

    soup = BeautifulSoup(client.get("/").content, "html.parser")

    hero = soup.select_one(".hero")
    search = hero.find("form", role="search")
    assert search["action"] == "/cari/" and search.find("input", attrs={"name": "q"})
    region = hero.find("select", attrs={"name": "wilayah"})
    assert region.find_parent("form")["action"] == "/inovasi/"
    assert hero.find("label", attrs={"for": "start-region"}).get_text() == "Inovasi di daerah saya"
    codes = [o["value"] for o in region.find_all("option") if o["value"]]
    assert len(codes) == 24 and "73.71" in codes and "73" not in codes
    paths = {a.select_one(".paths__label").get_text(): a["href"] for a in hero.select(".paths a")}
    assert paths["Katalog inovasi"] == "/inovasi/"
    assert paths["Peta"] == "/inovasi/peta/"
    assert paths["Bandingkan"] == "/inovasi/bandingkan/"
    assert paths["Pengaduan"] == "/pengaduan/"
    assert paths["Replikasi"] == "/replikasi/cari-inovasi/"
    assert {"Berita", "Kegiatan"} <= set(paths)
