"""One search over every content type, on the engine or on the database backend.

`find_matches` returns the best matches (page and regulation ids in rank order), the
engine's highlights and "did you mean" suggestion. When the engine is down or slow it logs a
warning and answers from the database backend instead; after a failure the engine is left
alone for a short while so that every request does not wait for the same timeout.

`search_page` answers the search page: on the engine in one request (the ranked page, the
true total, facet counts over all matches as aggregations, highlights for the shown page and
the suggestion); on the database backend over every match, the facets counted in the
database (`search.facets`).
"""

import heapq
import json
import logging
import time
from dataclasses import dataclass, field
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import connections
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.query import PlainText

from core.i18n import DEFAULT_LANGUAGE, active_language, readable_pages, readable_rule
from core.routing import public
from publications.models import Regulation

from .backends import ENGLISH_FIELD, ENGLISH_SUBFIELD, SUGGEST_FIELD, UnavailableBackend
from .conf import FIELD_BOOSTS
from .documents import REGIONS, SECTORS, TYPE, YEAR
from .english import english_stems
from .highlight import clean_engine_fragment
from .query import plain_query, query_words
from .understanding import cited_regulations, database_text, engine_text, understand

logger = logging.getLogger(__name__)

# How many ranked matches find_matches returns (the relevance evaluation and the bench read
# the top ten); the search page counts and pages through all matches (search_page).
MAX_MATCHES = 200
ENGINE_PAUSE_SECONDS = 30
_ENGINE_PAUSE_KEY = "search:engine-paused"

HIGHLIGHT_FIELDS = ("title", "*summary", "*tagline", "*beneficiaries", "*venue")
# The fields a snippet is taken from (titles are marked in Python: search.views._results).
SNIPPET_FIELDS = HIGHLIGHT_FIELDS[1:]
# The HTML encoder escapes the text; only the <mark> tags are markup (see highlight.py).
HIGHLIGHT = {
    "encoder": "html",
    "pre_tags": ["<mark>"],
    "post_tags": ["</mark>"],
    "require_field_match": False,
    "fragment_size": 180,
    "number_of_fragments": 1,
    "fields": {name: {} for name in SNIPPET_FIELDS},
}


def highlight_request(query, understanding):
    """What the engine marks in the shown hits: the words typed and their other phrasings
    (corrections, variants, acronyms), matched field by field with each field's analyzer.
    Marking with the whole ranking query (its fuzzy `_suggest` clause expanded on every
    highlighted field) cost more and marked nothing more (bench figures in the commit)."""
    fields = list(HIGHLIGHT_FIELDS)
    texts = dict.fromkeys(
        text for text in (engine_text(query), *map(engine_text, understanding.alternatives)) if text
    )
    marked = [{"multi_match": {"query": text, "fields": fields}} for text in texts]
    return {**HIGHLIGHT, "highlight_query": {"bool": {"should": marked}}}


def suggest_request(query, understanding):
    """The engine's term suggester for "did you mean", or None when every word is known to
    the published vocabulary (search.understanding): a known word is in the index, which
    `suggest_mode: missing` never corrects."""
    if understanding.all_known:
        return None
    return {
        "text": plain_query(query),
        "spelling": {
            "term": {"field": SUGGEST_FIELD, "suggest_mode": "missing", "min_word_length": 4}
        },
    }


def presentation(query, understanding, highlight=True):
    """The parts of an engine request that present the hits rather than rank them: the
    snippets' highlights and the "did you mean" suggester, when they are wanted."""
    parts = {}
    if highlight:
        parts["highlight"] = highlight_request(query, understanding)
    suggest = suggest_request(query, understanding)
    if suggest:
        parts["suggest"] = suggest
    return parts


@dataclass
class Matches:
    """Ranked matches: ("page" | "regulation", id) pairs, best first."""

    ranked: list = field(default_factory=list)
    highlights: dict = field(default_factory=dict)
    suggestion: str = ""
    backend: str = "database"
    fell_back: bool = False


