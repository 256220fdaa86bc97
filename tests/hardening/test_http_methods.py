"""Issue 17, item 11: HEAD answers like GET (without a body) wherever GET does."""

import pytest

from search.models import SearchQueryDay

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/cari/",
        "/cari/?q=puskesmas",
        "/cari/autocomplete/?q=pu",
        "/data-terbuka/",
        "/data-terbuka/wilayah.csv",
        "/robots.txt",
        "/api/schema/",
        "/api/docs/",
        "/pengaduan/statistik/",
        "/pengaduan/statistik.csv",
        "/pengaduan/publik/",
        "/api/v2/pengaduan/statistik/",
    ],
)
def test_head_is_allowed_where_get_is(client, home_page, url):
    get = client.get(url)
    head = client.head(url)
    assert get.status_code == 200
    assert head.status_code == 200
    assert head["Content-Type"] == get["Content-Type"]


def test_head_of_a_search_is_not_counted_as_a_search(client, home_page):
    client.head("/cari/?q=puskesmas")
    assert not SearchQueryDay.objects.exists()


@pytest.mark.parametrize("url", ["/cari/", "/data-terbuka/", "/robots.txt"])
def test_other_methods_are_still_refused(client, home_page, url):
    assert client.post(url).status_code == 405
