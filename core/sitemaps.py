"""The sitemap as an index of paginated sections, built from values, not from page objects.

Wagtail's own sitemap view builds every live page with ``.specific()`` in one response (1.45 MB
and 3-13 s at 10,000 innovations, holding a worker). Here ``/sitemap.xml`` is an index, and
each section page lists at most ``PAGE_SIZE`` URLs read as plain values (``url_path`` and the
publication time), cached in the shared cache under the content generation.

Sections:
- ``halaman``: every live, public page whose model keeps Wagtail's default
  ``get_sitemap_urls``, from values, in tree order;
- ``arsip``: the pages whose model adds URLs of its own (news year archives, past events,
  regulations): few, so they are built as objects and asked for their URLs. An entry without
  a date gets the page's own publication time, so every URL has a ``lastmod``;
- ``lain``: fixed public URLs outside the page tree (open data, API docs, complaints, index),
  reversed by name; a name whose app is not installed is skipped.

Both languages (issue 15): the site's root page and its live translations are the roots
(the Indonesian home at ``/``, its English translation at ``/en/``); every section lists the
pages under each root at that root's URL prefix, one query for the roots whatever the
number of pages, and the fixed URLs in every language that has a root.
"""

from functools import reduce
from operator import or_
from urllib.parse import urlsplit

from django.contrib.contenttypes.models import ContentType
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import SitemapIndexItem
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db.models import Max, Q
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils import translation
from django.utils.functional import cached_property
from django.views.decorators.http import require_safe
from wagtail.models import Page, Site

# The ETag is set inside the response cache, so a cached answer keeps it (core/cache.py).
from core.cache import cached_response, conditional_get
from core.public_url import base_url

PAGE_SIZE = 2000
CACHE_SECONDS = 3600


def own_url_models():
    """Page models that add or withhold sitemap URLs of their own."""
    from wagtail.models import get_page_models

    return [
        model
        for model in get_page_models()
        if model.get_sitemap_urls is not Page.get_sitemap_urls and not model._meta.abstract
    ]


class SiteSitemap(Sitemap):
    """Pages of one Wagtail site, with absolute URLs on the public base URL (as the pages'
    canonical links), whatever host the crawler used."""

    limit = PAGE_SIZE

    def __init__(self, site):
        self.site = site
        self.root_path = site.root_page.url_path
        self.root_url = base_url()

    def page_urls(self, page_number):
        """The URLs of one page of this section, for Django's sitemap template."""
        return [
            {"location": self.root_url + self.location(item), "lastmod": self.lastmod(item)}
            for item in self.paginator.page(page_number).object_list
        ]

    @cached_property
    def roots(self):
        """[(tree path, url_path, URL prefix, language)] of the site's root page and of its
        live translations, the default language first."""
        root = self.site.root_page
        rows = (
            Page.objects.live()
            .filter(translation_key=root.translation_key)
            .values_list("path", "url_path", "locale__language_code")
        )
        roots = []
        for path, url_path, language in rows:
            with translation.override(language):
                prefix = reverse("wagtail_serve", args=("",))
            roots.append((path, url_path, prefix, language))
        roots.sort(key=lambda item: item[0] != root.path)
        return roots or [(root.path, root.url_path, "/", translation.get_language())]

    def pages(self):
        under_a_root = reduce(or_, [Q(path__startswith=path) for path, *_rest in self.roots])
        return Page.objects.live().public().filter(under_a_root).order_by("path")

    def page_location(self, url_path):
        """The path of a page at its language's prefix (/inovasi/x/, /en/inovasi/x/)."""
        for _path, root_url_path, prefix, _language in self.roots:
            if url_path.startswith(root_url_path):
                return prefix + url_path[len(root_url_path) :]
        return "/" + url_path[len(self.root_path) :]

    @cached_property
    def own_url_types(self):
        models = own_url_models()
        return list(ContentType.objects.get_for_models(*models).values()) if models else []


