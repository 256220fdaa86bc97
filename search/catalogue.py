"""The catalogue's filters, facet counts and sorts on the engine, for the catalogue and the API.

When an engine is configured, `innovations.filters.CatalogueFilter` asks `engine_for(state)`
(registered in search.apps) and answers from the engine: one round trip returns the page of
results in the chosen order, the total, every facet's counts (each counted under the other
facets' selections, as on the database) and the launch-year counts (EngineCatalogue.answer).
The API's innovation listing asks `api_listing()` for the same filters in its own order and
scope (the site's root in the requested language), without counts. The document fields are
search.documents'. Any engine failure answers from the database instead, and
tests/search/test_catalogue_parity.py checks that both give identical answers.
"""

import logging

from django.db import connection
from wagtail.search import index

from core.cache import KEPT_SECONDS, derived, tags_digest
from core.i18n import active_locale_id
from core.pagination import Listing
from core.routing import private_condition, restricted_pages
from innovations.filters import (
    FACET_ORDER,
    INTEREST_COUNTERS,
    NEEDS_UPDATE,
    NO,
    TAXONOMY_FACETS,
    UP_TO_DATE,
    YES,
)
from innovations.models import InnovationPage

from .documents import (
    CATALOGUE_FIELDS,
    COUNTERS,
    LAUNCH_YEAR,
    LAUNCHED,
    PK,
    PROVEN,
    REPLICATIONS,
    TEXT,
    TITLE,
    UPDATED,
    VERIFIED,
)

logger = logging.getLogger(__name__)

MAX_BUCKETS = 2000
YEAR = "year"
# Sorts as (field, direction[, where documents without the field go]); innovations.filters'
# SORTS gives the database's order of the same name.
ENGINE_SORTS = {
    "terbukti": [
        (PROVEN, "asc"),
        (VERIFIED, "desc", "_last"),
        (LAUNCHED, "desc", "_last"),
        (PK, "desc"),
    ],
    "terbaru": [(LAUNCHED, "desc"), (PK, "desc")],
    "az": [(TITLE, "asc"), (PK, "asc")],
    "replikasi": [(REPLICATIONS, "desc"), (TITLE, "asc"), (PK, "asc")],
    "diperbarui": [(UPDATED, "desc", "_last"), (PK, "desc")],
    "diminati": [(COUNTERS["request_count"], "desc"), (TITLE, "asc"), (PK, "asc")],
    "terverifikasi": [
        (COUNTERS["verified_replication_count"], "desc"),
        (TITLE, "asc"),
        (PK, "asc"),
    ],
}
# Facets whose values are conditions on indexed numbers and dates rather than terms:
# value_conditions() of innovations.filters, as engine clauses (EngineCatalogue._conditions).
# Every other facet is a keyword field (CATALOGUE_FIELDS); every facet and sort of
# innovations.filters has its engine form (tests/search/test_catalogue_fields.py).
CONDITION_FACETS = ("minat", "pemantauan")
# The API's orderings (innovations.api.ORDERINGS). first_published_at is the field Wagtail's
# Page indexes for filtering (modelsearch names it).
API_SORT_FIELDS = {
    "title": TITLE,
    "launched_on": LAUNCHED,
    "last_published_at": UPDATED,
    "replication_count": REPLICATIONS,
    "pk": PK,
    **COUNTERS,
}
PAGE_FILTER_FIELDS = ("first_published_at", "path", "locale")


def usable_backend():
    """The engine backend when one is configured and not paused after a failure, else None."""
    from .service import engine_backend, engine_paused

    backend = engine_backend()
    if backend is None or not hasattr(backend, "es") or engine_paused():
        return None
    return backend


def engine_for(state):
    """An EngineCatalogue for `state` when an engine is configured and up, else None.

    The counters and the verification date kept outside the editor are indexed too (their
    writers re-index the innovation: InnovationPage.reindex).
    """
    backend = usable_backend()
    if backend is None:
        return None
    return EngineCatalogue(state, backend, ENGINE_SORTS[state.sort])