def engine_backend():
    """The configured engine backend, or None when search runs on the database.

    Wagtail builds a new backend, and so a new HTTP client and connection pool, on every
    get_search_backend() call; searches reuse one per configuration instead.
    """
    config = settings.WAGTAILSEARCH_BACKENDS.get("default", {})
    if "URLS" not in config and "HOSTS" not in config:
        return None
    return _backend_for(json.dumps(config, sort_keys=True, default=str))


@lru_cache(maxsize=4)
def _backend_for(_config_key):
    try:
        backend = get_search_backend("default")
    except Exception as error:
        # A backend that cannot even be built (its client fails to import) is an engine
        # failure like any other: searches fall back to the database backend.
        logger.error("Search engine backend cannot be loaded: %s", error)
        return UnavailableBackend({})
    return backend if hasattr(backend, "es") or isinstance(backend, UnavailableBackend) else None


def find_matches(query, *, use_engine=True, max_matches=MAX_MATCHES, highlight=True):
    """Ranked matches for a cleaned query, with the engine's extras where available."""
    if not query_words(query):
        return Matches()
    engine = engine_backend() if use_engine else None
    if engine is not None and not cache.get(_ENGINE_PAUSE_KEY):
        try:
            return engine_matches(engine, query, max_matches, highlight)
        except Exception:
            # Any failure of the engine (refused, timed out, an index missing) must leave the
            # visitor with results: log it for operations and answer from the database.
            logger.warning("Search engine unavailable; answering from the database", exc_info=True)
            pause_engine()
            matches = database_matches(query, max_matches)
            matches.fell_back = True
            return matches
    matches = database_matches(query, max_matches)
    matches.fell_back = engine is not None
    return matches


def engine_paused():
    return bool(cache.get(_ENGINE_PAUSE_KEY))


def pause_engine():
    """Leave the engine alone for a while after a failure."""
    cache.set(_ENGINE_PAUSE_KEY, time.time(), ENGINE_PAUSE_SECONDS)


def resume_engine():
    """Forget an earlier engine failure (after `make engine`, and in tests)."""
    cache.delete(_ENGINE_PAUSE_KEY)


# A first page of results (search.views.RESULTS_PER_PAGE).
ENOUGH_MATCHES = 10


def scored(kind, results):
    """[(kind, pk, relevance)] of the database backend's `results` in rank order, read as
    values (a broad query matches thousands of pages, and building a model instance for each
    cost more than the search itself). Relevance grows with the match on every backend:
    PostgreSQL's ts_rank grows, SQLite's BM25 falls."""
    queryset = results.annotate_score("_score").get_queryset()
    connection = connections[queryset.db]
    sign = -1 if connection.vendor == "sqlite" else 1
    try:
        sql, params = queryset.values_list("pk", "_score").query.sql_with_params()
    except EmptyResultSet:
        return []
    # Read straight from the cursor: Django's converters ran once per row (a float each) for
    # thousands of rows.
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return [(kind, pk, sign * (score or 0)) for pk, score in rows]


def by_relevance(*lists):
    """One ranked list of (kind, pk) from lists of `scored` rows: pages and regulations are
    ranked by the same measure over the same index, so a regulation that matches better
    than a news article comes first (a tie keeps the first list's row first)."""
    merged = heapq.merge(*lists, key=lambda row: -row[2])
    return [(kind, pk) for kind, pk, _relevance in merged]


