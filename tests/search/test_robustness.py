"""Inputs and environments that must never take search or the catalogue down.

- an engine client that fails to import (NumPy 2 beside elasticsearch 7.13 raises an
  AttributeError at import): search answers from the database backend;
- NUL bytes and other control characters in any query or filter: a clean answer on every
  database (PostgreSQL refuses NUL in a string literal).
"""

import sys
import types

import pytest
from bs4 import BeautifulSoup

from search import service
from search.backends import UnavailableBackend, load_backend
from search.conf import search_backends_from_environment

pytestmark = pytest.mark.django_db


def _broken_client(error):
    """A module standing in for an engine client whose import raises `error`."""

    def _getattr(name):
        raise error

    module = types.ModuleType("broken_client")
    module.__getattr__ = _getattr
    return module


@pytest.fixture(params=["import-error", "attribute-error"])
def broken_client(request, monkeypatch, settings):
    """The opensearch client breaks at import, as elasticsearch 7.13 does under NumPy 2."""
    if request.param == "import-error":
        monkeypatch.setitem(sys.modules, "opensearchpy", None)
    else:
        error = AttributeError("`np.float_` was removed in the NumPy 2.0 release")
        monkeypatch.setitem(sys.modules, "opensearchpy", _broken_client(error))
    for name in ("modelsearch.backends.opensearch3", "search.backends.opensearch3"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    settings.WAGTAILSEARCH_BACKENDS = search_backends_from_environment(
        {"SEARCH_URL": "http://127.0.0.1:9", "SEARCH_ENGINE": "opensearch3"}
    )
    service._backend_for.cache_clear()
    yield
    service._backend_for.cache_clear()


def test_load_backend_returns_a_stand_in_when_the_client_import_fails():
    def failing_import(name):
        raise AttributeError("np.float_")

    backend_class = load_backend("elasticsearch7", importer=failing_import)
    assert issubclass(backend_class, UnavailableBackend)
    assert "np.float_" in backend_class.import_error


def test_search_page_answers_when_the_engine_client_cannot_be_imported(
    broken_client, client, innovations
):
    response = client.get("/cari/", {"q": "Sipakainga"})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    titles = [node.get_text() for node in soup.select(".search-result__title")]
    assert any("Sipakainga" in title for title in titles)
    autocomplete = client.get("/cari/autocomplete/", {"q": "Sipak"})
    assert autocomplete.status_code == 200
    assert autocomplete.json()["results"]


def test_publishing_works_when_the_engine_client_cannot_be_imported(broken_client, innovations):
    page = innovations["sekolah"]
    page.title = "Sekolah ramah anak dan guru"
    page.save_revision().publish()  # modelsearch logs the engine's error, the save stands
    page.refresh_from_db()
    assert page.title == "Sekolah ramah anak dan guru"


CONTROL = ["\x00", "a\x00b", "\x01\x1f\x7f", "sekolah\x00", "\u200b\u202e", "%00"]


@pytest.mark.parametrize("value", CONTROL)
def test_search_page_with_control_characters(client, innovations, value):
    for params in ({"q": value}, {"q": "sekolah", "wilayah": value, "tahun": value}):
        response = client.get("/cari/", params)
        assert response.status_code == 200
    assert client.get("/cari/autocomplete/", {"q": value}).status_code == 200


@pytest.mark.parametrize("value", CONTROL)
def test_catalogue_and_exports_with_control_characters(client, innovations, value):
    for params in (
        {"q": value},
        {"q": "sekolah" + value},
        {"region": value, "sector": value, "stage": value, "sort": value, "page": value},
        {"year_from": value, "per_page": value},
    ):
        # Old English parameter names answer 301 to the Indonesian ones: follow them.
        assert client.get("/inovasi/", params, follow=True).status_code == 200
        for fmt in ("csv", "json"):
            response = client.get(f"/inovasi/ekspor.{fmt}", params, follow=True)
            assert response.status_code in (200, 400)


def test_catalogue_text_filter_ignores_control_characters(client, innovations):
    response = client.get("/inovasi/", {"q": "sekolah\x00"}, follow=True)
    assert response.status_code == 200
    assert "Sekolah ramah anak" in response.content.decode()


@pytest.mark.parametrize("value", CONTROL)
def test_api_with_control_characters(client, innovations, value):
    for params in ({"search": value}, {"region": value}, {"q": value}):
        response = client.get("/api/v2/innovations/", params)
        assert response.status_code in (200, 400)