def api_listing(state, ordering, root, private):
    """An EngineCatalogue for the API's innovation listing, or None for the database.

    `ordering` is the database's order_by() arguments ("-launched_on", "pk"); `root` the
    site's root page in the requested language (the API lists its descendants) and `private`
    the condition of the pages it never shows.
    """
    backend = usable_backend()
    if backend is None:
        return None
    columns = page_columns(backend)
    sortable = {**API_SORT_FIELDS, "first_published_at": columns["first_published_at"]}
    sort = []
    for name in ordering:
        column = sortable.get(name.removeprefix("-"))
        if column is None:
            return None
        sort.append((column, "desc" if name.startswith("-") else "asc"))
    scope = [{"prefix": {columns["path"]: root.path}}]
    return EngineCatalogue(state, backend, sort, scope=scope, private=private, counts=False)


def page_columns(backend):
    """Document names of the filter fields Wagtail's Page indexes (PAGE_FILTER_FIELDS)."""
    mapping = backend.mapping_class(InnovationPage)
    return {
        field.field_name: mapping.get_field_column_name(field)
        for field in InnovationPage.get_search_fields()
        if isinstance(field, index.FilterField) and field.field_name in PAGE_FILTER_FIELDS
    }


def missing_position(direction):
    """Where the database puts a NULL in this direction, for documents without the field:
    PostgreSQL sorts NULL as the largest value, SQLite as the smallest."""
    largest = connection.vendor in ("postgresql", "oracle")
    return "_last" if (direction == "asc") == largest else "_first"


def sort_clauses(sort):
    return [
        {
            column: {
                "order": direction,
                "missing": missing[0] if missing else missing_position(direction),
            }
        }
        for column, direction, *missing in sort
    ]


def any_of(clauses):
    return {"bool": {"should": clauses, "minimum_should_match": 1}}


def bucket_counts(buckets):
    """{value: documents} of a terms aggregation (a list) or a filters one (keyed)."""
    if isinstance(buckets, dict):
        return {key: bucket["doc_count"] for key, bucket in buckets.items()}
    return {str(bucket["key"]): bucket["doc_count"] for bucket in buckets}


def _escape_wildcard(word):
    return "".join("\\" + char if char in "\\*?" else char for char in word)


