"""The engine down or slow: answers come from the database backend, a warning is logged.

These run in every normal test run: the engine is configured at a closed port.
"""

import logging
import socket
import time

import pytest
from bs4 import BeautifulSoup

from search.conf import search_backends_from_environment

pytestmark = pytest.mark.django_db


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def engine_down(settings):
    settings.WAGTAILSEARCH_BACKENDS = search_backends_from_environment(
        {
            "SEARCH_URL": f"http://127.0.0.1:{closed_port()}",
            "SEARCH_ENGINE": "opensearch3",
            "SEARCH_TIMEOUT": "0.5",
        }
    )


@pytest.fixture
def innovations_with_engine_down(engine_down, innovations):
    """Publishing while the engine is down must not fail either (indexing errors are logged)."""
    return innovations


def test_search_page_answers_from_the_database(client, innovations_with_engine_down, caplog):
    client.get("/cari/")  # templates compiled: time only the search
    with caplog.at_level(logging.WARNING, logger="search.service"):
        started = time.monotonic()
        response = client.get("/cari/", {"q": "Sipakainga"})
        elapsed = time.monotonic() - started
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    titles = [node.get_text() for node in soup.select(".search-result__title")]
    assert any("Sipakainga" in title for title in titles)
    # Nothing alarming for the visitor...
    text = soup.get_text().lower()
    assert "error" not in text and "galat" not in text and "gangguan" not in text
    # ...but a warning for operations.
    assert any("unavailable" in record.getMessage() for record in caplog.records)
    assert elapsed < 1.5


def test_after_a_failure_the_engine_is_left_alone(client, innovations_with_engine_down, caplog):
    client.get("/cari/", {"q": "Sipakainga"})
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="search.service"):
        response = client.get("/cari/", {"q": "puskesmas"})
    assert response.status_code == 200
    assert not caplog.records


def test_autocomplete_answers_from_the_database(client, innovations_with_engine_down):
    response = client.get("/cari/autocomplete/", {"q": "sipak"})
    assert response.status_code == 200
    assert response.json()["results"][0]["title"].startswith("Sipakainga")


def test_bad_input_with_the_engine_down(client, innovations_with_engine_down):
    for query in ("a" * 100_000, 'layanan "kependudukan', "🚀 (OR"):
        assert client.get("/cari/", {"q": query}).status_code == 200


def test_unknown_engine_is_refused():
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured):
        search_backends_from_environment(
            {"SEARCH_URL": "http://127.0.0.1:9200", "SEARCH_ENGINE": "solr"}
        )


def test_default_is_the_database_backend():
    backends = search_backends_from_environment({})
    assert backends["default"]["BACKEND"] == "search.backends.database"
    assert backends["default"]["SEARCH_CONFIG"] == "indonesian"


@pytest.fixture
def engine_hangs(settings):
    """An engine that accepts connections and never answers."""
    import threading

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    accepted = []
    stop = threading.Event()

    def accept():
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    settings.WAGTAILSEARCH_BACKENDS = search_backends_from_environment(
        {
            "SEARCH_URL": f"http://127.0.0.1:{listener.getsockname()[1]}",
            "SEARCH_ENGINE": "elasticsearch7",
            "SEARCH_TIMEOUT": "0.3",
            "SEARCH_INDEX_TIMEOUT": "0.3",
        }
    )
    yield
    stop.set()
    thread.join()
    for connection in accepted:
        connection.close()
    listener.close()


def test_slow_engine_times_out_to_the_database(client, engine_hangs, innovations, caplog):
    client.get("/cari/")
    with caplog.at_level(logging.WARNING, logger="search.service"):
        started = time.monotonic()
        response = client.get("/cari/", {"q": "Sipakainga"})
        elapsed = time.monotonic() - started
    assert response.status_code == 200
    assert b"Sipakainga" in response.content
    assert any("unavailable" in record.getMessage() for record in caplog.records)
    assert elapsed < 1.5
    autocomplete = client.get("/cari/autocomplete/", {"q": "sipak"})
    assert autocomplete.json()["results"][0]["title"].startswith("Sipakainga")


@pytest.mark.parametrize("down", ["engine_down", "engine_hangs"])
def test_api_and_catalogue_answer_from_the_database(client, innovations, down, request, caplog):
    """The API's innovation listing and the catalogue ask the engine for their filters and
    order; refused or timed out, they answer the database's same listing, never a 500."""
    request.getfixturevalue(down)
    with caplog.at_level(logging.WARNING, logger="search.catalogue"):
        response = client.get(
            "/api/v2/innovations/", {"region": "73.71", "order": "-launched_on", "limit": 1}
        )
    assert response.status_code == 200
    body = response.json()
    assert body["meta"]["total_count"] == 2
    assert [item["title"] for item in body["items"]] == ["Sekolah ramah anak"]
    assert any("unavailable" in record.getMessage() for record in caplog.records)

    from search.service import resume_engine

    resume_engine()
    for order in ({"urutan": "az"}, {}):  # the engine lists; the engine only counts
        response = client.get("/inovasi/", {"wilayah": "73.71", **order})
        assert response.status_code == 200
        assert b"Sipakainga" in response.content
        resume_engine()
