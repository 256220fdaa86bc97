"""Typos, run-together words, punctuation, variants, acronyms and admin-edited synonyms on a
real engine (`-m engine`); the synonyms reach the engine's search analyzer without a reindex."""

import pytest

from .test_engine import engine  # noqa: F401 - the engine fixture (autouse there)
from .test_understanding import (  # noqa: F401 - the same behaviour as on the database backend
    named,
    test_agency_acronyms_expand_to_their_names,
    test_did_you_mean_offers_the_known_word,
    test_indonesian_spelling_variants,
    test_names_with_a_hyphen,
    test_names_with_an_apostrophe,
    test_synonym_edited_in_the_admin_applies_at_once,
    test_typos_and_run_together_words,
)

pytestmark = [pytest.mark.engine, pytest.mark.django_db]


def test_synonyms_are_in_the_engines_search_analyzer(engine, django_capture_on_commit_callbacks):  # noqa: F811
    from search.models import SearchSynonym
    from search.synonyms import SYNONYM_FILTER, site_indices

    with django_capture_on_commit_callbacks(execute=True):
        SearchSynonym.objects.create(terms="farmasi, apotek")
    name = site_indices(engine)[0]
    settings = engine.es.indices.get_settings(index=name)[name]["settings"]["index"]
    rules = settings["analysis"]["filter"][SYNONYM_FILTER]["synonyms"]
    assert "farmasi, apotek" in rules
