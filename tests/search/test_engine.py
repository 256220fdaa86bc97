"""Search on a real engine (OpenSearch or Elasticsearch), selected with `-m engine`.

scripts/test-all.sh starts the engines (search/engine/engine.sh) and runs these with
SEARCH_URL and SEARCH_ENGINE set. Without an engine they fail: they never skip.
"""

import copy
import os

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from wagtail.models import Page

from search.service import engine_backend, engine_indices, find_matches
from tests.innovations.factories import InnovationPageFactory

from .test_search_page import (  # noqa: F401 - the same behaviour, now on the engine
    test_autocomplete_json,
    test_bad_input_is_bounded_before_it_is_searched,
    test_facets_with_counts_and_filtering,
    test_finds_innovations_and_regulations,
    test_invalid_utf8_query,
    test_pagination,
    test_promoted_results_come_first,
    test_queries_are_logged_with_zero_results,
    test_result_links_to_the_innovation,
    test_results_and_suggestions_follow_publishes_and_view_restrictions,
    test_snippet_highlights_matches_and_escapes_html,
    test_the_api_search_leaves_out_drafts_and_restricted_pages,
    test_unpublished_pages_are_not_found,
    test_zero_results_page_is_helpful,
)

pytestmark = [pytest.mark.engine, pytest.mark.django_db]


@pytest.fixture(autouse=True)
def engine(settings, monkeypatch, db):
    backends = copy.deepcopy(settings.WAGTAILSEARCH_BACKENDS)
    default = backends.get("default", {})
    if "URLS" not in default:
        pytest.fail(
            "Engine tests need a real engine: start one with `make engine` and set SEARCH_URL "
            "and SEARCH_ENGINE (see search/conf.py)."
        )
    # A prefix of their own, so that tests never touch a development index, and one per
    # pytest-xdist worker, so that workers never search or rebuild each other's indices.
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    default["INDEX_PREFIX"] = f"test_{worker}_" + default.get("INDEX_PREFIX", "")
    default["TIMEOUT"] = 10
    settings.WAGTAILSEARCH_BACKENDS = backends
    backend = engine_backend()
    try:
        backend.es.info()
    except Exception as error:
        pytest.fail(f"No engine answers at {default['URLS']}: {error}")

    # Make writes visible to the next search at once, as a refresh interval would later.
    index_class = backend.index_class
    for name in ("add_item", "add_items", "delete_item"):
        original = getattr(index_class, name)

        def refreshing(self, *args, _original=original, **kwargs):
            result = _original(self, *args, **kwargs)
            self.refresh()
            return result

        monkeypatch.setattr(index_class, name, refreshing)
    call_command("update_index", backend_name="default", verbosity=0)
    return backend


def titles(client, **params):
    response = client.get("/cari/", params)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [node.get_text(" ", strip=True) for node in soup.select(".search-result__title")]


def test_engine_is_used(engine, innovations):
    matches = find_matches("Sipakainga")
    assert matches.backend == "engine"
    assert not matches.fell_back


def test_index_has_indonesian_analysis(engine):
    index = engine_indices(engine)[0]
    analysis = next(iter(engine.es.indices.get_settings(index=index).values()))["settings"][
        "index"
    ]["analysis"]
    assert analysis["filter"]["indonesian_stemmer"]["language"] == "indonesian"
    tokens = engine.es.indices.analyze(
        index=index, body={"analyzer": "default", "text": "Pelayanan Kesehatan di Makassar"}
    )["tokens"]
    assert [token["token"] for token in tokens] == ["layan", "sehat", "makassar"]


def test_morphology(client, innovations):
    # "pelayanan" in the query, "layanan" in the title.
    assert any("Sipakainga" in title for title in titles(client, q="pelayanan keliling"))
    page = innovations["sekolah"]
    page.summary = "Sekolah berinovasi bersama orang tua murid."
    page.save_revision().publish()
    assert any("Sekolah ramah anak" in title for title in titles(client, q="inovasi sekolah"))


def test_accents_are_folded(client, innovations):
    assert any("Sipakainga" in title for title in titles(client, q="Sipakaïnga"))


def test_typo_tolerance_and_did_you_mean(client, innovations):
    assert any("Puskesmas" in title for title in titles(client, q="puskesmaz"))
    response = client.get("/cari/", {"q": "puskesmaz antre"})
    soup = BeautifulSoup(response.content, "html.parser")
    suggestion = soup.select_one(".search-suggestion a")
    assert suggestion is not None and "puskesmas" in suggestion.get_text()


