"""Wagtail's own engine backends, each extended with a `_suggest` field.

The engine analyses text with the Indonesian stemmer (see search.conf), so its terms are stems
("layan" for "pelayanan"), which read oddly in a "did you mean" line and do not help with
typos in whole words. The mapping below copies every searchable text field (related fields too) into
`_suggest`, analysed into whole, lower-cased, accent-folded words: the term suggester and the
fuzzy part of the query use it. Everything else is modelsearch's backend unchanged.

`load_backend(name)` imports modelsearch's module for an engine. Importing an engine client can
fail for reasons outside this project (NumPy 2 beside the elasticsearch 7.13 client raises an
AttributeError at import): then the backend is `UnavailableBackend`, which logs, refuses to
search (so search falls back to the database backend) and never breaks publishing.
"""

import importlib
import logging

from modelsearch.backends.base import BaseSearchBackend

from search.documents import FACET_MAPPING, facet_document
from search.english import FIELD_NAME as ENGLISH_STEMS

logger = logging.getLogger(__name__)

SUGGEST_FIELD = "_suggest"
# All text again with English analysis, and the title's English sub-field: searched beside the
# Indonesian fields when the reader reads English (search.service._fields; issue 15).
ENGLISH_FIELD = "_english"
ENGLISH_SUBFIELD = "english"


def add_suggest_copies(properties, target=SUGGEST_FIELD):
    """Copy every field that feeds `_all_text` (nested ones too) into `target` as well."""
    for field_mapping in properties.values():
        if field_mapping.get("type") == "nested":
            add_suggest_copies(field_mapping.get("properties", {}), target)
            continue
        copy_to = field_mapping.get("copy_to")
        if not copy_to:
            continue
        copy_to = [copy_to] if isinstance(copy_to, str) else list(copy_to)
        if "_all_text" in copy_to and target not in copy_to:
            field_mapping["copy_to"] = [*copy_to, target]


def extend_backend(module):
    """Return a SearchBackend class for modelsearch's `module` with the `_suggest` field."""
    base_backend = module.SearchBackend
    base_mapping = base_backend.mapping_class

    class Mapping(base_mapping):
        def database_only_columns(self):
            # English stems made in Python for the database backend (search.english): the
            # engine analyses English itself, in the `_english` field below.
            return {
                self.get_field_column_name(field)
                for field in self.model.get_search_fields()
                if field.field_name == ENGLISH_STEMS
            }

        def get_mapping(self):
            mapping = super().get_mapping()
            properties = mapping["properties"]
            for name in self.database_only_columns():
                properties.pop(name, None)
            add_suggest_copies(properties)
            properties[SUGGEST_FIELD] = {"type": "text", "analyzer": "suggest_analyzer"}
            add_suggest_copies(properties, ENGLISH_FIELD)
            # The search analyzer too: the index's `default_search` (Indonesian) would
            # otherwise analyse the query, and "village" would never meet "villag".
            english = {
                "type": "text",
                "analyzer": "english_analyzer",
                "search_analyzer": "english_analyzer",
            }
            properties[ENGLISH_FIELD] = english
            if "title" in properties:
                properties["title"]["fields"] = {ENGLISH_SUBFIELD: english}
            properties.update(FACET_MAPPING)
            return mapping

        def get_document(self, obj):
            document = super().get_document(obj)
            for name in self.database_only_columns():
                document.pop(name, None)
            document.update(facet_document(obj))
            return document

    query_compiler = type(
        "QueryCompiler", (base_backend.query_compiler_class,), {"mapping_class": Mapping}
    )
    autocomplete_compiler = type(
        "AutocompleteQueryCompiler",
        (base_backend.autocomplete_query_compiler_class,),
        {"mapping_class": Mapping},
    )

    class Index(base_backend.index_class):
        def put(self):
            # A new index (rebuild_search_index) starts with the moderators' current synonyms.
            from search.synonyms import with_current_synonyms

            self.backend.settings = with_current_synonyms(self.backend.settings)
            super().put()

    def __init__(self, params):
        params = dict(params)
        query_timeout = params.pop("QUERY_TIMEOUT", None)
        base_backend.__init__(self, params)
        # Searches pass this per request; the client's own timeout (TIMEOUT) is for writes.
        self.query_timeout = query_timeout or self.timeout

    return type(
        base_backend.__name__,
        (base_backend,),
        {
            "__init__": __init__,
            "mapping_class": Mapping,
            "index_class": Index,
            "query_compiler_class": query_compiler,
            "autocomplete_query_compiler_class": autocomplete_compiler,
            "__module__": __name__,
        },
    )


class EngineClientUnavailable(RuntimeError):
    """The engine's Python client could not be imported."""


class UnavailableBackend(BaseSearchBackend):
    """Stands in for an engine backend whose client failed to import."""

    # Publishing must not fail because the engine cannot be reached (modelsearch logs it).
    catch_indexing_errors = True
    import_error = ""
    query_timeout = 0

    def __init__(self, params):
        super().__init__({})

    def _refuse(self, *args, **kwargs):
        raise EngineClientUnavailable(self.import_error)

    get_index_for_model = add = add_bulk = delete = search = autocomplete = _refuse
    refresh_indexes = reset_indexes = _refuse


def load_backend(name, importer=importlib.import_module):
    """modelsearch's backend `name` extended (see above), or UnavailableBackend."""
    try:
        module = importer(f"modelsearch.backends.{name}")
    except Exception as error:  # ImportError, or anything the client raises at import
        message = f"{type(error).__name__}: {error}"
        logger.error("Search engine client for %s cannot be imported (%s)", name, message)
        return type("SearchBackend", (UnavailableBackend,), {"import_error": message})
    return extend_backend(module)
