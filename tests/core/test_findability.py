"""What lets a visitor (and a crawler) find the site's parts: footer links to open data and
the API docs (issue 18 item 3)."""

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


def test_footer_links_open_data_and_api_docs(client, home_page):
    response = client.get("/data-terbuka/")
    footer = BeautifulSoup(response.content, "html.parser").find("footer")
    links = {a["href"]: a.get_text(strip=True) for a in footer.find_all("a")}
    assert links.get("/data-terbuka/") == "Data terbuka"
    assert links.get("/api/docs/") == "Dokumentasi API"
