"""English search on the database backend: an English query finds an Indonesian case study
that has no translation through the bilingual glossary (applied at query time, no reindex)."""

import pytest
from wagtail.search.index import insert_or_update_object

from localisation.models import GlossaryTerm
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
        parent=catalogue, title="Layanan Air Bersih", summary="Air bersih untuk warga."
    )
    translate(home_page, title="Home")
    translate(catalogue, title="Innovation catalogue")
    english = translate(water, title="Clean Water Service", summary="Clean water for residents.")
    for page in (birth, water, english):
        insert_or_update_object(page)
    return {"birth": birth, "water": water, "english": english}


def test_english_query_finds_an_untranslated_case_study_through_the_glossary(client, pages):
    before = client.get("/en/cari/", {"q": "birth certificate"}).content.decode()
    GlossaryTerm.objects.create(english="birth certificate", indonesian="akta kelahiran")
    after = client.get("/en/cari/", {"q": "birth certificate"}).content.decode()

    assert "Akta Kelahiran di Desa" not in before
    assert "Akta Kelahiran di Desa" in after
