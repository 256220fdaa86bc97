"""One search over every content type, on the engine or on the database backend.

`find_matches` returns the best matches (page and regulation ids in rank order), the
engine's highlights and "did you mean" suggestion. When the engine is down or slow it logs a
warning and answers from the database backend instead; after a failure the engine is left
alone for a short while so that every request does not wait for the same timeout.

Facets and filters are computed in the database over those ids (`search.facets`), so they
work the same on every backend.
"""

import json
import logging
import time
from dataclasses import dataclass, field
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from publications.models import Regulation

from .backends import SUGGEST_FIELD, UnavailableBackend
from .conf import FIELD_BOOSTS
from .highlight import clean_engine_fragment
from .query import plain_query, query_words

logger = logging.getLogger(__name__)

# Facets count, and pages page through, the best matches up to this many ("200+ hasil"):
# the engine query and the facet queries grow with it (measured in bench/search.py).
MAX_MATCHES = 200
ENGINE_PAUSE_SECONDS = 30
_ENGINE_PAUSE_KEY = "search:engine-paused"

HIGHLIGHT_FIELDS = ("title", "*summary", "*tagline", "*beneficiaries", "*venue")
# The HTML encoder escapes the text; only the <mark> tags are markup (see highlight.py).
HIGHLIGHT = {
    "encoder": "html",
    "pre_tags": ["<mark>"],
    "post_tags": ["</mark>"],
    "require_field_match": False,
    "fragment_size": 180,
    "number_of_fragments": 1,
    "fields": {name: {} for name in HIGHLIGHT_FIELDS},
}


@dataclass
class Matches:
    """Ranked matches: ("page" | "regulation", id) pairs, best first."""

    ranked: list = field(default_factory=list)
    highlights: dict = field(default_factory=dict)
    suggestion: str = ""
    backend: str = "database"
    fell_back: bool = False

    @property
    def capped(self):
        return len(self.ranked) >= MAX_MATCHES


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


def database_matches(query, max_matches=MAX_MATCHES):
    backend = get_search_backend("database")
    text = plain_query(query)
    matches = Matches(backend="database")
    for operator in ("and", "or"):
        pages = backend.search(text, Page.objects.live().public(), operator=operator)[:max_matches]
        regulations = backend.search(text, Regulation, operator=operator)[:max_matches]
        ranked = [("page", page.pk) for page in pages]
        ranked += [("regulation", regulation.pk) for regulation in regulations]
        if ranked:
            matches.ranked = ranked[:max_matches]
            break
    return matches


def _fields(backend):
    boosted = [
        backend.mapping_class(Page).get_boost_field_name(boost) + f"^{boost}"
        for boost in sorted(set(FIELD_BOOSTS.values()) | {2})
    ]
    return ["_all_text", f"title^{FIELD_BOOSTS['title']}", *boosted]


# Ranking on the engine, tuned on the judged set (manage.py evaluate_search):
# - every query word is stemmed and any of them may match, the fields taken as one
#   (cross_fields: title, tagline and summary boosted, then all text);
# - misspelt whole words match through `_suggest` with edit distance (fuzziness AUTO);
# - documents that hold all the words, or the words as a phrase, rank higher.
# On the 48 judged queries this scored nDCG@10 0.874 where "most of the words must match"
# (most_fields, 2<75%) scored 0.825: recall matters for short Indonesian queries.
RANKING = {
    "type": "cross_fields",
    "minimum_should_match": "1",
    "fuzzy_boost": 0.5,
    "all_words_boost": 2,
    "phrase_boost": 2,
}


def engine_query(backend, query, minimum_should_match=None):
    """The engine query for a cleaned query string; see RANKING."""
    text = plain_query(query)
    fields = _fields(backend)
    minimum_should_match = minimum_should_match or RANKING["minimum_should_match"]
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
                                        "fuzziness": "AUTO",
                                        "prefix_length": 1,
                                        "minimum_should_match": minimum_should_match,
                                        "boost": RANKING["fuzzy_boost"],
                                    }
                                }
                            },
                        ],
                        "minimum_should_match": 1,
                    }
                }
            ],
            "should": should,
            "filter": [content_filter(backend)],
        }
    }