def database_matches(query, max_matches=MAX_MATCHES):
    """Ranked matches from the database backend: all of them when max_matches is None.

    The query and its other phrasings (search.understanding: corrections, variants,
    synonyms, acronyms) match when all their words do; when that finds fewer than
    ENOUGH_MATCHES, the matches of any word follow them, as the engine's ranking lets any
    word match and ranks documents with all of them higher ("perpustakaan Kabupaten Gowa"
    also finds Gowa's libraries whose text never says "Kabupaten").
    """
    backend = get_search_backend("database")
    understanding = understand(query)
    phrasings = [database_text(query), *map(database_text, understanding.alternatives)]
    phrasings = [text for text in dict.fromkeys(phrasings) if text]
    matches = Matches(backend="database", suggestion=understanding.suggestion)
    pages_queryset = readable_pages(public(Page.objects.live())).only("pk")
    # An English reader's query matches English pages' English stems too (search.english);
    # regulations and Indonesian readers are searched as before.
    stems = english_stems(phrasings[0]) if active_language() != DEFAULT_LANGUAGE else ""
    ranked = []
    for operator in ("and", "or"):
        search_query = PlainText(phrasings[0], operator=operator)
        for text in phrasings[1:]:
            search_query |= PlainText(text, operator=operator)
        pages_query = search_query
        if stems and stems not in phrasings:
            pages_query = search_query | PlainText(stems, operator=operator)
        pages = backend.search(pages_query, pages_queryset)
        regulations = backend.search(search_query, Regulation.objects.only("pk"))
        if max_matches is not None:
            pages, regulations = pages[:max_matches], regulations[:max_matches]
        found = by_relevance(scored("page", pages), scored("regulation", regulations))
        seen = set(ranked)
        ranked += [key for key in found if key not in seen]
        if len(ranked) >= ENOUGH_MATCHES:
            break
    # A regulation cited by its number comes first.
    cited = [("regulation", pk) for pk in cited_regulations(query)]
    ranked = cited + [key for key in ranked if key not in cited]
    matches.ranked = ranked if max_matches is None else ranked[:max_matches]
    return matches


def _fields(backend):
    boosted = [
        backend.mapping_class(Page).get_boost_field_name(boost) + f"^{boost}"
        for boost in sorted(set(FIELD_BOOSTS.values()) | {2})
    ]
    fields = ["_all_text", f"title^{FIELD_BOOSTS['title']}", *boosted]
    if active_language() != DEFAULT_LANGUAGE:
        # English analysis beside the Indonesian one: English pages match by English stems
        # ("libraries" ~ "library"), untranslated Indonesian ones still by the glossary.
        fields += [ENGLISH_FIELD, f"title.{ENGLISH_SUBFIELD}^{FIELD_BOOSTS['title']}"]
    return fields


# Ranking on the engine, tuned on the judged set (manage.py evaluate_search):
# - every query word is stemmed and any of them may match, the fields taken as one
#   (cross_fields: title, tagline and summary boosted, then all text);
# - misspelt whole words match through `_suggest` with edit distance (none under four
#   letters, one up to five, two from six: AUTO:4,6);
# - documents that hold all the words, or the words as a phrase, rank higher.
# On the 48 judged queries this scored nDCG@10 0.874 where "most of the words must match"
# (most_fields, 2<75%) scored 0.825: recall matters for short Indonesian queries.
RANKING = {
    "type": "cross_fields",
    "minimum_should_match": "1",
    "fuzzy_boost": 0.5,
    "all_words_boost": 2,
    "phrase_boost": 2,
    "alternative_boost": 0.8,
}


