"""Moderators' synonyms reach the engine without a reindex.

The engine expands synonyms in its *search* analyzer only (search.conf), so changing them
needs no reindex: `apply_to_engine()` writes the current list (search.conf.SYNONYMS and the
active SearchSynonym rows) into the `indonesian_synonyms` filter of every index of this site.
Analysis settings can only change on a closed index, so each index is closed, updated and
opened again; this works the same on OpenSearch 2/3 and Elasticsearch 7-9 (the
_reload_search_analyzers API is not part of OpenSearch nor of Elasticsearch's OSS build).
While an index is closed (well under a second here), searches answer from the database
backend. New indices (rebuild_search_index) are created with the current list.
"""

import copy
import logging

from django.db import transaction

logger = logging.getLogger(__name__)

SYNONYM_FILTER = "indonesian_synonyms"


def synonym_lines():
    """The synonym rules for the engine: one comma-separated group per line."""
    from .understanding import synonym_groups

    return [", ".join(group) for group in synonym_groups()]


def with_current_synonyms(settings):
    """Index settings with the current synonym list in the synonym filter."""
    settings = copy.deepcopy(settings)
    filters = (
        settings.setdefault("settings", {}).setdefault("analysis", {}).setdefault("filter", {})
    )
    if SYNONYM_FILTER in filters:
        filters[SYNONYM_FILTER] = {**filters[SYNONYM_FILTER], "synonyms": synonym_lines()}
    return settings


def site_indices(backend):
    """Concrete index names of this site on the engine (those under the index prefix)."""
    return sorted(backend.es.indices.get(index=f"{backend.index_prefix}*").keys())


def apply_to_engine(backend=None):
    """Write the current synonyms into every index of the site; True when done."""
    from .service import engine_backend

    backend = backend or engine_backend()
    if backend is None or not hasattr(backend, "es"):
        return False
    body = {"analysis": {"filter": {SYNONYM_FILTER: _synonym_filter(backend)}}}
    try:
        for name in site_indices(backend):
            backend.es.indices.close(index=name)
            try:
                if backend.use_new_elasticsearch_api:
                    backend.es.indices.put_settings(index=name, settings=body)
                else:
                    backend.es.indices.put_settings(index=name, body=body)
            finally:
                backend.es.indices.open(index=name)
                # The engine's own default wait (30 s); a client-side `timeout` here would be
                # read as the HTTP timeout and refused by urllib3 as a string.
                backend.es.cluster.health(index=name, wait_for_status="yellow")
    except Exception:
        logger.warning("Could not update the engine's synonyms", exc_info=True)
        return False
    return True


def _synonym_filter(backend):
    configured = backend.settings["settings"]["analysis"]["filter"][SYNONYM_FILTER]
    return {**configured, "synonyms": synonym_lines()}


def synonyms_changed(**kwargs):
    """After a moderator's edit: forget cached groups, then update the engine."""
    from .understanding import changed

    changed()
    transaction.on_commit(apply_to_engine)
