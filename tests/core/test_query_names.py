"""Public query parameters are Indonesian; every old English name answers 301."""

import pytest
from django.test import RequestFactory

from core.query import renamed_parameters
from innovations.filters import PUBLIC_NAMES
from tests.innovations.factories import InnovationIndexPageFactory

pytestmark = pytest.mark.django_db

CATALOGUE_URLS = ["/inovasi/", "/inovasi/peta/", "/inovasi/bandingkan/", "/inovasi/ekspor.csv"]


@pytest.fixture
def catalogue(home_page):
    return InnovationIndexPageFactory(parent=home_page)


@pytest.mark.parametrize("url", CATALOGUE_URLS)
@pytest.mark.parametrize(("old", "new"), sorted(PUBLIC_NAMES.items()))
def test_every_old_parameter_name_redirects_permanently_to_the_new_one(
    client, catalogue, url, old, new
):
    response = client.get(url, {old: "x", "q": "air bersih"})

    assert response.status_code == 301
    assert response["Location"] == f"{url}?{new}=x&q=air+bersih"


def test_repeated_values_and_their_order_survive_the_redirect(client, catalogue):
    response = client.get("/inovasi/?region=73.71&tahap=penerapan&region=73.02&page=2")

    assert response.status_code == 301
    assert response["Location"] == "/inovasi/?wilayah=73.71&wilayah=73.02&tahap=penerapan&halaman=2"
    assert client.get(response["Location"]).status_code == 200


def test_new_names_are_served_without_a_redirect(client, catalogue):
    # halaman=2, not 1: the default page answers 301 to the minimal URL (core/query.py).
    assert client.get("/inovasi/", {"wilayah": "73.71", "halaman": "2"}).status_code == 200


def test_the_api_keeps_its_documented_english_names(client, catalogue):
    assert client.get("/api/v2/innovations/", {"region": "73.71"}).status_code == 200


def test_a_view_without_old_names_in_the_request_is_called_as_is():
    calls = []

    @renamed_parameters({"page": "halaman"})
    def view(request):
        calls.append(request.GET.urlencode())
        return "answered"

    assert view(RequestFactory().get("/x/", {"halaman": "2"})) == "answered"
    assert calls == ["halaman=2"]
