"""What every page view the response cache does not answer takes from the shared cache: Wagtail's
route (core/routing.py) and the site settings (home.models.SiteSettings). Neither costs a query
once seen, and a page renamed, moved, unpublished, edited or made private, or the settings
edited, show on the next request."""

import pickle

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail import views as wagtail_views
from wagtail.models import PageViewRestriction, Site

from core.routing import RouteCacheMiddleware, route_key
from home.models import SiteSettings
from tests.innovations.factories import InnovationIndexPageFactory, InnovationPageFactory
from tests.localisation.factories import translate
from tests.publications.factories import NewsIndexPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db

# What Wagtail's routing asks: the site, the locale of its root, each page by its slug, and
# the view restrictions of the page and its ancestors (listings' own `public()` filters,
# joined to the pages they exclude, are not routing).
ROUTING_SQL = (
    '"wagtailcore_site"',
    '"wagtailcore_locale"',
    '"wagtailcore_page"."slug" =',
    '"wagtailcore_page"."alias_of_id" FROM',
    '"wagtailcore_pageviewrestriction"."page_id" IN',
)


@pytest.fixture(autouse=True)
def whole_answers_not_cached(settings):
    # Every request below goes the whole way to the page, as a miss of the response cache.
    settings.PAGE_CACHE_SECONDS = 0
    settings.CATALOGUE_CACHE_SECONDS = 0


@pytest.fixture
def pages(home_page):
    SiteSettings.for_site(Site.objects.get(is_default_site=True))
    catalogue = InnovationIndexPageFactory(parent=home_page, slug="inovasi")
    news_index = NewsIndexPageFactory(parent=home_page, slug="berita")
    return {
        "catalogue": catalogue,
        "innovation": InnovationPageFactory(parent=catalogue, title="Puskesmas Keliling"),
        "news_index": news_index,
        "news": NewsPageFactory(parent=news_index, title="Forum Inovasi Daerah"),
    }


def get(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, [query["sql"] for query in queries]


def main(response):
    # The page's own content (the head's JSON-LD dates an unpublished factory page "now").
    return response.content.split(b"<main", 1)[1]


def routing_queries(sql):
    return [query for query in sql if any(part in query for part in ROUTING_SQL)]


@pytest.mark.parametrize("name", ["innovation", "news", "news_index"])
def test_a_page_seen_before_is_routed_without_a_query(client, pages, name):
    url = pages[name].url
    first, first_sql = get(client, url)
    again, again_sql = get(client, url)

    assert first.status_code == again.status_code == 200
    assert main(again) == main(first)
    assert routing_queries(first_sql)
    assert routing_queries(again_sql) == []
    assert len(again_sql) <= len(first_sql) - 4


def test_each_language_keeps_its_own_route(client, pages, home_page):
    translate(home_page, title="Home")
    translate(pages["catalogue"], title="Innovation catalogue")
    translate(pages["innovation"], title="Mobile Health Service")
    indonesian, english = pages["innovation"].url, "/en" + pages["innovation"].url
    for url in (indonesian, english, indonesian, english):
        client.get(url)

    (id_answer, id_sql), (en_answer, en_sql) = get(client, indonesian), get(client, english)

    assert b"Puskesmas Keliling" in main(id_answer)
    assert b"Mobile Health Service" in main(en_answer)
    assert b'<html lang="id">' in id_answer.content
    assert b'<html lang="en">' in en_answer.content
    assert routing_queries(id_sql) == routing_queries(en_sql) == []


def test_a_routable_page_keeps_its_sub_paths_apart(client, pages):
    index = pages["news_index"].url
    listing, feed = client.get(index), client.get(index + "rss/")
    listing_again, feed_again = client.get(index), client.get(index + "rss/")

    assert main(listing_again) == main(listing)
    assert feed_again["Content-Type"] == feed["Content-Type"]
    assert feed_again["Content-Type"].startswith("application/rss+xml")
    assert client.get(index + "tidak-ada/").status_code == 404


def test_a_renamed_section_moves_the_addresses_below_it(client, pages):
    old_catalogue, old_innovation = pages["catalogue"].url, pages["innovation"].url
    assert client.get(old_catalogue).status_code == client.get(old_innovation).status_code == 200

    catalogue = pages["catalogue"]
    catalogue.slug = "katalog"
    catalogue.save_revision().publish()
    pages["innovation"].refresh_from_db()

    assert client.get(old_innovation).status_code == 404
    assert client.get(pages["innovation"].url).status_code == 200
    assert pages["innovation"].url.startswith("/katalog/")


def test_an_unpublished_page_is_gone_at_once(client, pages):
    url = pages["news"].url
    assert client.get(url).status_code == 200

    pages["news"].unpublish()

    assert client.get(url).status_code == 404


def test_an_edit_shows_on_the_next_request(client, pages):
    url = pages["innovation"].url
    assert b"Puskesmas Keliling" in client.get(url).content

    innovation = pages["innovation"]
    innovation.title = "Puskesmas Terapung"
    innovation.save_revision().publish()

    assert b"Puskesmas Terapung" in client.get(url).content


def test_a_page_made_private_asks_for_a_login_and_public_again_does_not(client, pages):
    url = pages["news"].url
    assert client.get(url).status_code == 200

    restriction = PageViewRestriction.objects.create(
        page=pages["news_index"], restriction_type=PageViewRestriction.LOGIN
    )
    assert client.get(url).status_code == 302

    restriction.delete()
    assert client.get(url).status_code == 200


def test_routes_are_not_kept_when_turned_off(client, pages, settings):
    settings.ROUTE_CACHE_SECONDS = 0
    url = pages["innovation"].url
    client.get(url)

    _, again_sql = get(client, url)

    assert routing_queries(again_sql)


def test_the_site_settings_are_read_once_and_an_edit_shows_at_once(client, pages):
    url = pages["news"].url
    client.get(url)
    _, again_sql = get(client, url)
    assert not [query for query in again_sql if '"home_sitesettings"' in query]

    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.organisation_name = "Biro Organisasi Uji"
    site_settings.save()

    assert b"Biro Organisasi Uji" in client.get(url).content


def test_a_routed_page_can_still_be_pickled(client, pages, rf):
    # Whatever keeps the page being served (a fragment, a card) must be able to store it.
    url = pages["innovation"].url
    client.get(url)
    request = rf.get(url)
    request.session = client.session
    RouteCacheMiddleware(lambda r: None).process_view(
        request, wagtail_views.serve, (url.strip("/") + "/",), {}
    )
    page = request._wagtail_route_for_request[0]

    copy = pickle.loads(pickle.dumps(page))  # noqa: S301 - our own bytes, made here

    assert copy.pk == pages["innovation"].pk
    assert copy.get_view_restrictions() == []


def test_only_a_route_that_answered_200_is_kept(client, pages, rf):
    # The news index resolves any year; a year without news answers 404 and keeps nothing.
    empty_year = pages["news_index"].url + "1999/"
    assert client.get(empty_year).status_code == 404
    assert cache.get(route_key(rf.get(empty_year))) is None

    assert client.get(pages["news_index"].url).status_code == 200
    assert cache.get(route_key(rf.get(pages["news_index"].url))) is not None
