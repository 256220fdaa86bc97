"""RSS 2.0 and Atom feeds of the news, served by the news index at /berita/rss/ and /atom/.

Links are absolute on the public base URL, whatever host the reader used; the publisher is
the author of the feed and of every entry (Atom requires one, RFC 4287 4.1.1).
"""

import datetime
import zoneinfo

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from core.conditional import conditional_response
from core.public_url import public_url
from core.seo import organisation_data

FEED_LENGTH = 20
WITA = zoneinfo.ZoneInfo("Asia/Makassar")


class NewsRssFeed(Feed):
    feed_type = Rss201rev2Feed
    language = "id"

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page
        self.request = None

    def __call__(self, request, *args, **kwargs):
        self.request = request
        # Last-Modified (the newest entry) and an ETag: a reader polling gets a 304.
        return conditional_response(request, super().__call__(request, *args, **kwargs))

    def title(self):
        return _("Berita %(site)s") % {"site": "JIPP Sulsel"}

    def link(self):
        return public_url(self.index_page.get_url(self.request))

    def feed_url(self):
        return public_url(self.request.path) if self.request else None

    def author_name(self):
        return organisation_data(self.request)["name"]

    def author_link(self):
        return public_url("/")

    def description(self):
        return _("Kabar terbaru Jaringan Inovasi Pelayanan Publik Sulawesi Selatan.")

    def items(self):
        return self.index_page.news_items()[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return public_url(item.get_url(self.request))

    def item_guid(self, item):
        return self.item_link(item)

    def item_author_name(self, item):
        return self.author_name()

    def item_pubdate(self, item):
        return datetime.datetime.combine(item.date, datetime.time(8, 0), tzinfo=WITA)

    def item_updateddate(self, item):
        return item.last_published_at or self.item_pubdate(item)

    def item_categories(self, item):
        return [item.category.name] if item.category_id else []


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()