def content_filter(backend):
    """Live pages and regulations."""
    regulation_type = backend.mapping_class(Regulation).get_content_type()
    return {
        "bool": {
            "should": [
                {
                    "bool": {
                        "filter": [
                            {"match": {"_django_content_type": "wagtailcore.Page"}},
                            {"term": {"live_filter": True}},
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
    pages = backend.autocomplete(text, Page.objects.live())[:limit]
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


def engine_matches(backend, query, max_matches=MAX_MATCHES, highlight=True):
    """Ranked matches; if a stricter RANKING finds nothing, any word may match."""
    matches = None
    for minimum_should_match in dict.fromkeys((RANKING["minimum_should_match"], "1")):
        matches = _engine_matches(backend, query, max_matches, highlight, minimum_should_match)
        if matches.ranked:
            break
    return matches


def _engine_matches(backend, query, max_matches, highlight, minimum_should_match):
    es_query = engine_query(backend, query, minimum_should_match)
    indices = engine_indices(backend)
    body = {
        "query": es_query,
        "size": max_matches,
        "_source": False,
        "stored_fields": ["pk"],
        "suggest": {
            "text": plain_query(query),
            "spelling": {
                "term": {"field": SUGGEST_FIELD, "suggest_mode": "missing", "min_word_length": 4}
            },
        },
    }
    if highlight:
        body["highlight"] = HIGHLIGHT
    response = engine_search(
        backend, body, index=",".join(indices), request_timeout=backend.query_timeout
    )
    matches = Matches(backend="engine")
    matches.ranked = _ranked_hits(backend, response)
    if highlight:
        matches.highlights = _highlights(backend, response)
    matches.suggestion = _suggestion(query, response.get("suggest", {}).get("spelling", []))
    return matches


def engine_highlights(query, matches, keys):
    """Engine highlights for the (kind, pk) pairs shown on the current page only.

    Highlighting every one of the ranked matches costs the engine far more than the search
    itself, so the ranked list is fetched without highlights and this asks for ten.
    """
    engine = engine_backend()
    if matches.backend != "engine" or engine is None or not keys:
        return {}
    page_ids = [str(pk) for kind, pk in keys if kind == "page"]
    regulation_ids = [str(pk) for kind, pk in keys if kind == "regulation"]
    regulation_type = engine.mapping_class(Regulation).get_content_type()
    wanted = {
        "bool": {
            "should": [
                {
                    "bool": {
                        "filter": [
                            {"ids": {"values": page_ids}},
                            {"match": {"_django_content_type": "wagtailcore.Page"}},
                        ]
                    }
                },
                {
                    "bool": {
                        "filter": [
                            {"ids": {"values": regulation_ids}},
                            {"match": {"_django_content_type": regulation_type}},
                        ]
                    }
                },
            ],
            "minimum_should_match": 1,
        }
    }
    body = {
        "query": {"bool": {"must": engine_query(engine, query), "filter": [wanted]}},
        "size": len(keys),
        "_source": False,
        "stored_fields": ["pk"],
        "highlight": HIGHLIGHT,
    }
    try:
        response = engine_search(
            engine,
            body,
            index=",".join(engine_indices(engine)),
            request_timeout=engine.query_timeout,
        )
    except Exception:
        logger.warning("Search engine unavailable for highlights", exc_info=True)
        return {}
    return _highlights(engine, response)


def _highlights(backend, response):
    """The snippet of each hit: its first highlighted field after the title."""
    highlights = {}
    for key, hit in zip(_ranked_hits(backend, response), response["hits"]["hits"], strict=True):
        fragments = hit.get("highlight") or {}
        for suffix in (name.lstrip("*") for name in HIGHLIGHT_FIELDS[1:]):
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
