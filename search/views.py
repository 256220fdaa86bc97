"""The public search page (/cari/) and its autocomplete endpoint."""

import hashlib

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_safe
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page
from wagtail.search.utils import normalise_query_string

from core.cache import (
    CONTENT,
    KEPT_SECONDS,
    derived,
    kept_items,
    on_hit,
    page_timeout,
    serve_cached,
    tags_digest,
)
from core.routing import public, request_site
from publications.models import Regulation
from publications.models.snippets import with_translations

from .facets import FACETS, build_facets, catalogue_facets, describe
from .highlight import highlight, plain_text
from .log import search_log
from .models import PopularSearch, SearchQueryClient
from .query import clean_query, plain_query, query_words
from .service import autocomplete_matches, search_page

RESULTS_PER_PAGE = 10
AUTOCOMPLETE_LIMIT = 8
MAX_FACET_VALUE_LENGTH = 100


def _facet_value(value):
    value = clean_query(value or "")
    return value[:MAX_FACET_VALUE_LENGTH]


def _regulation_urls(regulations, request):
    """Public URL of each regulation: its page under the regulations index, when published."""
    regulations = list(regulations)
    if not regulations:
        return {}
    try:
        from publications.models import RegulationIndexPage
    except ImportError:
        RegulationIndexPage = None
    # The list of the language read (/en/regulasi/ on /en/), else the Indonesian one.
    index = RegulationIndexPage.for_active_language() if RegulationIndexPage else None
    urls = {}
    for regulation in regulations:
        if index is not None:
            urls[regulation.pk] = index.get_url(request) + index.reverse_subpage(
                "regulation", args=[regulation.slug]
            )
        else:
            urls[regulation.pk] = regulation.document.url if regulation.document_id else ""
    return urls


def _regulations(ids):
    """{id: regulation} with its document and translation; nothing asked for none."""
    if not ids:
        return {}
    found = Regulation.objects.filter(pk__in=ids).select_related("document")
    return {regulation.pk: regulation for regulation in with_translations(found)}


def _snippet_source(obj):
    for name in ("summary", "tagline", "search_description", "intro"):
        value = getattr(obj, name, "")
        if plain_text(value):
            return value
    return ""


def _kept_matches(request, namespace, keys, describe_missing):
    """{"kind:pk": what `describe_missing(names, request)` made of it} for the matches
    `keys` ((kind, pk), best first), each kept per language and site until the next publish
    (their URLs are made for the request's site), a new view restriction, a taxonomy's or a
    regulation's edit (the generation): None for one not shown."""
    site = request_site(request)
    prefix = f"search:{namespace}:{get_language()}:{site.pk if site else ''}"
    names = [f"{kind}:{pk}" for kind, pk in keys]
    found, _tokens = kept_items(
        prefix, names, CONTENT, lambda missing: describe_missing(missing, request), KEPT_SECONDS
    )
    return [found[name] for name in names if found.get(name)]


def _keys(names):
    """(kind, pk) of "kind:pk" names."""
    return [(kind, int(pk)) for kind, pk in (name.split(":") for name in names)]


def _ids(keys, kind):
    return [pk for key_kind, pk in keys if key_kind == kind]


def _describe_results(names, request):
    """What each match named shows on the search page (None for one no longer published
    or public), for `_kept_matches`."""
    items, names_of = describe(_keys(names))
    page_ids = [item.pk for item in items if item.kind == "page"]
    pages = {
        page.pk: page
        for page in Page.objects.filter(pk__in=page_ids).specific().defer_streamfields()
    }
    regulations = _regulations([item.pk for item in items if item.kind == "regulation"])
    regulation_urls = _regulation_urls(regulations.values(), request)
    found = dict.fromkeys(names)
    for item in items:
        obj = pages.get(item.pk) if item.kind == "page" else regulations.get(item.pk)
        if obj is None:
            continue
        if item.kind == "page":
            title, url = obj.title, obj.get_url(request)
        else:
            title, url = str(obj), regulation_urls.get(obj.pk, "")
        found[f"{item.kind}:{item.pk}"] = {
            "key": (item.kind, item.pk),
            "title": title,
            "url": url,
            "type_label": item.type_label,
            "year": item.year,
            "regions": sorted(names_of["wilayah"].get(slug, slug) for slug in item.regions),
            "source": _snippet_source(obj),
        }
    return found


def _results(entries, matches, words):
    """The current page of results, ready for the template, in rank order: the query's
    words marked in each title and snippet (the engine's own highlight where it gave one)."""
    return [
        {
            **entry,
            "title_html": highlight(entry["title"], words, max_length=300),
            "snippet": matches.highlights.get(entry["key"]) or highlight(entry["source"], words),
        }
        for entry in entries
    ]


PROMOTIONS_SECONDS = 300


def _promotions(query):
    """The editors' recommendations for `query`, kept per query string until any publish or
    any change of a promotion (they renew the "content" token: search.apps)."""
    query_string = normalise_query_string(query)
    digest = hashlib.sha256(query_string.encode()).hexdigest()[:32]

    def find():
        return list(
            SearchPromotion.objects.filter(query__query_string=query_string)
            .select_related("page")
            .order_by("sort_order")
        )

    key = f"search:promotions:{tags_digest(CONTENT)}:{digest}"
    return derived.get_or_set(key, find, PROMOTIONS_SECONDS)


