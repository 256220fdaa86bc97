"""Search by language on the database backend (tests/localisation/test_search_engine.py runs
the same on the engine): Indonesian search shows Indonesian pages; English search shows the
English pages and the Indonesian ones not translated yet, never a page beside its own
translation; an English query finds an untranslated case study through the bilingual
glossary (applied at query time, no reindex)."""

import pytest
from bs4 import BeautifulSoup
from django.utils import translation
from wagtail.search.index import insert_or_update_object

from core.i18n import readable_rule
from localisation.models import GlossaryTerm
from search.relevance import evaluate
from tests.innovations.factories import InnovationIndexPageFactory, InnovationPageFactory
from tests.localisation.factories import translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(home_page):
    catalogue = InnovationIndexPageFactory(parent=home_page)
    birth = InnovationPageFactory(
        parent=catalogue,
        title="Akta Kelahiran di Desa",
        summary="Akta kelahiran terbit di kantor desa tanpa ke kota.",
    )
    water = InnovationPageFactory(
        parent=catalogue, title="Layanan Air Bersih", summary="Air bersih untuk warga desa."
    )
    translate(home_page, title="Home")
    translate(catalogue, title="Innovation catalogue")
    english = translate(water, title="Clean Water Service", summary="Clean water for residents.")
    for page in (birth, water, english):
        insert_or_update_object(page)
    return {"birth": birth, "water": water, "english": english}


def found(client, path, query):
    """The result titles of a search, as a reader sees them (without the <mark> tags)."""
    soup = BeautifulSoup(client.get(path, {"q": query}).content, "html.parser")
    return [node.get_text(" ", strip=True) for node in soup.select(".search-result__title")]


def test_english_query_finds_an_untranslated_case_study_through_the_glossary(client, pages):
    before = found(client, "/en/cari/", "birth certificate")
    GlossaryTerm.objects.create(english="birth certificate", indonesian="akta kelahiran")
    after = found(client, "/en/cari/", "birth certificate")

    assert "Akta Kelahiran di Desa" not in before
    assert "Akta Kelahiran di Desa" in after


def test_each_language_finds_a_page_once(client, pages):
    english = found(client, "/en/cari/", "clean water")
    indonesian = found(client, "/cari/", "air bersih")
    # "desa" is in both Indonesian texts: the translated one is left to its translation.
    english_by_indonesian_word = found(client, "/en/cari/", "desa")

    assert "Clean Water Service" in english
    assert "Layanan Air Bersih" not in english
    assert "Layanan Air Bersih" in indonesian
    assert "Clean Water Service" not in indonesian
    assert "Akta Kelahiran di Desa" in english_by_indonesian_word
    assert "Layanan Air Bersih" not in english_by_indonesian_word


def test_indonesian_search_never_shows_english_pages(client, pages):
    assert "Clean Water Service" not in found(client, "/cari/", "clean water")


def test_autocomplete_offers_the_titles_of_the_language_read(client, pages):
    english = client.get("/en/cari/autocomplete/", {"q": "clea"}).json()["results"]
    indonesian = client.get("/cari/autocomplete/", {"q": "clea"}).json()["results"]
    english_titles = [item["title"] for item in english]

    assert "Clean Water Service" in english_titles
    assert "Clean Water Service" not in [item["title"] for item in indonesian]


def test_relevance_judges_an_english_query_as_a_reader_of_english_pages(pages):
    query = {"id": "t1", "category": "inggris", "query": "clean water", "language": "en"}
    [score] = evaluate([{**query, "judgements": {"Layanan Air Bersih": 3}}], use_engine=False)

    # The English translation is found and judged as its Indonesian source.
    assert score.top == ["Layanan Air Bersih"]
    assert score.ndcg == pytest.approx(1.0)


def test_repeated_searches_run_no_query_for_the_pages_to_show(pages, django_assert_num_queries):
    for language in ("id", "en"):
        with translation.override(language):
            first = readable_rule()
            with django_assert_num_queries(0):
                assert readable_rule() == first


def test_a_published_translation_replaces_its_source_in_english_search_at_once(client, pages):
    assert "Akta Kelahiran di Desa" in found(client, "/en/cari/", "desa")

    english = translate(pages["birth"], title="Birth Certificates in the Village")
    insert_or_update_object(english)
    after_publish = found(client, "/en/cari/", "desa")
    english.unpublish()
    after_unpublish = found(client, "/en/cari/", "desa")

    assert "Akta Kelahiran di Desa" not in after_publish
    assert "Akta Kelahiran di Desa" in after_unpublish