def engine_query(backend, query, minimum_should_match=None, understanding=None):
    """The engine query for a cleaned query string; see RANKING.

    Other phrasings of the query (search.understanding: corrections, run-together words,
    spelling variants, acronyms; synonyms are the analyzer's) match too, as all their words.
    """
    text = engine_text(query)
    fields = _fields(backend)
    minimum_should_match = minimum_should_match or RANKING["minimum_should_match"]
    if understanding is None:
        understanding = understand(query, synonyms=False)
    alternatives = [
        {
            "multi_match": {
                "query": engine_text(alternative),
                "fields": fields,
                "type": RANKING["type"],
                "operator": "and",
                "boost": RANKING["alternative_boost"],
            }
        }
        for alternative in understanding.alternatives
    ]
    cited = cited_regulations(query)
    if cited:
        # A regulation cited by its number ("UU 25 2009") comes first.
        regulation_type = backend.mapping_class(Regulation).get_content_type()
        alternatives.append(
            {
                "constant_score": {
                    "filter": {
                        "bool": {
                            "filter": [
                                {"ids": {"values": [str(pk) for pk in cited]}},
                                {"match": {"_django_content_type": regulation_type}},
                            ]
                        }
                    },
                    "boost": 1000,
                }
            }
        )
    should = [
        {
            "multi_match": {
                "query": text,
                "fields": fields,
                "type": "phrase",
                "slop": 2,
                "boost": RANKING["phrase_boost"],
            }
        }
    ]
    if RANKING["all_words_boost"]:
        should.append(
            {
                "multi_match": {
                    "query": text,
                    "fields": fields,
                    "type": RANKING["type"],
                    "operator": "and",
                    "boost": RANKING["all_words_boost"],
                }
            }
        )
    return {
        "bool": {
            "must": [
                {
                    "bool": {
                        "should": [
                            {
                                "multi_match": {
                                    "query": text,
                                    "fields": fields,
                                    "type": RANKING["type"],
                                    "operator": "or",
                                    "minimum_should_match": minimum_should_match,
                                }
                            },
                            {
                                "match": {
                                    SUGGEST_FIELD: {
                                        "query": text,
                                        "fuzziness": "AUTO:4,6",
                                        "prefix_length": 1,
                                        "minimum_should_match": minimum_should_match,
                                        "boost": RANKING["fuzzy_boost"],
                                    }
                                }
                            },
                            *alternatives,
                        ],
                        "minimum_should_match": 1,
                    }
                }
            ],
            "should": should,
            "filter": [content_filter(backend)],
        }
    }


def language_filter(rule=None):
    """The engine's form of core.i18n.readable_pages: the pages of the active language and,
    in English, the Indonesian pages not translated yet (on the indexed locale and
    translation_key filter fields of every page document)."""
    rule = rule or readable_rule()
    shown = [{"term": {"locale_id_filter": rule.locale_id}}]
    if rule.default_locale_id is not None:
        untranslated = {"filter": [{"term": {"locale_id_filter": rule.default_locale_id}}]}
        if rule.translated_keys:
            untranslated["must_not"] = [
                {"terms": {"translation_key_filter": list(rule.translated_keys)}}
            ]
        shown.append({"bool": untranslated})
    return {"bool": {"should": shown, "minimum_should_match": 1}}


def content_filter(backend):
    """Live pages of the active language (language_filter) and regulations."""
    regulation_type = backend.mapping_class(Regulation).get_content_type()
    return {
        "bool": {
            "should": [
                {
                    "bool": {
                        "filter": [
                            {"match": {"_django_content_type": "wagtailcore.Page"}},
                            {"term": {"live_filter": True}},
                            language_filter(),
                        ]
                    }
                },
                {"match": {"_django_content_type": regulation_type}},
            ],
            "minimum_should_match": 1,
        }
    }


def _ranked_hits(backend, response):
    regulation_index = engine_indices(backend)[1]
    return [
        (
            "regulation" if hit["_index"].startswith(regulation_index) else "page",
            int(hit["fields"]["pk"][0]),
        )
        for hit in response["hits"]["hits"]
    ]


def autocomplete_matches(query, limit):
    """(kind, pk) of titles that start like the query's words: engine, or database."""
    text = plain_query(query)
    engine = engine_backend()
    if engine is not None and not engine_paused():
        try:
            body = {
                "query": {
                    "bool": {
                        "must": {"match": {"_edgengrams": {"query": text, "operator": "and"}}},
                        "filter": [content_filter(engine)],
                    }
                },
                "size": limit,
                "_source": False,
                "stored_fields": ["pk"],
            }
            response = engine_search(
                engine,
                body,
                index=",".join(engine_indices(engine)),
                request_timeout=engine.query_timeout,
            )
            return _ranked_hits(engine, response)
        except Exception:
            logger.warning("Search engine unavailable for autocomplete", exc_info=True)
            pause_engine()
    backend = get_search_backend("database")
    pages = backend.autocomplete(text, readable_pages(Page.objects.live()))[:limit]
    regulations = backend.autocomplete(text, Regulation)[:limit]
    ranked = [("page", page.pk) for page in pages]
    ranked += [("regulation", regulation.pk) for regulation in regulations]
    return ranked


