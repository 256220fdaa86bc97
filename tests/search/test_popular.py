"""'Pencarian populer' never shows a visitor's raw text; the log keeps no IP address."""

import io

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.utils import timezone

from search.models import PopularSearch, SearchQueryClient, SearchQueryDay

pytestmark = pytest.mark.django_db


def popular(client):
    response = client.get("/cari/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [link.get_text(strip=True) for link in soup.select(".search-popular a")]


def search_from(client, query, clients):
    for number in range(clients):
        response = client.get("/cari/", {"q": query}, REMOTE_ADDR=f"10.0.0.{number + 1}")
        assert response.status_code == 200


def test_spam_searched_often_is_never_shown(client, innovations, settings):
    settings.SEARCH_POPULAR_MIN_CLIENTS = 3
    spam = "beli obat murah http://spam.example"
    search_from(client, spam, 15)
    assert spam not in popular(client)
    assert popular(client) == []


def test_allowed_query_shown_once_enough_distinct_clients_searched_it(
    client, innovations, settings
):
    settings.SEARCH_POPULAR_MIN_CLIENTS = 3
    PopularSearch.objects.create(query_string="Sekolah")
    # One client searching many times counts once.
    for _ in range(10):
        client.get("/cari/", {"q": "sekolah"}, REMOTE_ADDR="10.0.0.9")
    assert popular(client) == []
    search_from(client, "sekolah", 3)
    assert popular(client) == ["sekolah"]


def test_pinned_and_disallowed_entries(client, innovations, settings):
    settings.SEARCH_POPULAR_MIN_CLIENTS = 1
    PopularSearch.objects.create(query_string="inovasi desa", pinned=True)
    PopularSearch.objects.create(query_string="puskesmas", allowed=False)
    search_from(client, "puskesmas", 5)
    assert popular(client) == ["inovasi desa"]


def test_the_log_keeps_no_ip_address(client, innovations):
    client.get("/cari/", {"q": "sekolah"}, REMOTE_ADDR="192.0.2.44")
    rows = list(SearchQueryClient.objects.values_list("query_string", "client"))
    assert rows and all("192.0.2.44" not in value for row in rows for value in row)
    assert SearchQueryDay.objects.filter(query_string="sekolah").exists()


def test_purge_search_log_keeps_the_retention_period(db):
    today = timezone.localdate()
    old = today - timezone.timedelta(days=200)
    SearchQueryDay.objects.create(query_string="lama", date=old, searches=1)
    SearchQueryDay.objects.create(query_string="baru", date=today, searches=1)
    SearchQueryClient.objects.create(query_string="lama", date=old, client="x" * 32)
    call_command("purge_search_log", days=180, stdout=io.StringIO())
    assert list(SearchQueryDay.objects.values_list("query_string", flat=True)) == ["baru"]
    assert not SearchQueryClient.objects.exists()
