"""What the public API may show: the same for everybody.

The public API is anonymous: it never reads the session or the user, so a shared cache or
CDN can hold its answers. Pages behind any view restriction and media in any restricted
collection are left out for everyone, even for a logged-in editor who could see them on
the site (the admin has its own API).
"""

import hashlib

from django.conf import settings
from django.db.models import Prefetch, Q
from wagtail.api.v2.utils import BadRequestError
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Locale,
    Site,
)

from core.cache import CONTENT, derived, generation_key, tags_digest
from core.routing import private_condition, restricted_pages


def public_pages(request, model):
    """Live pages of `model` on the request's site, outside every private section.

    The site and the view restrictions are looked up once per request, however many
    querysets an endpoint builds from them.
    """
    root, private = public_scope(request)
    queryset = model._default_manager.live().exclude(private)
    if root is None:
        return queryset.none()
    return queryset.descendant_of(root, inclusive=True)


SCOPE_SECONDS = 300


def public_scope(request):
    """(the site's root in the requested language or None, the private pages' condition)."""
    if not hasattr(request, "_api_public_scope"):
        root, private_pages = kept_scope(request)
        request._api_public_scope = (root, private_condition(private_pages))
    return request._api_public_scope


def kept_scope(request):
    """(root, pages behind a view restriction), kept in the shared cache per host, port and
    language until any publish, move or view restriction (core.cache's "content" token and
    generation; a site record's change starts a new generation): two queries every API
    request made before, of a few rows that hardly ever change."""
    code = request.GET.get("locale", settings.LANGUAGE_CODE)
    where = f"{request.get_host()}:{request.get_port()}:{code}"
    key = f"api:scope:{tags_digest(CONTENT)}:{hashlib.sha256(where.encode()).hexdigest()[:32]}"

    def root():
        site = Site.find_for_request(request)
        return content_root(request, site.root_page) if site else None

    # The restricted pages are kept on their own (core.routing), under the same token.
    return derived.get_or_set(key, root, SCOPE_SECONDS), restricted_pages()


def content_root(request, root):
    """The site's root in the language of ?locale= (default: Indonesian, the source
    language). English pages are translations under the English root; their
    `translation_key` (in meta) is the source page's (docs/english.md)."""
    code = request.GET.get("locale", settings.LANGUAGE_CODE)
    if code == settings.LANGUAGE_CODE:
        return root
    if code not in dict(settings.LANGUAGES):
        languages = ", ".join(dict(settings.LANGUAGES))
        raise BadRequestError(f"locale: unknown language (allowed: {languages})")
    return root.get_translation_or_none(Locale.objects.filter(language_code=code).first())


def public_pages_prefetch(relation, model):
    """A prefetch of a page relation that keeps only the pages the API may show."""

    def build(request):
        return Prefetch(relation, queryset=public_pages(request, model).order_by("title"))

    return build


def restricted_collection_ids():
    """Collections under any view restriction, whoever asks; kept in the shared cache for
    the content generation (a collection or a collection restriction saved or deleted
    starts a new one: core.cache.connect)."""
    return derived.get_or_set(
        generation_key("api-restricted-collections"), find_restricted_collection_ids, SCOPE_SECONDS
    )


def find_restricted_collection_ids():
    roots = Collection.objects.filter(
        pk__in=CollectionViewRestriction.objects.values("collection_id")
    ).values_list("path", flat=True)
    condition = Q()
    for root_path in roots:
        condition |= Q(path__startswith=root_path)
    if not condition:
        return frozenset()
    return frozenset(Collection.objects.filter(condition).values_list("pk", flat=True))


def request_restricted_collection_ids(request):
    """restricted_collection_ids(), looked up once per request."""
    if not hasattr(request, "_api_restricted_collections"):
        request._api_restricted_collections = restricted_collection_ids()
    return request._api_restricted_collections
