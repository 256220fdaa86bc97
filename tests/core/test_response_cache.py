"""The shared response cache (core/cache.py): hits before routing, editors never served from
it, and a publish dropping only what shows the published page."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import PageViewRestriction, Site

from home.models import SiteSettings
from tests.innovations.factories import (
    InnovationIndexPageFactory,
    InnovationPageFactory,
    region,
    sector,
)
from tests.publications.factories import NewsIndexPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(home_page):
    # Made on first use otherwise, and a save of the settings drops every cached page.
    SiteSettings.for_site(Site.objects.get(is_default_site=True))
    catalogue = InnovationIndexPageFactory(parent=home_page)
    news_index = NewsIndexPageFactory(parent=home_page)
    health = {"sectors": [sector("kesehatan")], "regions": [region("73.71")]}
    schools = {"sectors": [sector("pendidikan")], "regions": [region("73.01")]}
    return {
        "home": home_page,
        "catalogue": catalogue,
        "published": InnovationPageFactory(parent=catalogue, title="Puskesmas Keliling", **health),
        "related": InnovationPageFactory(parent=catalogue, title="Dokter Terbang", **health),
        "unrelated": InnovationPageFactory(parent=catalogue, title="Sekolah Pintar", **schools),
        "news_index": news_index,
        "news": NewsPageFactory(parent=news_index),
    }


def urls(site):
    return {
        "home": "/",
        "catalogue": site["catalogue"].url,
        "catalogue_filtered": site["catalogue"].url + "?tahap=penerapan",
        "published": site["published"].url,
        "related": site["related"].url,
        "unrelated": site["unrelated"].url,
        "news_index": site["news_index"].url,
        "news": site["news"].url,
        "api": "/api/v2/innovations/?limit=5",
    }


def cached(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.get("X-Cache") == "hit"


def warm(client, site):
    for url in urls(site).values():
        client.get(url)
    assert all(cached(client, url) for url in urls(site).values())


def test_a_cached_page_hit_runs_no_database_query(client, site, django_assert_num_queries):
    for url in ("/", site["catalogue"].url, site["published"].url, site["news"].url):
        first = client.get(url)
        with django_assert_num_queries(0):
            hit = client.get(url)
        assert hit["X-Cache"] == "hit"
        assert hit.content == first.content
        # The security headers are set on a hit as on the page itself.
        assert hit["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_a_signed_in_editor_never_gets_a_cached_copy(client, site):
    url = site["published"].url
    client.get(url)
    assert cached(client, url)
    editor = get_user_model().objects.create_superuser("redaksi", "r@example.go.id", "x")
    client.force_login(editor)

    response = client.get(url)

    assert "X-Cache" not in response
    assert b"wagtail-userbar" in response.content
    client.logout()
    # Nor is the editor's page (with the user bar) stored for anonymous visitors.
    client.cookies.clear()
    assert b"wagtail-userbar" not in client.get(url).content


def test_one_publish_drops_what_shows_the_innovation_and_keeps_the_rest(client, site):
    warm(client, site)

    page = site["published"]
    page.title = "Puskesmas Keliling Plus"
    page.save_revision().publish()

    after = {name: cached(client, url) for name, url in urls(site).items()}
    assert after == {
        "home": False,  # key figures and featured innovations
        "catalogue": False,
        "catalogue_filtered": False,
        "published": False,
        "related": False,  # lists the published innovation as related
        "unrelated": True,
        "news_index": True,
        "news": True,
        "api": False,
    }
    assert b"Puskesmas Keliling Plus" in client.get(site["related"].url).content


def test_one_news_publish_drops_the_news_and_home_only(client, site):
    warm(client, site)

    site["news"].save_revision().publish()

    after = {name: cached(client, url) for name, url in urls(site).items()}
    assert [name for name, hit in after.items() if not hit] == ["home", "news_index", "news"]


def test_a_page_made_private_is_not_served_from_the_cache(client, site):
    url = site["unrelated"].url
    client.get(url)
    assert cached(client, url)

    PageViewRestriction.objects.create(
        page=site["unrelated"], restriction_type=PageViewRestriction.LOGIN
    )

    assert client.get(url).status_code == 302
