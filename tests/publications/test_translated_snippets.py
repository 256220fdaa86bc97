"""Regulations and partners in English: a reader of /en/ sees the English text of those that
have a translation and the Indonesian text of the others, in a fixed number of queries; the
Indonesian site and search never show a translation beside its source."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.search.index import insert_or_update_object

from publications.models import Partner, Regulation
from tests.innovations.factories import InnovationIndexPageFactory, InnovationPageFactory
from tests.localisation.factories import english, translate, translate_snippet
from tests.publications.factories import (
    PartnerFactory,
    PartnersPageFactory,
    RegulationFactory,
    RegulationIndexPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def regulations_page(home_page):
    page = RegulationIndexPageFactory(parent=home_page)
    translate(home_page, title="Home")
    translate(page, title="Regulations")
    return page


def texts(response, selector):
    soup = BeautifulSoup(response.content, "html.parser")
    return [node.get_text(" ", strip=True) for node in soup.select(selector)]


def test_english_list_shows_english_summary_and_falls_back(client, regulations_page):
    translated = RegulationFactory(
        number="25", title="Pelayanan Publik", summary="Mengatur pelayanan publik."
    )
    translate_snippet(translated, title="Public Services", summary="Governs public services.")
    RegulationFactory(number="30", title="Pedoman Inovasi", summary="Pedoman bagi instansi.")

    english = texts(client.get("/en/regulasi/"), ".regulation")
    indonesian = texts(client.get("/regulasi/"), ".regulation")

    assert len(english) == 2 and len(indonesian) == 2
    english_25 = next(text for text in english if "No. 25/" in text)
    english_30 = next(text for text in english if "No. 30/" in text)
    assert "Public Services" in english_25 and "Governs public services." in english_25
    assert "Pedoman bagi instansi." in english_30
    assert not any("Governs" in text or "Public Services" in text for text in indonesian)


def test_english_regulation_page_shows_the_translation(client, regulations_page):
    regulation = RegulationFactory(number="25", title="Pelayanan Publik", summary="Mengatur.")
    translate_snippet(regulation, title="Public Services", summary="Governs public services.")

    english = client.get(f"/en/regulasi/{regulation.slug}/")
    indonesian = client.get(f"/regulasi/{regulation.slug}/")

    assert english.status_code == 200 and indonesian.status_code == 200
    assert "Public Services" in texts(english, "h1")[0]
    assert texts(english, "p.lead") == ["Governs public services."]
    assert texts(indonesian, "p.lead") == ["Mengatur."]


def test_english_list_query_count_does_not_grow_with_regulations(client, regulations_page):
    def add(count):
        for _ in range(count):
            translate_snippet(RegulationFactory(), summary="In English.")

    add(1)
    client.get("/en/regulasi/")  # warm the site and locale caches
    with CaptureQueriesContext(connection) as few:
        client.get("/en/regulasi/")
    add(5)
    # A regulation's change drops the answers that may show it (search results, anything
    # kept per publish): one request renews what every page shares.
    client.get("/en/regulasi/")
    with CaptureQueriesContext(connection) as more:
        response = client.get("/en/regulasi/")

    assert len(texts(response, ".regulation")) == 6
    assert len(more.captured_queries) == len(few.captured_queries)


def test_partners_in_english_with_fallback_in_constant_queries(client, home_page):
    partners_page = PartnersPageFactory(parent=home_page)
    translate(home_page, title="Home")
    translate(partners_page, title="Partners")
    bakti = PartnerFactory(name="Yayasan BaKTI", description="Pusat pertukaran pengetahuan.")
    translate_snippet(bakti, name="BaKTI Foundation", description="A knowledge exchange hub.")
    PartnerFactory(name="KOMPAK", description="Program kemitraan.")

    client.get("/en/mitra/")
    with CaptureQueriesContext(connection) as few:
        english = client.get("/en/mitra/")
    for _ in range(4):
        translate_snippet(PartnerFactory(), description="In English.")
    with CaptureQueriesContext(connection) as more:
        client.get("/en/mitra/")
    indonesian = client.get("/mitra/")

    assert sorted(texts(english, ".partner h2")) == ["BaKTI Foundation", "KOMPAK"]
    assert "A knowledge exchange hub." in english.content.decode()
    assert "Program kemitraan." in english.content.decode()
    assert {"Yayasan BaKTI", "KOMPAK"} <= set(texts(indonesian, ".partner h2"))
    assert "BaKTI Foundation" not in texts(indonesian, ".partner h2")
    assert len(more.captured_queries) == len(few.captured_queries)


def test_home_page_lists_each_partner_once_in_its_language(client, home_page):
    bakti = PartnerFactory(name="Yayasan BaKTI")
    translate_snippet(bakti, name="BaKTI Foundation")
    translate(home_page, title="Home")

    indonesian = texts(client.get("/"), ".partner-list li")
    english = texts(client.get("/en/"), ".partner-list li")

    assert indonesian == ["Yayasan BaKTI"]
    assert english == ["BaKTI Foundation"]


def test_english_case_study_shows_the_english_regulation(client, home_page):
    regulation = RegulationFactory(number="25", year=2009, title="Pelayanan Publik")
    translate_snippet(regulation, title="Public Services")
    catalogue = InnovationIndexPageFactory(parent=home_page)
    innovation = InnovationPageFactory(parent=catalogue, title="Samsat Keliling")
    innovation.regulations.set([regulation])
    innovation.save_revision().publish()
    translate(home_page, title="Home")
    translate(catalogue, title="Innovations")
    english = translate(innovation, title="Mobile Vehicle Registration")

    page = client.get(english.url).content.decode()
    source = client.get(innovation.url).content.decode()

    assert "Public Services" in page
    assert "Public Services" not in source and "Pelayanan Publik" in source


def test_regulation_count_counts_records_not_translations(client, regulations_page):
    regulation = RegulationFactory(number="25")
    translate_snippet(regulation, title="Public Services")
    catalogue = InnovationIndexPageFactory(parent=regulations_page.get_parent())
    innovation = InnovationPageFactory(parent=catalogue)
    innovation.regulations.set([regulation])
    innovation.save_revision().publish()
    translate(catalogue, title="Innovations")
    translate(innovation, title="In English")

    assert "1 inovasi berlandaskan" in client.get("/regulasi/").content.decode()
    assert Regulation.objects.count() == 2
    assert Regulation.objects.sources().count() == 1


def test_search_index_holds_only_the_indonesian_rows(regulations_page):
    regulation = RegulationFactory()
    english = translate_snippet(regulation, title="Public Services")

    indexed = set(Regulation.get_indexed_objects().values_list("pk", flat=True))

    assert indexed == {regulation.pk}
    assert english.pk not in indexed


def test_duplicate_slug_in_one_language_is_a_form_error_not_a_500():
    RegulationFactory(slug="uu-25-2009", number="25", year=2009)
    duplicate = Regulation(kind="permen", number="1", year=2020, title="Lain", slug="uu-25-2009")
    partner = PartnerFactory(name="KOMPAK")
    twin = Partner(name="KOMPAK", slug="kompak-2", kind=partner.kind)

    with pytest.raises(ValidationError) as regulation_error:
        duplicate.full_clean()
    with pytest.raises(ValidationError) as partner_error:
        twin.full_clean()

    assert "slug" in regulation_error.value.message_dict
    assert "name" in partner_error.value.message_dict


def test_the_innovation_editor_offers_only_the_indonesian_regulations(home_page):
    # An English row is an overlay of its source's text: linking it would split the record.
    source = RegulationFactory(number="25", title="Pelayanan Publik", summary="Mengatur.")
    english = translate_snippet(source, title="Public Services", summary="Governs.")
    form_class = InnovationPageFactory._meta.model.get_edit_handler().get_form_class()
    form = form_class(instance=InnovationPageFactory._meta.model(), parent_page=home_page)

    choices = set(form.fields["regulations"].queryset)

    assert source in choices
    assert english not in choices


def regulation_links(response, slug):
    """The links of the search results that lead to the regulation `slug`."""
    soup = BeautifulSoup(response.content, "html.parser")
    links = [node["href"] for node in soup.select(".search-result__title a")]
    return [link for link in links if link.endswith(f"/{slug}/")]


def test_a_regulation_result_links_the_regulations_list_of_the_language_read(
    client, regulations_page
):
    regulation = RegulationFactory(title="Pelayanan Publik", slug="uu-25-2009")
    translate_snippet(regulation, title="Public Services")
    insert_or_update_object(regulation)
    english_list = regulations_page.get_translation(english())

    in_english = regulation_links(client.get("/en/cari/", {"q": "pelayanan publik"}), "uu-25-2009")
    in_indonesian = regulation_links(client.get("/cari/", {"q": "pelayanan publik"}), "uu-25-2009")

    assert in_english == [f"{english_list.url}uu-25-2009/"]
    assert english_list.url.startswith("/en/")
    assert in_indonesian == [f"{regulations_page.url}uu-25-2009/"]
    assert client.get(in_english[0]).status_code == 200


def test_a_regulation_result_links_the_indonesian_list_while_no_english_one_exists(
    client, home_page
):
    regulations_page = RegulationIndexPageFactory(parent=home_page)
    translate(home_page, title="Home")
    regulation = RegulationFactory(title="Pelayanan Publik", slug="uu-25-2009")
    insert_or_update_object(regulation)

    links = regulation_links(client.get("/en/cari/", {"q": "pelayanan publik"}), "uu-25-2009")

    assert links == [f"{regulations_page.url}uu-25-2009/"]
    assert not links[0].startswith("/en/")
