"""Search by language on a real engine (`-m engine`; here so that the CI's engine stage runs
it): the same behaviour as on the database backend (tests/localisation/test_search.py),
through the engine query's language clause (search.service.language_filter)."""

import pytest
from wagtail.search.index import insert_or_update_object

from localisation.models import GlossaryTerm
from search.service import find_matches
from tests.localisation.factories import translate
from tests.localisation.test_search import (  # noqa: F401 - the same behaviour, now on the engine
    found,
    pages,
    test_autocomplete_offers_the_titles_of_the_language_read,
    test_each_language_finds_a_page_once,
    test_indonesian_search_never_shows_english_pages,
)

from .test_engine import engine  # noqa: F401 - the engine fixture, test indices

pytestmark = [pytest.mark.engine, pytest.mark.django_db]


def test_the_engine_answers(pages):  # noqa: F811 - the imported fixture
    assert find_matches("air bersih").backend == "engine"


def test_english_pages_are_searched_with_english_analysis(client, pages):  # noqa: F811
    english = translate(
        pages["birth"],
        title="Birth Certificates in the Village",
        summary="Village offices keep libraries of civil records.",
    )
    insert_or_update_object(english)

    # "library" and "libraries" meet only at the English stem (three edits apart, too far for
    # the typo tolerance); an Indonesian reader's search does not use the English fields.
    assert "Birth Certificates in the Village" in found(client, "/en/cari/", "library")
    assert "Birth Certificates in the Village" not in found(client, "/cari/", "library")


def test_english_query_finds_an_untranslated_case_study_through_the_glossary(
    client,
    pages,  # noqa: F811 - the imported fixture
    django_capture_on_commit_callbacks,
):
    before = found(client, "/en/cari/", "birth certificate")
    # The admin's save commits, and the commit writes the pair into the engine's synonyms
    # (search.synonyms.apply_to_engine): no reindex.
    with django_capture_on_commit_callbacks(execute=True):
        GlossaryTerm.objects.create(english="birth certificate", indonesian="akta kelahiran")
    after = found(client, "/en/cari/", "birth certificate")

    assert "Akta Kelahiran di Desa" not in before
    assert "Akta Kelahiran di Desa" in after