class EngineCatalogue:
    """One filter state on the engine: `sort` as in ENGINE_SORTS; `scope`, clauses that
    choose the pages (default: the catalogue's, those of the language being read);
    `private`, the condition of pages behind a view restriction (Page.private_q(); default:
    looked up); `counts`, whether the facet and year counts come with the page."""

    def __init__(self, state, backend, sort, scope=None, private=None, counts=True):
        self.state = state
        self.backend = backend
        self.sort = sort
        self.scope = scope
        self.private = private
        self._answer = None
        self._window = None
        self.names = FACET_ORDER if counts else []

    # Filters

    def _filters(self):
        """{facet name | "year" | "q": clause} for the state's selections."""
        state = self.state
        clauses = {}
        for name in FACET_ORDER:
            values = state.selected.get(name)
            if not values:
                continue
            if name in CONDITION_FACETS:
                # Both monitoring values ticked filter nothing (as on the database).
                if name != "pemantauan" or len(values) == 1:
                    conditions = self._conditions(name)
                    clauses[name] = any_of([conditions[value] for value in values])
                continue
            field_name = CATALOGUE_FIELDS[name]
            if name in TAXONOMY_FACETS:
                clauses[name] = {"terms": {field_name: [str(pk) for pk in state._ids[name]]}}
            elif name in ("digital", "replicated"):
                if len(values) == 1:
                    clauses[name] = {"term": {field_name: values[0]}}
            else:
                clauses[name] = {"terms": {field_name: list(values)}}
        years = {}
        if state.year_from:
            years["gte"] = state.year_from
        if state.year_to:
            years["lte"] = state.year_to
        if years:
            clauses[YEAR] = {"range": {LAUNCH_YEAR: years}}
        return clauses

    @staticmethod
    def _conditions(name):
        """{value: clause} of a CONDITION_FACETS facet: the clauses of
        innovations.filters.value_conditions on the indexed counters and dates."""
        if name == "minat":
            return {
                value: {"range": {COUNTERS[counter]: {"gt": 0}}}
                for value, counter in INTEREST_COUNTERS.items()
            }
        # InnovationPage.needs_update_q, with today's cutoff.
        cutoff = InnovationPage.monitoring_cutoff().isoformat()
        stale = {
            "bool": {
                "filter": [
                    {"range": {LAUNCHED: {"lt": cutoff}}},
                    any_of(
                        [
                            {"bool": {"must_not": [{"exists": {"field": VERIFIED}}]}},
                            {"range": {VERIFIED: {"lt": cutoff}}},
                        ]
                    ),
                ],
                "must_not": [
                    {"term": {CATALOGUE_FIELDS["status"]: InnovationPage.Status.DISCONTINUED.value}}
                ],
            }
        }
        return {NEEDS_UPDATE: stale, UP_TO_DATE: {"bool": {"must_not": [stale]}}}

    def _scope(self):
        """The catalogue lists the pages of the language being read (core.i18n)."""
        if self.scope is not None:
            return self.scope
        column = page_columns(self.backend)["locale"]
        return [{"term": {column: active_locale_id()}}]

    def _base(self):
        """Live, public innovations in scope matching the text filter."""
        mapping = self.backend.mapping_class(InnovationPage)
        clauses = [
            {"term": {"_django_content_type": mapping.get_content_type()}},
            {"term": {"live_filter": True}},
            *self._scope(),
        ]
        for word in (self.state.q or "").split()[:8]:
            clauses.append({"wildcard": {TEXT: {"value": f"*{_escape_wildcard(word.lower())}*"}}})
        private = self._private_ids()
        must_not = [{"ids": {"values": [str(pk) for pk in private]}}] if private else []
        return {"bool": {"filter": clauses, "must_not": must_not}}

    def _private_ids(self):
        """The live innovations in private sections, which the catalogue leaves out."""

        def read(condition):
            live = InnovationPage.objects.live().filter(condition)
            return list(live.values_list("pk", flat=True)[:10000])

        if self.private is not None:
            # The API knows the private sections' condition already (one query fewer).
            return read(self.private)
        restricted = restricted_pages()
        if not restricted:
            return []
        # Kept until a restriction changes (a new generation) or an innovation is published,
        # moved or deleted (the catalogue's token).
        key = f"catalogue:private:{tags_digest('catalogue')}"
        return derived.get_or_set(key, lambda: read(private_condition(restricted)), KEPT_SECONDS)

    # The request

    def answer(self, offset=0, size=0):
        """{"ids", "total", "counts"} for the page at offset, in one round trip.

        The counts (every facet under the other facets' selections, the launch years and the
        total) are one search of size 0, which the engine keeps in its shard request cache
        until the index next changes; the page of ids is a second search in the same
        multi-search, without counts. The API asks for the page alone, with its total."""
        if self._answer is not None and self._window == (offset, size):
            return self._answer
        # The same name for the total's aggregation as the search page's.
        from .service import TOTAL, engine_msearch, engine_search

        filters = self._filters()
        base = self._base()
        bodies = {}
        if self.names:
            aggregations = {TOTAL: {"filter": {"bool": {"filter": list(filters.values())}}}}
            for name in [*self.names, YEAR]:
                others = [clause for key, clause in filters.items() if key != name]
                if name in CONDITION_FACETS:
                    values = {"filters": {"filters": self._conditions(name)}}
                else:
                    field_name = LAUNCH_YEAR if name == YEAR else CATALOGUE_FIELDS[name]
                    values = {"terms": {"field": field_name, "size": MAX_BUCKETS}}
                aggregations[name] = {
                    "filter": {"bool": {"filter": others}},
                    "aggs": {"values": values},
                }
            bodies["counts"] = {
                "query": base,
                "aggs": aggregations,
                "size": 0,
                "track_total_hits": False,
            }
        if size or not self.names:
            bodies["page"] = {
                "query": {"bool": {"filter": [base, *filters.values()]}},
                "sort": sort_clauses(self.sort),
                "track_total_hits": not self.names,
                "from": offset,
                "size": size,
                "_source": False,
                "stored_fields": ["pk"],
            }
        index = self.backend.get_index_for_model(InnovationPage).name
        timeout = self.backend.query_timeout
        if len(bodies) == 1:
            answers = [
                engine_search(self.backend, *bodies.values(), index=index, request_timeout=timeout)
            ]
        else:
            answers = engine_msearch(
                self.backend, list(bodies.values()), index, request_timeout=timeout
            )
        answers = dict(zip(bodies, answers, strict=True))
        answer = {"ids": [], "counts": {}}
        if "counts" in answers:
            found = answers["counts"]["aggregations"]
            answer["total"] = found.pop(TOTAL)["doc_count"]
            answer["counts"] = {
                name: bucket_counts(aggregation["values"]["buckets"])
                for name, aggregation in found.items()
            }
        if "page" in answers:
            hits = answers["page"]["hits"]
            answer["ids"] = [int(hit["fields"]["pk"][0]) for hit in hits["hits"]]
            if "total" not in answer:
                answer["total"] = (
                    hits["total"]["value"] if isinstance(hits["total"], dict) else hits["total"]
                )
        self._answer = answer
        self._window = (offset, size)
        return self._answer

    def _counts(self):
        if self._answer is None:
            self.answer(0, 0)
        return self._answer["counts"]

    # What CatalogueFilter returns

    def facets_and_years(self):
        """(facets, year counts), or None when the engine fails (the database answers)."""
        try:
            return self.facets(), self.year_counts()
        except Exception:
            self._failed()
            return None

    def _failed(self):
        from .service import pause_engine

        logger.warning("Search engine unavailable for the catalogue", exc_info=True)
        pause_engine()

    def results(self, load, per_page, page, rows=None):
        """The catalogue's page of results (EngineResults), the database's when the engine
        fails. `rows(ids)` gives {id: innovation} for the page shown (default: `load` over
        the ids)."""
        try:
            page = max(1, int(page))
        except (TypeError, ValueError):
            page = 1
        state = self.state
        return EngineResults(
            self,
            load,
            database=lambda: load(state.ordered(state.apply())),
            window=((page - 1) * per_page, per_page),
            rows=rows,
        )

    def facets(self):
        """Every facet, from the engine's counts."""
        counts = self._counts()
        state = self.state
        facets = []
        for name in FACET_ORDER:
            if name in TAXONOMY_FACETS:
                found = {int(pk): count for pk, count in counts[name].items()}
                facets.append(state.taxonomy_facet(name, found))
            else:
                facets.append(state.choice_facet(name, counts[name]))
        return facets

    def year_counts(self):
        counts = self._counts()[YEAR]
        return sorted((int(year), count) for year, count in counts.items() if count)


