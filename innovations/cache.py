"""Cached facet counts for the catalogue.

Counting thirteen facets over 10,000 innovations took about a second on SQLite (the
database path now counts from the ids each worker holds, innovations/facet_index.py, but a
text search still counts in the database), and the same few filter combinations are asked
for again and again. The counts are cached per
normalised filter state under the catalogue's tag token (core.cache); any publish or
save of an innovation, its awards or a taxonomy renews it (innovations.apps), so the next
request counts afresh.
"""

import hashlib

from django.conf import settings
from django.utils.http import urlencode
from django.utils.translation import get_language

from core.cache import derived, tags_digest


def timeout():
    return getattr(settings, "CATALOGUE_CACHE_SECONDS", 300)


def state_key(state, include_sort=False):
    """A short key for a filter state in the current generation."""
    digest = hashlib.sha256(urlencode(state.params(include_sort=include_sort)).encode())
    return f"{tags_digest('catalogue')}:{digest.hexdigest()[:32]}"


# The search app registers here how to answer the catalogue from the engine when one is
# configured (search.catalogue.engine_for: state -> an engine catalogue or None). None
# means the database answers, as it does whenever the engine cannot.
catalogue_engine = None


def engine_for(state):
    """The engine's catalogue for `state` (cached on it), or None for the database."""
    if not hasattr(state, "_catalogue_engine"):
        state._catalogue_engine = catalogue_engine(state) if catalogue_engine else None
    return state._catalogue_engine


def counted(state):
    """(facets, year counts) for `state`: from the engine when it answers, else the database."""
    engine = engine_for(state)
    if engine is not None:
        answer = engine.facets_and_years()
        if answer is not None:
            return answer
    return state.facets(), state.year_counts()


def facets_and_years(state):
    """(facets, year counts) for `state`, from the cache when this generation has them."""
    seconds = timeout()
    if not seconds:
        return counted(state)
    # Each language lists its own pages (core.i18n.in_active_language), so counts differ.
    key = f"innovations:catalogue:facets:{get_language()}:{state_key(state)}"
    found = derived.get(key)
    if found is None:
        found = counted(state)
        derived.set(key, found, seconds)
    return found