def engine_indices(backend):
    return [
        backend.get_index_for_model(Page).name,
        backend.get_index_for_model(Regulation).name,
    ]


def engine_search(backend, body, **params):
    """Run a search on the engine with the client's calling convention."""
    if backend.use_new_elasticsearch_api:
        return backend.es.search(**body, **params)
    return backend.es.search(body=body, **params)


class EngineAnswerError(Exception):
    """One search of a multi-search failed (the round trip itself succeeded)."""


def engine_msearch(backend, bodies, index, **params):
    """Several searches of one index in one round trip: their answers, in order. A failed
    one raises, as a failed single search does.

    Each search may be answered from the engine's shard request cache, which holds an
    answer until the index next changes (a refresh after a publish): by default the engine
    keeps only those of size 0 (counts), and a page of results asked again (a popular
    query, the first catalogue page) costs its scoring again. The highlights, made after,
    are made for each request."""
    lines = []
    for body in bodies:
        lines += [{"index": index, "request_cache": True}, body]
    if backend.use_new_elasticsearch_api:
        response = backend.es.msearch(searches=lines, **params)
    else:
        response = backend.es.msearch(body=lines, **params)
    answers = response["responses"]
    for answer in answers:
        if "error" in answer:
            raise EngineAnswerError(answer["error"])
    return answers


def engine_matches(backend, query, max_matches=MAX_MATCHES, highlight=True):
    """Ranked matches; if a stricter RANKING finds nothing, any word may match."""
    matches = None
    understanding = understand(query, synonyms=False)
    for minimum_should_match in dict.fromkeys((RANKING["minimum_should_match"], "1")):
        matches = _engine_matches(
            backend, query, understanding, max_matches, highlight, minimum_should_match
        )
        if matches.ranked:
            break
    return matches


def _engine_matches(backend, query, understanding, max_matches, highlight, minimum_should_match):
    es_query = engine_query(backend, query, minimum_should_match, understanding=understanding)
    indices = engine_indices(backend)
    body = {
        "query": es_query,
        "size": max_matches,
        "_source": False,
        "stored_fields": ["pk"],
        **presentation(query, understanding, highlight),
    }
    response = engine_search(
        backend, body, index=",".join(indices), request_timeout=backend.query_timeout
    )
    matches = Matches(backend="engine")
    matches.ranked = _ranked_hits(backend, response)
    if highlight:
        matches.highlights = _highlights(backend, response)
    matches.suggestion = understanding.suggestion or _suggestion(
        query, response.get("suggest", {}).get("spelling", [])
    )
    return matches


def _highlights(backend, response):
    """The snippet of each hit: its first highlighted field, in SNIPPET_FIELDS' order."""
    highlights = {}
    for key, hit in zip(_ranked_hits(backend, response), response["hits"]["hits"], strict=True):
        fragments = hit.get("highlight") or {}
        for suffix in (name.lstrip("*") for name in SNIPPET_FIELDS):
            found = [value for field, value in fragments.items() if field.endswith(suffix)]
            if found:
                highlights[key] = clean_engine_fragment(found[0][0])
                break
    return highlights


def _suggestion(query, entries):
    """The query with each misspelt word replaced by the engine's best suggestion."""
    words = plain_query(query).split()
    changed = False
    corrected = []
    suggestions = {entry["text"].lower(): entry["options"] for entry in entries}
    for word in words:
        options = suggestions.get(word.lower())
        if options:
            corrected.append(options[0]["text"])
            changed = True
        else:
            corrected.append(word)
    return " ".join(corrected) if changed else ""


@dataclass
class SearchPage:
    """One page of the search page's answer: counts and facets cover every match."""

    total: int = 0
    keys: list = field(default_factory=list)  # (kind, pk) of the shown page, best first
    facet_counts: dict = field(default_factory=dict)  # facet -> {value: count}
    highlights: dict = field(default_factory=dict)
    suggestion: str = ""
    backend: str = "database"
    fell_back: bool = False
    page_number: int = 1