def popular_queries(limit=6, days=90):
    """What "Pencarian populer" shows: never a visitor's raw text.

    Staff-pinned searches first, then searches staff allowed (PopularSearch) that at least
    SEARCH_POPULAR_MIN_CLIENTS distinct clients (per day) made in the last `days` days.
    """
    allowed = list(PopularSearch.objects.filter(allowed=True))
    pinned = [entry.query_string for entry in allowed if entry.pinned]
    candidates = [entry.query_string for entry in allowed if not entry.pinned]
    counted = []
    if candidates and len(pinned) < limit:
        since = timezone.localdate() - timezone.timedelta(days=days)
        threshold = getattr(settings, "SEARCH_POPULAR_MIN_CLIENTS", 5)
        counted = list(
            SearchQueryClient.objects.filter(date__gte=since, query_string__in=candidates)
            .values("query_string")
            .annotate(clients=Count("pk"))
            .filter(clients__gte=threshold)
            .order_by("-clients", "query_string")
            .values_list("query_string", flat=True)[: limit - len(pinned)]
        )
    return (pinned + counted)[:limit]


def response_cache_seconds():
    """How long an anonymous answer of /cari/ is shared (0: never); by default as long as a
    page's (PAGE_CACHE_SECONDS)."""
    return getattr(settings, "SEARCH_CACHE_SECONDS", page_timeout())


@require_safe
def search(request):
    """The search page. A query asked again while nothing was published since is answered
    from the response cache (before routing); the search is counted in the log all the same
    (search.log), by the hook stored with the answer."""
    return serve_cached(request, lambda: _search(request), response_cache_seconds(), repeated=True)


def _search(request):
    query = clean_query(request.GET.get("q", ""))
    selected = {facet: _facet_value(request.GET.get(facet)) for facet, _label in FACETS}
    selected = {facet: value for facet, value in selected.items() if value}
    context = {"query": query, "selected": selected, "searched": bool(query_words(query))}
    if context["searched"]:
        try:
            page_number = int(request.GET.get("halaman", "1"))
        except ValueError:
            page_number = 1
        answer = search_page(query, selected, page_number, RESULTS_PER_PAGE)
        entries = _kept_matches(request, "result", answer.keys, _describe_results)
        paginator = Paginator(range(answer.total), RESULTS_PER_PAGE)
        page = paginator.get_page(answer.page_number)
        page.object_list = entries
        context.update(
            {
                "matches": answer,
                "total": answer.total,
                "facets": build_facets(answer.facet_counts, selected),
                "page_obj": page,
                "results": _results(entries, answer, query_words(query)),
                "suggestion": answer.suggestion,
                "promotions": _promotions(query) if page.number == 1 else [],
            }
        )
        if not selected and page.number == 1:
            search_log.record(request, query, answer.total)
            on_hit(request, "search-log", query, answer.total)
        if not answer.total:
            context["catalogue"] = catalogue_facets()
    if not context["searched"] or not context.get("results"):
        context["popular_queries"] = popular_queries()
    query_params = request.GET.copy()
    query_params.pop("halaman", None)
    context["query_params"] = query_params
    return TemplateResponse(request, "search/search.html", context)


@require_safe
def autocomplete(request):
    """Suggestions while typing: a prefix asked again is answered from the response cache."""
    return serve_cached(
        request, lambda: _autocomplete(request), response_cache_seconds(), repeated=True
    )


def _autocomplete(request):
    query = clean_query(request.GET.get("q", ""))
    if len(plain_query(query)) < 2:
        return JsonResponse({"query": query, "results": []})
    ranked = autocomplete_matches(query, AUTOCOMPLETE_LIMIT * 2)
    results = _kept_matches(request, "suggestion", ranked, _suggestions)
    return JsonResponse({"query": query, "results": results[:AUTOCOMPLETE_LIMIT]})


def _suggestions(names, request):
    """{"kind:pk": {title, url, type}} of the matches named, None for one not shown (a
    draft, a restricted page or the site's root: the engine's index may lag behind)."""
    keys = _keys(names)
    page_ids = _ids(keys, "page")
    pages = {}
    if page_ids:
        pages = {
            page.pk: page
            for page in public(Page.objects.live())
            .filter(pk__in=page_ids, depth__gt=2)
            .select_related("content_type")
        }
    regulations = _regulations(_ids(keys, "regulation"))
    regulation_urls = _regulation_urls(regulations.values(), request)
    regulation_label = str(Regulation._meta.verbose_name).capitalize()
    found = dict.fromkeys(names)
    for pk, page in pages.items():
        model = page.content_type.model_class()
        found[f"page:{pk}"] = {
            "title": page.title,
            "url": page.get_url(request),
            "type": str(model._meta.verbose_name).capitalize() if model else "",
        }
    for pk, regulation in regulations.items():
        found[f"regulation:{pk}"] = {
            "title": str(regulation),
            "url": regulation_urls.get(pk, ""),
            "type": regulation_label,
        }
    return found