def test_no_did_you_mean_when_every_word_is_known(client, innovations):
    call_command("update_search_terms", verbosity=0)
    response = client.get("/cari/", {"q": "layanan kependudukan"})
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select(".search-result")
    assert soup.select_one(".search-suggestion") is None


def test_related_fields_are_searchable(client, innovations):
    assert any("Sipakainga" in title for title in titles(client, q="Disdukcapil"))
    assert any("Puskesmas" in title for title in titles(client, q="Kesehatan Bulukumba"))


def test_title_weighs_more_than_body(client, catalogue):
    InnovationPageFactory(
        parent=catalogue, title="Inovasi lain", summary="Disebut juga aplikasi Lontara."
    )
    InnovationPageFactory(parent=catalogue, title="Aplikasi Lontara", summary="Surat menyurat.")
    assert titles(client, q="lontara")[0].startswith("Aplikasi Lontara")


def test_highlight_comes_from_the_engine(client, innovations):
    response = client.get("/cari/", {"q": "terpencil"})
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one(".search-result__snippet mark").get_text().lower() == "terpencil"


def test_snippet_marks_the_corrected_word_of_a_misspelt_query(client, innovations):
    # The engine marks the words typed and their corrections (from the vocabulary of the
    # published text).
    call_command("update_search_terms", verbosity=0)
    response = client.get("/cari/", {"q": "terpencl"})
    soup = BeautifulSoup(response.content, "html.parser")
    marks = [mark.get_text().lower() for mark in soup.select(".search-result__snippet mark")]
    assert "terpencil" in marks


def test_index_follows_publish_unpublish_move_and_delete(client, catalogue, innovations, home_page):
    page = InnovationPageFactory(parent=catalogue, title="Lorong garden warga", live=False)
    assert not titles(client, q="lorong garden")
    page.save_revision().publish()
    assert titles(client, q="lorong garden") == ["Lorong garden warga"]

    other = Page.objects.get(pk=catalogue.pk)
    page.refresh_from_db()
    page.unpublish()
    assert not titles(client, q="lorong garden")
    page.save_revision().publish()

    from tests.innovations.factories import InnovationIndexPageFactory

    archive = InnovationIndexPageFactory(parent=home_page, title="Arsip", slug="arsip")
    page = Page.objects.get(pk=page.pk)
    page.move(archive, pos="last-child")
    response = client.get("/cari/", {"q": "lorong garden"})
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one(".search-result__title a")["href"].startswith("/arsip/")
    assert other.pk != archive.pk

    Page.objects.get(pk=page.pk).delete()
    assert not titles(client, q="lorong garden")


def test_rebuild_switches_the_alias_without_downtime(engine, innovations):
    alias = engine_indices(engine)[0]
    before = set(engine.es.indices.get_alias(name=alias))
    call_command("rebuild_search_index", verbosity=0)
    after = set(engine.es.indices.get_alias(name=alias))
    assert after and before.isdisjoint(after)
    assert find_matches("Sipakainga").ranked


def test_autocomplete_on_the_engine(client, innovations, settings, django_assert_num_queries):
    settings.SEARCH_CACHE_SECONDS = 0  # the view itself, not the cached answer
    results = client.get("/cari/autocomplete/", {"q": "pusk"}).json()["results"]
    assert results[0]["title"] == "Puskesmas tanpa antre"
    # The engine ranks; what each suggestion shows is kept until the next publish.
    with django_assert_num_queries(0):
        again = client.get("/cari/autocomplete/", {"q": "pusk"}).json()["results"]
    assert again == results


def test_a_search_asked_again_reads_nothing_from_the_database(client, innovations, settings):
    """On the engine, what the results show, the facets' names and the query's understanding
    are kept (issue 20): a search asked again only writes its log."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.SEARCH_CACHE_SECONDS = 0  # the view itself, not the cached answer
    client.get("/cari/", {"q": "puskesmas antre"})
    with CaptureQueriesContext(connection) as asked:
        response = client.get("/cari/", {"q": "puskesmas antre"})

    soup = BeautifulSoup(response.content, "html.parser")
    titles = [node.get_text(" ", strip=True) for node in soup.select(".search-result__title")]
    assert titles[0] == "Puskesmas tanpa antre"
    reads = [
        query["sql"]
        for query in asked.captured_queries
        if query["sql"].startswith("SELECT") and "search_searchquery" not in query["sql"]
    ]
    assert reads == []


def test_a_filtered_catalogue_asked_again_reads_nothing_from_the_database(
    client, innovations, settings
):
    """On the engine, a catalogue page's cards, the rows its filters name and the locale it
    lists are kept (issue 20): asked again, it runs no query at all."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.CATALOGUE_CACHE_SECONDS = 0  # the page's own work, not a cached answer
    settings.PAGE_CACHE_SECONDS = 0
    params = {"urusan": "kesehatan", "wilayah": "73.02"}
    client.get("/inovasi/", params)
    with CaptureQueriesContext(connection) as asked:
        response = client.get("/inovasi/", params)

    soup = BeautifulSoup(response.content, "html.parser")
    assert [node.get_text(strip=True) for node in soup.select(".icard__title")] == [
        "Puskesmas tanpa antre"
    ]
    assert [query["sql"] for query in asked.captured_queries] == []