FACET_FIELDS = {"jenis": TYPE, "wilayah": REGIONS, "urusan": SECTORS, "tahun": YEAR}
MAX_FACET_VALUES = 500
TOTAL = "_total"  # the aggregation of every match passing the selected facets


def search_page(query, selected, page_number, per_page, *, use_engine=True):
    """The page `page_number` of matches passing the `selected` facets, with true counts."""
    if not query_words(query):
        return SearchPage()
    engine = engine_backend() if use_engine else None
    if engine is not None and not engine_paused():
        try:
            return engine_search_page(engine, query, selected, page_number, per_page)
        except Exception:
            logger.warning("Search engine unavailable; answering from the database", exc_info=True)
            pause_engine()
    answer = database_search_page(query, selected, page_number, per_page)
    answer.fell_back = engine is not None
    return answer


def database_search_page(query, selected, page_number, per_page):
    from .facets import count_facets, describe

    matches = database_matches(query, max_matches=None)
    items, _names = describe(matches.ranked)
    kept, counts = count_facets(items, selected)
    pages = max(1, -(-len(kept) // per_page))
    page_number = min(max(1, page_number), pages)
    shown = kept[(page_number - 1) * per_page : page_number * per_page]
    return SearchPage(
        total=len(kept),
        keys=[(item.kind, item.pk) for item in shown],
        facet_counts=counts,
        suggestion=matches.suggestion,
        page_number=page_number,
    )


def _terms(field_name, values):
    return {"terms": {field_name: list(values)}}


def engine_search_page(backend, query, selected, page_number, per_page):
    """Ranked page, total, facet aggregations, highlights and suggestion in one round trip:
    the counts (each facet under the others' selections, and the total) are a search of size
    0, which the engine keeps in its shard request cache until the index next changes, the
    page a second search of the same multi-search."""
    filters = {facet: _terms(FACET_FIELDS[facet], [value]) for facet, value in selected.items()}
    aggregations = {TOTAL: {"filter": {"bool": {"filter": list(filters.values())}}}}
    for facet, field_name in FACET_FIELDS.items():
        others = [clause for name, clause in filters.items() if name != facet]
        aggregations[facet] = {
            "filter": {"bool": {"filter": others}},
            "aggs": {"values": {"terms": {"field": field_name, "size": MAX_FACET_VALUES}}},
        }
    page_number = max(1, page_number)
    understanding = understand(query, synonyms=False)
    text_query = engine_query(backend, query, understanding=understanding)
    counts_body = {"query": text_query, "aggs": aggregations, "size": 0, "track_total_hits": False}
    body = {
        "query": {"bool": {"must": [text_query], "filter": list(filters.values())}},
        "track_total_hits": False,
        "from": (page_number - 1) * per_page,
        "size": per_page,
        "_source": False,
        "stored_fields": ["pk"],
        **presentation(query, understanding),
    }
    index = ",".join(engine_indices(backend))
    counted, response = engine_msearch(
        backend, [counts_body, body], index, request_timeout=backend.query_timeout
    )
    found = counted["aggregations"]
    total = found[TOTAL]["doc_count"]
    last_page = max(1, -(-total // per_page))
    if page_number > last_page:
        # Past the end: the last page, like Paginator.get_page on the database path.
        body["from"] = (last_page - 1) * per_page
        page_number = last_page
        response = engine_search(backend, body, index=index, request_timeout=backend.query_timeout)
    counts = {
        facet: {bucket["key"]: bucket["doc_count"] for bucket in found[facet]["values"]["buckets"]}
        for facet in FACET_FIELDS
    }
    return SearchPage(
        total=total,
        keys=_ranked_hits(backend, response),
        facet_counts=counts,
        highlights=_highlights(backend, response),
        suggestion=understanding.suggestion
        or _suggestion(query, response.get("suggest", {}).get("spelling", [])),
        backend="engine",
        page_number=page_number,
    )
