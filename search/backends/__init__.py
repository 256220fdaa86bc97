"""Wagtail's own engine backends, each extended with a `_suggest` field.

The engine analyses text with the Indonesian stemmer (see search.conf), so its terms are stems
("layan" for "pelayanan"), which read oddly in a "did you mean" line and do not help with
typos in whole words. The mapping below copies every searchable text field (related fields too) into
`_suggest`, analysed into whole, lower-cased, accent-folded words: the term suggester and the
fuzzy part of the query use it. Everything else is modelsearch's backend unchanged.
"""

SUGGEST_FIELD = "_suggest"


def add_suggest_copies(properties):
    """Copy every field that feeds `_all_text` (nested ones too) into `_suggest` as well."""
    for field_mapping in properties.values():
        if field_mapping.get("type") == "nested":
            add_suggest_copies(field_mapping.get("properties", {}))
            continue
        copy_to = field_mapping.get("copy_to")
        if not copy_to:
            continue
        copy_to = [copy_to] if isinstance(copy_to, str) else list(copy_to)
        if "_all_text" in copy_to and SUGGEST_FIELD not in copy_to:
            field_mapping["copy_to"] = [*copy_to, SUGGEST_FIELD]


def extend_backend(module):
    """Return a SearchBackend class for modelsearch's `module` with the `_suggest` field."""
    base_backend = module.SearchBackend
    base_mapping = base_backend.mapping_class

    class Mapping(base_mapping):
        def get_mapping(self):
            mapping = super().get_mapping()
            properties = mapping["properties"]
            add_suggest_copies(properties)
            properties[SUGGEST_FIELD] = {"type": "text", "analyzer": "suggest_analyzer"}
            return mapping

    query_compiler = type(
        "QueryCompiler", (base_backend.query_compiler_class,), {"mapping_class": Mapping}
    )
    autocomplete_compiler = type(
        "AutocompleteQueryCompiler",
        (base_backend.autocomplete_query_compiler_class,),
        {"mapping_class": Mapping},
    )

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
            "query_compiler_class": query_compiler,
            "autocomplete_query_compiler_class": autocomplete_compiler,
            "__module__": __name__,
        },
    )