def request_cache(engine, indices):
    """(hits so far, shards) of the engine's shard request cache over `indices`."""
    stats = engine.es.indices.stats(index=",".join(indices), metric="request_cache")
    return stats["_all"]["total"]["request_cache"]["hit_count"], stats["_shards"]["total"]


def catalogue_index(engine):
    from innovations.models import InnovationPage

    return [engine.get_index_for_model(InnovationPage).name]


@pytest.mark.parametrize(
    ("url", "params", "searched"),
    [
        ("/cari/", {"q": "puskesmas antre"}, engine_indices),
        ("/inovasi/", {"urusan": "kesehatan"}, catalogue_index),
    ],
)
def test_a_page_of_results_asked_again_comes_from_the_engines_request_cache(
    client, engine, innovations, settings, url, params, searched
):
    """The counts and the page of results (a search of size > 0, which the engine keeps only
    when asked to) are both answered from the engine's shard request cache the second time,
    until the index changes."""
    settings.SEARCH_CACHE_SECONDS = 0
    settings.CATALOGUE_CACHE_SECONDS = 0
    settings.PAGE_CACHE_SECONDS = 0
    first = client.get(url, params).content
    before, shards = request_cache(engine, searched(engine))
    assert client.get(url, params).content == first
    # A hit on each shard searched, for the counts and for the page.
    assert request_cache(engine, searched(engine))[0] - before == 2 * shards


def test_a_short_catalogue_page_asks_the_engine_once(client, innovations, settings, monkeypatch):
    """The last page (here the only one) holds fewer cards than a full page: its ids come
    with the total and the counts, in the same round trip."""
    from search import service

    settings.CATALOGUE_CACHE_SECONDS = 0
    settings.PAGE_CACHE_SECONDS = 0
    asked = []
    for name in ("engine_msearch", "engine_search"):
        original = getattr(service, name)

        def counting(*args, _original=original, _name=name, **kwargs):
            asked.append(_name)
            return _original(*args, **kwargs)

        monkeypatch.setattr(service, name, counting)

    response = client.get("/inovasi/", {"urusan": "kesehatan", "wilayah": "73.02"})
    soup = BeautifulSoup(response.content, "html.parser")
    assert [node.get_text(strip=True) for node in soup.select(".icard__title")] == [
        "Puskesmas tanpa antre"
    ]
    assert asked == ["engine_msearch"]


def test_the_engine_catalogue_follows_view_restrictions(client, catalogue, home_page, settings):
    """The private sections' innovations are left out of the engine's catalogue; their ids
    are kept until a restriction changes or an innovation is published."""
    from wagtail.models import PageViewRestriction

    from tests.innovations.factories import InnovationIndexPageFactory

    settings.CATALOGUE_CACHE_SECONDS = 0
    settings.PAGE_CACHE_SECONDS = 0

    def shown():
        soup = BeautifulSoup(client.get("/inovasi/").content, "html.parser")
        return sorted(node.get_text(strip=True) for node in soup.select(".icard__title"))

    InnovationPageFactory(parent=catalogue, title="Jembatan gantung desa")
    internal = InnovationPageFactory(parent=catalogue, title="Jembatan internal")
    archive = InnovationIndexPageFactory(parent=home_page, title="Arsip", slug="arsip")
    PageViewRestriction.objects.create(page=archive, restriction_type="login")
    InnovationPageFactory(parent=archive, title="Jembatan arsip")
    assert shown() == ["Jembatan gantung desa", "Jembatan internal"]

    restriction = PageViewRestriction.objects.create(page=internal, restriction_type="login")
    assert shown() == ["Jembatan gantung desa"]
    InnovationPageFactory(parent=archive, title="Jembatan arsip kedua")
    assert shown() == ["Jembatan gantung desa"]

    restriction.delete()
    assert shown() == ["Jembatan gantung desa", "Jembatan internal"]
