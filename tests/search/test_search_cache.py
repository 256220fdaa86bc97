"""Repeated searches are answered from the response cache, and still counted in the log."""

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from core.cache import response_key
from search.log import search_log
from search.models import SearchQueryClient, SearchQueryDay
from tests.agencies.factories import ModeratorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def cached(settings):
    settings.SEARCH_CACHE_SECONDS = 300
    settings.SEARCH_LOG_FLUSH_SECONDS = 0


def titles(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [node.get_text(" ", strip=True) for node in soup.select(".search-result__title")]


def ask(client, query, **extra):
    response = client.get("/cari/", {"q": query}, **extra)
    assert response.status_code == 200
    return response


def test_a_query_asked_again_is_answered_from_the_cache_before_routing(
    client, innovations, monkeypatch
):
    ask(client, "Sipakainga")  # first time: answered, only remembered as asked
    second = ask(client, "Sipakainga")  # asked again: stored
    assert second.get("X-Cache") != "hit"

    def routed(*args, **kwargs):
        raise AssertionError("the hit reached the view")

    monkeypatch.setattr("search.views.serve_cached", routed)
    with CaptureQueriesContext(connection) as queries:
        third = ask(client, "Sipakainga")
    assert third["X-Cache"] == "hit"
    assert third.content == second.content
    assert "Sipakainga" in third.content.decode()
    # Only the search log's own writes reach the database: no routing, no search.
    tables = {
        query["sql"].split('"')[1]
        for query in queries.captured_queries
        if not query["sql"].startswith(("SAVEPOINT", "RELEASE"))
    }
    assert tables <= {SearchQueryDay._meta.db_table, SearchQueryClient._meta.db_table}


def test_searches_answered_from_the_cache_are_counted(client, innovations):
    for address in ("10.0.0.1", "10.0.0.2", "10.0.0.2", "10.0.0.3"):
        ask(client, "Sipakainga", REMOTE_ADDR=address)
    ask(client, "zzzyyyxxx")
    ask(client, "zzzyyyxxx")
    ask(client, "zzzyyyxxx")
    day = SearchQueryDay.objects.get(query_string="sipakainga")
    assert (day.searches, day.zero_result_searches) == (4, 0)
    assert SearchQueryClient.objects.filter(query_string="sipakainga").count() == 3
    empty = SearchQueryDay.objects.get(query_string="zzzyyyxxx")
    assert (empty.searches, empty.zero_result_searches) == (3, 3)


def test_a_head_request_served_from_the_cache_is_not_counted(client, innovations):
    ask(client, "Sipakainga")
    ask(client, "Sipakainga")
    response = client.head("/cari/", {"q": "Sipakainga"})
    assert response["X-Cache"] == "hit"
    assert SearchQueryDay.objects.get(query_string="sipakainga").searches == 2


def test_buffered_log_writes_nothing_on_a_hit_until_it_is_due(client, innovations, settings):
    settings.SEARCH_LOG_FLUSH_SECONDS = 3600
    search_log.flush()
    for _ in range(2):
        ask(client, "Sipakainga")
    with CaptureQueriesContext(connection) as queries:
        assert ask(client, "Sipakainga")["X-Cache"] == "hit"
    assert len(queries) == 0
    assert not SearchQueryDay.objects.filter(query_string="sipakainga").exists()
    search_log.flush()  # what a worker does when the interval is over, and at exit
    assert SearchQueryDay.objects.get(query_string="sipakainga").searches == 3


def test_a_failed_write_keeps_the_counts_for_the_next_one(client, innovations, monkeypatch):
    def down(*args, **kwargs):
        raise RuntimeError("database unavailable")

    monkeypatch.setattr(SearchQueryDay, "add", classmethod(down))
    assert ask(client, "Sipakainga").status_code == 200
    monkeypatch.undo()
    search_log.flush()
    assert SearchQueryDay.objects.get(query_string="sipakainga").searches == 1


def test_a_publish_drops_the_cached_answers(client, innovations):
    for _ in range(3):
        ask(client, "antrean")
    page = innovations["puskesmas"]
    page.title = "Antrean Daring Puskesmas Terpadu"
    page.save_revision().publish()
    response = ask(client, "antrean")
    assert response.get("X-Cache") != "hit"
    assert "Antrean Daring Puskesmas Terpadu" in titles(response)


def test_a_new_promotion_drops_the_cached_answers(client, innovations):
    for _ in range(3):
        ask(client, "antrean")
    SearchPromotion.objects.create(
        query=Query.get("antrean"),
        page=innovations["sipakainga"],
        description="Pilihan redaksi",
        sort_order=0,
    )
    response = ask(client, "antrean")
    assert response.get("X-Cache") != "hit"
    assert "Pilihan redaksi" in response.content.decode()


def test_a_query_asked_once_stores_no_page(client, innovations):
    """A stream of different queries (spam, bots) leaves small markers, not whole pages."""
    requests = [ask(client, f"layanan {number}").wsgi_request for number in range(5)]
    assert all(cache.get(response_key(request)) is None for request in requests)
    again = ask(client, "layanan 0").wsgi_request  # asked a second time: stored
    assert cache.get(response_key(again)) is not None


def test_signed_in_people_never_get_or_fill_the_shared_answer(client, innovations):
    for _ in range(3):
        ask(client, "Sipakainga")
    client.force_login(ModeratorFactory())
    response = ask(client, "Sipakainga")
    assert response.get("X-Cache") != "hit"


def test_autocomplete_asked_again_is_answered_from_the_cache(client, innovations):
    client.get("/cari/autocomplete/", {"q": "sipak"})
    first = client.get("/cari/autocomplete/", {"q": "sipak"})
    again = client.get("/cari/autocomplete/", {"q": "sipak"})
    assert again["X-Cache"] == "hit"
    assert again.json() == first.json()
    assert any("Sipakainga" in result["title"] for result in again.json()["results"])
