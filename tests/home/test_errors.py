"""Error pages speak Indonesian and carry the right status."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import path

pytestmark = pytest.mark.django_db


def test_unknown_address_gets_an_indonesian_404_page(client, home_page):
    response = client.get("/tidak-ada-halaman-ini/")

    assert response.status_code == 404
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.html["lang"] == "id"
    assert soup.find("h1").get_text(strip=True) == "Halaman tidak ditemukan"
    assert soup.find("a", href="/", string="Kembali ke beranda")
    assert soup.find("a", class_="skip-link")


def test_404_outside_any_site_still_renders(client, db):
    response = client.get("/tidak-ada/")
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.content.decode()


@pytest.mark.urls(__name__)
def test_server_error_page_is_indonesian_and_self_contained(db):
    response = Client(raise_request_exception=False).get("/rusak/")

    assert response.status_code == 500
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.html["lang"] == "id"
    assert soup.find("h1").get_text(strip=True) == "Terjadi kesalahan"
    # Rendered without context processors or the database, and with nothing to load.
    assert not soup.find("link") and not soup.find("script")


def broken_view(request):
    raise RuntimeError("a bug")


urlpatterns = [path("rusak/", broken_view)]
