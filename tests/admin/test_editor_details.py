"""The small things an editor meets in the admin (issue 19 items 6, 8 and 11)."""

import pytest
from bs4 import BeautifulSoup
from django.utils import translation
from wagtail.models import Collection

from config.settings.base import development_base_url
from tests.agencies.factories import UserFactory
from tests.innovations.factories import InnovationIndexPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def innovation_form(client, home_page):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    catalogue = InnovationIndexPageFactory(parent=home_page)
    response = client.get(f"/admin/pages/add/innovations/innovationpage/{catalogue.pk}/")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_regions_sectors_and_goals_are_checkboxes(innovation_form):
    for name in ("regions", "sectors", "sdgs"):
        assert innovation_form.find("select", attrs={"name": name}) is None, name
        boxes = innovation_form.find_all("input", attrs={"name": name, "type": "checkbox"})
        assert boxes, name
    assert len(innovation_form.find_all("input", attrs={"name": "regions"})) == 25


def test_real_content_form_has_no_demo_checkbox(innovation_form):
    assert innovation_form.find("input", attrs={"name": "is_demo"}) is None
    assert "Data contoh" not in innovation_form.get_text()


def test_launch_date_is_explained_as_the_launch(innovation_form):
    text = innovation_form.get_text(" ")
    assert "mulai diluncurkan kepada penerima manfaat" in text
    assert "pertama kali dicetuskan" not in text


def test_admin_pages_carry_the_stylesheet_that_wraps_field_rows(innovation_form):
    links = [link["href"] for link in innovation_form.find_all("link", rel="stylesheet")]
    assert any(href.endswith("core/admin.css") for href in links)


def test_publish_and_draft_have_one_name_each():
    with translation.override("id"):
        assert translation.gettext("Publish") == "Terbitkan"
        assert translation.gettext("Save draft") == "Simpan draf"
        assert translation.gettext("Draft") == "Draf"


@pytest.mark.parametrize(
    ("run_address", "url"),
    [
        ("127.0.0.1:8100", "http://127.0.0.1:8100"),
        ("0.0.0.0:8200", "http://127.0.0.1:8200"),
        ("8300", "http://127.0.0.1:8300"),
    ],
)
def test_development_urls_follow_run_address(run_address, url):
    assert development_base_url(run_address) == url


def test_the_root_collection_has_an_indonesian_name():
    assert Collection.get_first_root_node().name == "Koleksi utama"
