"""Issue 17, item 10: the 400, 403 and CSRF-failure pages are the site's own, in Indonesian,
with no inline style or script (the CSP blocks them)."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.test import Client
from django.urls import path

pytestmark = pytest.mark.django_db


def suspicious_view(request):
    raise SuspiciousOperation("bad input")


def forbidden_view(request):
    raise PermissionDenied


urlpatterns = [path("curiga/", suspicious_view), path("terlarang/", forbidden_view)]


def assert_own_page(response, status, heading):
    assert response.status_code == status
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.html["lang"] == "id"
    assert soup.find("h1").get_text(strip=True) == heading
    assert not soup.find("style") and not soup.find(style=True)
    assert not [script for script in soup.find_all("script") if not script.get("src")]
    assert soup.find("link", rel="stylesheet")
    return soup


@pytest.mark.urls(__name__)
def test_bad_request_page():
    response = Client(raise_request_exception=False).get("/curiga/")
    assert_own_page(response, 400, "Permintaan tidak dapat diproses")


def test_bad_host_gets_the_400_page(settings):
    response = Client().get("/", HTTP_HOST="penyerang.example")
    assert_own_page(response, 400, "Permintaan tidak dapat diproses")


@pytest.mark.urls(__name__)
def test_forbidden_page(home_page):
    response = Client(raise_request_exception=False).get("/terlarang/")
    assert_own_page(response, 403, "Akses ditolak")


def test_csrf_failure_page(home_page):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/admin/login/", {"username": "a", "password": "b"})
    soup = assert_own_page(response, 403, "Formulir kedaluwarsa")
    assert "kuki" in soup.get_text()
    assert "CSRF verification failed" not in response.content.decode()