class PageSitemap(SiteSitemap):
    def items(self):
        return (
            self.pages()
            .exclude(content_type__in=self.own_url_types)
            .values_list("url_path", "last_published_at")
        )

    def location(self, item):
        return self.page_location(item[0])

    def lastmod(self, item):
        return item[1]

    def get_latest_lastmod(self):
        return self.items().aggregate(latest=Max("last_published_at"))["latest"]


class ArchiveSitemap(SiteSitemap):
    @cached_property
    def archive_entries(self):
        pages = self.pages().filter(content_type__in=self.own_url_types).specific()
        return [
            {**entry, "lastmod": entry.get("lastmod") or self.changed(page)}
            for page in pages
            for entry in page.get_sitemap_urls()
        ]

    @staticmethod
    def changed(page):
        """A listing or archive changes when the page or anything published under it does."""
        latest = (
            Page.objects.live()
            .descendant_of(page, inclusive=True)
            .aggregate(latest=Max("last_published_at"))["latest"]
        )
        return latest or page.latest_revision_created_at or page.first_published_at

    def items(self):
        return self.archive_entries

    def location(self, item):
        return urlsplit(item["location"]).path

    def lastmod(self, item):
        return item["lastmod"]


# Public views outside the page tree, by URL name.
FIXED_URL_NAMES = (
    "open_data",
    "api_docs",
    "participation:report",
    "participation:public_list",
    "monitoring:dashboard",
)
# The map is a route of the catalogue page (a routable page): found by model name, as core
# imports no domain app.
MAP_PAGE_MODEL = ("innovations", "innovationindexpage")
MAP_SUBPATH = "peta/"


class FixedSitemap(SiteSitemap):
    @cached_property
    def latest(self):
        # These views list published content: they change when a page is published.
        return self.pages().aggregate(latest=Max("last_published_at"))["latest"]

    @cached_property
    def paths(self):
        paths = []
        for name in FIXED_URL_NAMES:
            try:
                path = reverse(name)
            except NoReverseMatch:
                continue
            # The same view in every language that has a home page.
            paths += [translate_url(path, language) for *_rest, language in self.roots]
        catalogues = self.pages().filter(
            content_type__app_label=MAP_PAGE_MODEL[0], content_type__model=MAP_PAGE_MODEL[1]
        )
        for url_path in catalogues.values_list("url_path", flat=True):
            paths.append(self.page_location(url_path) + MAP_SUBPATH)
        return list(dict.fromkeys(paths))

    def items(self):
        return self.paths

    def location(self, item):
        return item

    def lastmod(self, item):
        return self.latest

    def get_latest_lastmod(self):
        return self.latest


def sections(request):
    site = Site.find_for_request(request) or Site.objects.get(is_default_site=True)
    return {
        "halaman": PageSitemap(site),
        "arsip": ArchiveSitemap(site),
        "lain": FixedSitemap(site),
    }


@cached_response(lambda: CACHE_SECONDS)
@conditional_get
@require_safe
def index(request):
    items = []
    for name, sitemap in sections(request).items():
        url = sitemap.root_url + reverse("sitemap_section", args=[name])
        lastmod = sitemap.get_latest_lastmod()
        items.append(SitemapIndexItem(url, lastmod))
        items += [
            SitemapIndexItem(f"{url}?p={number}", lastmod)
            for number in sitemap.paginator.page_range[1:]
        ]
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": items}, content_type="application/xml"
    )


@cached_response(lambda: CACHE_SECONDS)
@conditional_get
@require_safe
def section(request, section):
    sitemap = sections(request).get(section)
    if sitemap is None:
        raise Http404("No such sitemap section")
    try:
        urls = sitemap.page_urls(request.GET.get("p", 1))
    except (EmptyPage, PageNotAnInteger) as error:
        raise Http404("No such sitemap page") from error
    return TemplateResponse(
        request, "sitemap.xml", {"urlset": urls}, content_type="application/xml"
    )
