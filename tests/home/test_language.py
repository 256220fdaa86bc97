import pytest

from tests.innovations.factories import InnovationIndexPageFactory, InnovationPageFactory

pytestmark = pytest.mark.django_db


def test_pages_stay_indonesian_for_a_browser_that_prefers_english(client, home_page):
    catalogue = InnovationIndexPageFactory(parent=home_page)
    innovation = InnovationPageFactory(parent=catalogue)  # launched on 15 January 2019

    response = client.get(innovation.url, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    html = response.content.decode()
    assert response.status_code == 200
    assert 'lang="id"' in html
    assert "Langsung ke konten utama" in html
    assert "15 Januari 2019" in html
    assert "January" not in html
