"""English analysis on the database search backend (issue 15, search/english.py): English
pages index their text's English stems, an English reader's query is stemmed by the same
function, so a plural or inflected English query finds the English page on SQLite and on
PostgreSQL alike; Indonesian pages index no stems and Indonesian queries are not stemmed."""

from unittest import mock

import pytest
from django.utils import translation
from wagtail.search.index import insert_or_update_object

from innovations.models import InnovationPage
from search import service
from search.backends import load_backend
from search.english import FIELD_NAME, english_stems
from tests.innovations.factories import InnovationIndexPageFactory, InnovationPageFactory
from tests.localisation.factories import translate, translated_section

pytestmark = pytest.mark.django_db


INDONESIAN = {"title": "Imunisasi Anak di Posyandu", "summary": "Imunisasi anak di posyandu desa."}
ENGLISH = {
    "title": "Child Vaccination Clinic",
    "summary": "The village's clinic gives every child a vaccination.",
}


@pytest.fixture
def pages(home_page):
    catalogue = translated_section(home_page, InnovationIndexPageFactory, "Innovations")
    indonesian = InnovationPageFactory(parent=catalogue, **INDONESIAN)
    english = translate(indonesian, **ENGLISH)
    insert_or_update_object(indonesian)
    insert_or_update_object(english)
    return {"indonesian": indonesian, "english": english}


def ranked_pages(query, language):
    with translation.override(language):
        return [pk for kind, pk in service.database_matches(query).ranked if kind == "page"]


def test_one_analyser_for_index_and_query():
    assert english_stems("The district's Vaccinations, and clinics") == "district vaccin clinic"
    assert english_stems("vaccination clinic") == "vaccin clinic"
    assert english_stems("Café libraries") == "cafe librari"
    assert english_stems("") == ""
    assert english_stems("vaccination clinic", changed_only=True) == "vaccin"


# "vaccinated" and "vaccines" are too far from "vaccination" for the typo correction
# (search.understanding) and found only through the stems; "vaccinations" and "clinics"
# are one edit from a known word and were already found.
@pytest.mark.parametrize("query", ["vaccinated", "vaccines", "vaccinations", "clinics"])
def test_an_inflected_english_query_finds_the_english_page(pages, query):
    assert pages["english"].pk in ranked_pages(query, "en")


def test_the_english_page_indexes_stems_and_the_indonesian_page_none(pages):
    assert "vaccin" in pages["english"].english_stems().split()
    assert "clinic" not in pages["english"].english_stems().split()  # the word itself
    assert InnovationPage.objects.get(pk=pages["indonesian"].pk).english_stems() == ""


def test_an_indonesian_query_is_not_stemmed_and_finds_the_same_pages(pages):
    with mock.patch.object(service, "english_stems", wraps=english_stems) as stemmed:
        indonesian = ranked_pages("imunisasi anak", "id")
        plural = ranked_pages("clinics", "id")
    assert stemmed.call_count == 0
    assert indonesian == [pages["indonesian"].pk]
    assert plural == []


def test_the_engine_documents_leave_the_stems_out(pages):
    mapping = load_backend("opensearch3").mapping_class(InnovationPage)
    document = mapping.get_document(pages["english"])
    properties = mapping.get_mapping()["properties"]
    assert not [name for name in document if name.endswith(FIELD_NAME)]
    assert not [name for name in properties if name.endswith(FIELD_NAME)]
