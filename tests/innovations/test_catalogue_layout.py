"""What a visitor sees on the catalogue: a picture with meaning where there is no photo, and
filters that fold on a phone with the number chosen (issue 18 items 4 and 6)."""

import pytest
from bs4 import BeautifulSoup

from tests.innovations.factories import InnovationPageFactory, region, sector

pytestmark = pytest.mark.django_db


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_card_without_photo_shows_its_sector_pictogram(client, catalogue):
    InnovationPageFactory(
        parent=catalogue, title="Puskesmas Keliling", sectors=[sector("kesehatan")], hero_image=None
    )

    card = soup_of(client.get("/inovasi/")).select_one(".icard")

    assert card.find("img") is None
    visual = card.select_one(".sector-visual")
    assert "sector-visual--health" in visual["class"] and visual["aria-hidden"] == "true"
    assert visual.find("svg").find("path")["d"]
    assert visual.get_text(strip=True) == "Kesehatan"


def test_filters_fold_behind_one_line_with_the_active_count(client, catalogue):
    InnovationPageFactory(parent=catalogue, regions=[region("73.71")])

    soup = soup_of(client.get("/inovasi/?wilayah=73.71"))

    skip = soup.select_one("a.skip-results")
    assert skip["href"] == "#results" and skip.get_text() == "Langsung ke hasil"
    assert soup.find(id="results").name == "section"
    panel = soup.select_one("details#filters-panel")
    assert not panel.has_attr("open")
    assert panel.summary.get_text(" ", strip=True) == "Saring inovasi (1 aktif)"
    assert panel.find("form", id="catalogue-filters")
    assert soup.select_one(".filters__show-results a")["href"] == "#results"