class EngineResults(Listing):
    """A sequence of innovations in the engine's order, for a Paginator or the API's paging.

    `load` adds what the shown items need to a queryset; `database()` gives the same sequence
    from the database, used once the engine fails; `window` (offset, size) is the page expected,
    so that the total, asked first, comes in the same request as that page; `rows(ids)`, when
    given, reads the shown items instead of `load` ({id: item}, e.g. from a cache).
    """

    def __init__(self, catalogue, load, database, window, rows=None):
        self.catalogue = catalogue
        self.load = load
        self.rows = rows
        self.database = database
        self.window = window
        self.fallback = None  # the database's ordered queryset, once the engine failed

    def _database(self):
        if self.fallback is None:
            self.fallback = self.database()
        return self.fallback

    def count(self):
        if self.fallback is None:
            try:
                return self.catalogue.answer(*self.window)["total"]
            except Exception:
                self.catalogue._failed()
        return self._database().count()

    def page_rows(self, window):
        if self.fallback is None:
            start, stop = window.start or 0, window.stop
            offset, size = self.window
            try:
                if offset <= start and stop <= offset + size:
                    # Within the page expected (the last page is shorter): its answer,
                    # which the total came with, not a second round trip.
                    expected = self.catalogue.answer(offset, size)["ids"]
                    ids = expected[start - offset : stop - offset]
                else:
                    ids = self.catalogue.answer(start, stop - start)["ids"]
            except Exception:
                self.catalogue._failed()
            else:
                if self.rows is not None:
                    found = self.rows(ids)
                else:
                    queryset = self.load(InnovationPage.objects.filter(pk__in=ids))
                    found = {page.pk: page for page in queryset}
                return [found[pk] for pk in ids if pk in found]
        return list(self._database()[window])


__all__ = ["EngineCatalogue", "EngineResults", "NO", "YES", "api_listing", "engine_for"]
