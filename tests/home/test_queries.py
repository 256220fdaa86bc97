"""The home page costs the same number of queries whatever the size of the catalogue."""

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.innovations.factories import (
    AgencyFactory,
    InnovationIndexPageFactory,
    InnovationPageFactory,
)
from tests.publications.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    PartnerFactory,
)

pytestmark = pytest.mark.django_db

# Update this figure deliberately when the home page gains a section; it must never depend
# on how many innovations, agencies, partners, news items or events there are.
# 23 since two languages (issue 15): the active Locale for the localized root, and the
# page's translations for the language switcher and hreflang links. 27 since the first
# screen redesign and the response cache (fixed per request: the same with 4 or 12 items).
# 22 since the key figures' five counts are kept per catalogue publish even when whole
# answers are not cached (issue 20). 21 since the main navigation's pages are kept per
# publish, 19 since a page's translations (switcher and hreflang) are too, 18 since the
# featured innovations' ids are kept per catalogue publish, 14 since the section pages of
# the main paths and the news index are kept per publish, 13 since the featured
# innovations' rows are too, 7 since the route (site, page, restrictions) and the site
# settings are, 6 since the ids of the latest news are, none since the partners, the
# regions, the latest news' cards and the upcoming events are kept too (issue 20).
HOME_PAGE_QUERIES = 0


@pytest.fixture
def sections(home_page):
    return {
        "catalogue": InnovationIndexPageFactory(parent=home_page),
        "news": NewsIndexPageFactory(parent=home_page),
        "events": EventIndexPageFactory(parent=home_page),
    }


def add_content(sections, count):
    for _ in range(count):
        InnovationPageFactory(parent=sections["catalogue"], agency=AgencyFactory())
        NewsPageFactory(parent=sections["news"])
        EventPageFactory(parent=sections["events"])
        PartnerFactory()


def count_home_page_queries(client):
    client.get("/")  # warm the per-process caches (site root paths), as in production
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/")
    assert response.status_code == 200
    return len(queries), response


def test_home_page_query_count_does_not_grow_with_content(client, sections, settings):
    # The work behind a cache miss (a hit runs none: tests/core/test_response_cache.py).
    settings.PAGE_CACHE_SECONDS = 0
    cache.clear()  # nothing left over from other tests: the warm-up request fills it
    add_content(sections, 4)
    small, _ = count_home_page_queries(client)

    add_content(sections, 8)
    large, response = count_home_page_queries(client)

    assert response.content.count(b'class="card"') >= 3
    assert response.content.count(b"Mitra ") == 12
    assert (small, large) == (HOME_PAGE_QUERIES, HOME_PAGE_QUERIES)


def menu(client):
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    return [link.get_text(strip=True) for link in soup.select(".main-nav a")]


def test_kept_menu_follows_publishes(client, sections, settings):
    """The main navigation's pages are kept per publish (issue 20): a section added to the
    menu, renamed or unpublished shows on the next request."""
    settings.PAGE_CACHE_SECONDS = 0
    news = sections["news"]
    before = menu(client)
    assert "Kabar Terkini" not in before

    news.title, news.show_in_menus = "Kabar Terkini", True
    news.save_revision().publish()
    assert "Kabar Terkini" in menu(client)

    news.unpublish()
    assert menu(client) == before


def test_kept_sections_follow_publishes(client, sections, settings):
    """The main paths' section pages are kept per publish (issue 20): a section unpublished
    leaves the first screen on the next request, and comes back when published again."""
    settings.PAGE_CACHE_SECONDS = 0
    events = sections["events"]
    assert f'href="{events.url}"' in client.get("/").content.decode()

    events.unpublish()
    assert f'href="{events.url}"' not in client.get("/").content.decode()

    events.save_revision().publish()
    assert f'href="{events.url}"' in client.get("/").content.decode()


def featured_titles(client):
    soup = BeautifulSoup(client.get("/").content, "html.parser")
    return [link.get_text(strip=True) for link in soup.select(".card__title a")]


def test_kept_featured_innovations_follow_publishes(client, sections, settings):
    """The featured innovations are kept per catalogue publish (issue 20): a new title, a
    new innovation or one unpublished shows on the next request."""
    settings.PAGE_CACHE_SECONDS = 0
    innovation = InnovationPageFactory(parent=sections["catalogue"], title="Judul lama")
    assert featured_titles(client) == ["Judul lama"]

    innovation.title = "Judul baru"
    innovation.save_revision().publish()
    assert featured_titles(client) == ["Judul baru"]

    newer = InnovationPageFactory(parent=sections["catalogue"], title="Inovasi terbaru")
    assert sorted(featured_titles(client)) == sorted([newer.title, "Judul baru"])

    innovation.unpublish()
    assert featured_titles(client) == [newer.title]


def test_kept_home_lists_follow_their_changes(client, sections, settings):
    """The partners, the latest news' cards and the upcoming events are kept (issue 20):
    a renamed partner or news category and a new event show on the next request."""
    from tests.publications.factories import NewsCategoryFactory

    settings.PAGE_CACHE_SECONDS = 0  # the page's own work, not a cached answer
    partner = PartnerFactory(name="Mitra Lama")
    category = NewsCategoryFactory(name="Kabar Lama")
    NewsPageFactory(parent=sections["news"], category=category)

    def home():
        return client.get("/").content.decode()

    first = home()
    assert "Mitra Lama" in first and "Kabar Lama" in first
    assert "Kegiatan mendatang" not in first

    partner.name = "Mitra Baru"
    partner.save()
    category.name = "Kabar Baru"
    category.save()
    EventPageFactory(parent=sections["events"], title="Kaji tiru pekan depan")

    now = home()
    assert "Mitra Baru" in now and "Mitra Lama" not in now
    assert "Kabar Baru" in now and "Kabar Lama" not in now
    assert "Kaji tiru pekan depan" in now


def test_the_kept_menu_marks_the_section_being_read(client, sections, settings, monkeypatch):
    """The menu's HTML is rendered once per worker, language and current section until the
    next publish (issue 20), each copy marking its own section as the current one."""
    from home.templatetags import site_tags

    settings.PAGE_CACHE_SECONDS = 0
    cache.clear()
    news = sections["news"]
    news.title, news.show_in_menus = "Berita", True
    news.save_revision().publish()
    rendered = []
    render = site_tags.render_to_string

    def counting(template_name, context=None, *args, **kwargs):
        rendered.append(getattr(context.get("current"), "id", None))
        return render(template_name, context, *args, **kwargs)

    monkeypatch.setattr(site_tags, "render_to_string", counting)

    def current(url):
        soup = BeautifulSoup(client.get(url).content, "html.parser")
        return [link.get_text(strip=True) for link in soup.select(".main-nav a[aria-current]")]

    for _ in range(2):
        assert current(news.url) == ["Berita"]
        assert current("/") == []
    assert len(rendered) == 2
