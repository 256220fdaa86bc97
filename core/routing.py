"""Wagtail's routing of a page view, kept in the shared cache.

Before a page renders, Wagtail finds its site (a query), the site's root page in the active
locale (two), each page along the path (one per segment), the specific page (one) and the
view restrictions of the page and its ancestors (two): six to nine queries on every page view
that the response cache does not answer, the same for every visitor.

`RouteCacheMiddleware` keeps what routing found for a host, language and path (the site, the
specific page and the restrictions that apply to it) and hands it to Wagtail's serve view
through the request attributes Wagtail itself memoises the route and the site in. An entry
depends on the global generation and on "content" (core/cache.py), which every publish,
unpublish, move, delete or save of a live page renews, and the generation renews on any change
of a site or a view restriction: an entry is never older than the last change of a page. A
routable page keeps the segments below it, which its own `route` resolves again on every
request without a query; a path that does not resolve, or answers anything but 200, is not
kept.
"""

import copy
import functools
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from wagtail import views as wagtail_views
from wagtail.models import Page, PageViewRestriction, Site

from core.cache import (
    ALL,
    CONTENT,
    derived,
    fresh,
    generation_key,
    request_language,
    tags_digest,
    tokens,
)

ROUTE_PREFIX = "core:route:"


def route_seconds():
    """Seconds a route stays in the shared cache (0: every request routes)."""
    return getattr(settings, "ROUTE_CACHE_SECONDS", 300)


def route_key(request):
    raw = "\n".join((request.get_host(), request_language(request), request.path_info))
    return ROUTE_PREFIX + hashlib.sha256(raw.encode()).hexdigest()


def request_site(request):
    """The request's Wagtail site, as `Site.find_for_request` gives it, kept per host and port
    in the content generation (a change of any site starts a new one). A page view routed here
    has its site already; any other view (search, forms, the replication finder) made Wagtail
    look it up with a query on every request. Wagtail reads it back from the request."""
    if request is None:
        return None
    if not hasattr(request, "_wagtail_site"):
        where = f"{request._get_raw_host()}:{request.get_port()}"
        key = generation_key("site", hashlib.sha256(where.encode()).hexdigest()[:32])
        site = derived.get_or_set(key, lambda: Site.find_for_request(request), route_seconds())
        request._wagtail_site = site
    return request._wagtail_site


def restricted_pages():
    """The pages a view restriction applies to (each heads a private section), kept until the
    next publish, move or delete of any page (their paths) or change of a restriction (a new
    generation): Wagtail's `public()` reads them with a query every time."""
    return derived.get_or_set(
        f"core:restricted-pages:{tags_digest(CONTENT)}",
        lambda: [
            restriction.page for restriction in PageViewRestriction.objects.select_related("page")
        ],
        route_seconds(),
    )


def private_condition(pages):
    """Wagtail's `private_q()` for these restricted pages: the pages and what is below them."""
    condition = Q()
    for page in pages:
        condition |= Page.objects.descendant_of_q(page, inclusive=True)
    return condition if condition else Q(pk__in=[])


def public(queryset):
    """`queryset.public()` without its query: the pages outside every private section."""
    return queryset.exclude(private_condition(restricted_pages()))


def _give_restrictions(page, restrictions):
    """Wagtail's before_serve_page hook asks the page for its view restrictions: it gets the
    list read with the route (a partial, not a lambda: the page stays picklable)."""
    page.get_view_restrictions = functools.partial(list, restrictions)


def _attach(request, site, page, rest, restrictions):
    """Give Wagtail the route as if it had found it for this request: the page's own
    `route` for what is left of the path (nothing, or a routable page's sub-path) runs
    without a query."""
    found = page.route(request, rest)
    if found.page is not page:
        return False
    request._wagtail_site = site
    request._wagtail_route_for_request = found
    _give_restrictions(page, restrictions)
    return True


def _route(request, path):
    """Route the request the way Wagtail's serve view does, and keep the route."""
    request_tokens = tokens([ALL, CONTENT])  # read before the pages are
    found = Page.route_for_request(request, path)
    if found is None:
        return
    site = Site.find_for_request(request)
    page = found.page
    components = [component for component in path.split("/") if component]
    # What the page itself routes (a routable page's sub-path): the segments below it.
    rest = components[page.depth - site.root_page.depth :]
    restrictions = list(page.get_view_restrictions())
    entry = {
        "site": site,
        "page": page,
        "rest": rest,
        "restrictions": restrictions,
        "tokens": request_tokens,
    }
    # Kept once the page has answered 200 (RouteCacheMiddleware), as it is now: rendering
    # adds what this request loaded to the page object.
    request._route_to_keep = (route_key(request), copy.deepcopy(entry))
    _give_restrictions(page, restrictions)


class RouteCacheMiddleware:
    """Serve Wagtail's page views with the route kept for their host, language and path."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # Only routes that answered 200 are kept: a path a page resolves but answers 404 to
        # (a year without news) leaves nothing, as in the response cache.
        pending = request.__dict__.pop("_route_to_keep", None)
        if pending is not None and response.status_code == 200:
            key, entry = pending
            cache.set(key, entry, route_seconds())
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is not wagtail_views.serve or request.method not in ("GET", "HEAD"):
            return None
        if not route_seconds():
            return None
        entry = cache.get(route_key(request))
        hit = entry is not None and fresh(entry)
        if not (
            hit
            and _attach(request, entry["site"], entry["page"], entry["rest"], entry["restrictions"])
        ):
            # Wagtail's URL pattern passes the path below the language prefix positionally.
            _route(request, view_args[0] if view_args else view_kwargs.get("path", ""))
        return None
