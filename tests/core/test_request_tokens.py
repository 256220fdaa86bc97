"""The cache tokens within one request (core/cache.py `request_scope`): read from the shared
cache once per request, a publish by the request itself seen by the rest of it, and a publish
elsewhere seen by the next request."""

import pytest
from django.core.cache import cache
from wagtail.models import Site

from core import cache as response_cache
from core.cache import TAG_PREFIX, invalidate, invalidate_tags, request_scope, tokens
from tests.innovations.factories import InnovationIndexPageFactory, InnovationPageFactory

pytestmark = pytest.mark.django_db


class CountingCache:
    """The shared cache, recording every key asked of it through get_many."""

    def __init__(self, wrapped):
        self.wrapped = wrapped
        self.asked = []

    def get_many(self, keys, *args, **kwargs):
        self.asked.extend(keys)
        return self.wrapped.get_many(keys, *args, **kwargs)

    def __getattr__(self, name):
        return getattr(self.wrapped, name)


def test_a_page_view_reads_each_token_once(client, home_page, settings, monkeypatch):
    # Nothing answered whole from the cache: the page, its route, menu, breadcrumbs and
    # fragments each ask for the tokens they depend on.
    settings.PAGE_CACHE_SECONDS = 0
    settings.CATALOGUE_CACHE_SECONDS = 0
    catalogue = InnovationIndexPageFactory(parent=home_page)
    innovation = InnovationPageFactory(parent=catalogue)
    assert client.get(innovation.url).status_code == 200
    counting = CountingCache(response_cache.cache)
    monkeypatch.setattr(response_cache, "cache", counting)

    assert client.get(innovation.url).status_code == 200

    token_keys = [key for key in counting.asked if key.startswith(("core:tag:", "core:content"))]
    assert token_keys, "the page depends on no token"
    assert len(token_keys) == len(set(token_keys)), token_keys


def test_a_renewal_by_the_request_itself_is_seen_by_the_rest_of_it():
    with request_scope():
        before = tokens(["news", "all"])
        invalidate_tags("news")
        after_publish = tokens(["news", "all"])
        invalidate()
        after_generation = tokens(["news", "all"])

    assert after_publish["news"] != before["news"]
    assert after_publish["news"] == cache.get(TAG_PREFIX + "news")
    assert after_publish["all"] == before["all"]
    assert after_generation["all"] != before["all"]
    assert after_generation["all"] == tokens(["all"])["all"]


def test_a_renewal_elsewhere_is_seen_by_the_next_request():
    with request_scope():
        first = tokens(["news"])["news"]
        # Another worker publishes news while this request is being answered.
        cache.set(TAG_PREFIX + "news", "renewed-elsewhere", None)
        assert tokens(["news"])["news"] == first

    with request_scope():
        assert tokens(["news"])["news"] == "renewed-elsewhere"
    assert tokens(["news"])["news"] == "renewed-elsewhere"


def test_a_renewal_elsewhere_drops_what_the_next_request_would_have_served(client, home_page):
    catalogue = InnovationIndexPageFactory(parent=home_page)
    innovation = InnovationPageFactory(parent=catalogue, title="Puskesmas Keliling")
    client.get(innovation.url)
    assert client.get(innovation.url)["X-Cache"] == "hit"

    # Another replica publishes the innovation: only its tokens change in the shared cache.
    cache.set(TAG_PREFIX + f"innovation:{innovation.pk}", "renewed-elsewhere", None)

    assert client.get(innovation.url).get("X-Cache") != "hit"


def test_a_page_view_looks_up_the_sites_root_paths_once(client, home_page, settings, monkeypatch):
    # The header's menu, the canonical link, the language links and the home page's main
    # paths all make page URLs; with the request Wagtail keeps the sites' root paths on it.
    settings.PAGE_CACHE_SECONDS = 0
    catalogue = InnovationIndexPageFactory(parent=home_page, show_in_menus=True)
    innovation = InnovationPageFactory(parent=catalogue)
    menu_link = f'href="{catalogue.url}"'
    looked_up = []
    root_paths = Site.get_site_root_paths

    def counting():
        looked_up.append(1)
        return root_paths()

    monkeypatch.setattr(Site, "get_site_root_paths", staticmethod(counting))
    for url in ("/", innovation.url):
        looked_up.clear()
        response = client.get(url)
        assert response.status_code == 200
        assert menu_link in response.content.decode()
        assert len(looked_up) == 1, url


def test_a_worker_asks_the_shared_cache_for_derived_data_once(
    client, home_page, settings, monkeypatch
):
    # Menu, site settings, related ids, cards, kept relations: kept under their tokens in
    # the shared cache and, once read, in the worker's own memory (core.cache.derived).
    settings.PAGE_CACHE_SECONDS = 0
    settings.CATALOGUE_CACHE_SECONDS = 0
    catalogue = InnovationIndexPageFactory(parent=home_page, show_in_menus=True)
    innovation = InnovationPageFactory(parent=catalogue)
    InnovationPageFactory(parent=catalogue)
    for url in (innovation.url, catalogue.url):
        assert client.get(url).status_code == 200
    counting = CountingCache(response_cache.cache)
    monkeypatch.setattr(response_cache, "cache", counting)

    for url in (innovation.url, catalogue.url):
        assert client.get(url).status_code == 200

    derived_keys = [
        key for key in counting.asked if not key.startswith(("core:tag:", "core:content"))
    ]
    assert derived_keys == []
