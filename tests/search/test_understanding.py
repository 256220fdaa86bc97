"""Queries as people type them: typos, words run together, punctuation in names, spelling
variants, synonyms moderators keep in the admin, agency acronyms (database backend; the same
tests run on the engine in test_engine_understanding.py)."""

import datetime

import pytest
from bs4 import BeautifulSoup

from search.models import SearchSynonym
from search.understanding import add_to_vocabulary, rebuild_vocabulary, understand
from tests.innovations.factories import AgencyFactory, InnovationPageFactory, region, sector

pytestmark = pytest.mark.django_db


@pytest.fixture
def named(catalogue, innovations):
    """Innovations whose names carry an apostrophe or a hyphen, and loanwords."""
    pages = {
        "apotek": InnovationPageFactory(
            parent=catalogue,
            title="Apotek keliling Pa'biritta",
            slug="apotek-pabiritta",
            tagline="Obat diantar ke pulau",
            summary="Kuitansi pembelian obat dikirim lewat pesan singkat; sistem resep daring.",
            agency=AgencyFactory(
                name="Dinas Kesehatan Kabupaten Pangkajene", acronym="Dinkes", region=region()
            ),
            regions=[region("73.71")],
            sectors=[sector("kesehatan")],
            launched_on=datetime.date(2018, 5, 1),
        ),
        "ektp": InnovationPageFactory(
            parent=catalogue,
            title="Jemput bola e-KTP bagi lansia",
            slug="jemput-bola-ektp",
            tagline="",
            summary="Petugas merekam data kartu tanda penduduk di rumah warga lanjut usia.",
            regions=[region("73.02")],
            sectors=[sector("kependudukan")],
            launched_on=datetime.date(2018, 8, 1),
        ),
    }
    rebuild_vocabulary()
    return {**innovations, **pages}


def titles(client, query, **params):
    response = client.get("/cari/", {"q": query, **params})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [node.get_text(" ", strip=True) for node in soup.select(".search-result__title")]


def suggestion(client, query):
    response = client.get("/cari/", {"q": query})
    soup = BeautifulSoup(response.content, "html.parser")
    node = soup.select_one(".search-suggestion a")
    return node.get_text(strip=True) if node else ""


def first(client, query):
    found = titles(client, query)
    return found[0] if found else ""


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kependudkan keliling", "Sipakainga"),  # a letter dropped inside a long word
        ("kependuduakn", "Sipakainga"),  # two letters swapped
        ("puskesmaa antre", "Puskesmas"),
        ("ramahanak", "Sekolah ramah anak"),  # words run together
        ("sekolahramah", "Sekolah ramah anak"),
    ],
)
def test_typos_and_run_together_words(client, named, query, expected):
    assert expected in " ".join(titles(client, query)[:3])


def test_did_you_mean_offers_the_known_word(client, named):
    assert suggestion(client, "kependudkan") == "kependudukan"
    assert suggestion(client, "sipakainga") == ""  # a known word is not "corrected"


@pytest.mark.parametrize("query", ["Pa'biritta", "pa’biritta", "pabiritta", "PABIRITTA"])
def test_names_with_an_apostrophe(client, named, query):
    assert "Pabiritta" in first(client, query).replace("'", "").replace(" ", "")


@pytest.mark.parametrize("query", ["e-KTP", "ektp", "e ktp"])
def test_names_with_a_hyphen(client, named, query):
    assert "e-KTP" in first(client, query).replace(" ", "")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("apotik", "Apotek"),
        ("kwitansi obat", "Apotek"),
        ("sistim resep", "Apotek"),
        ("antri", "Puskesmas"),
    ],
)
def test_indonesian_spelling_variants(client, named, query, expected):
    assert expected in first(client, query)


def test_an_understood_query_is_kept_until_the_vocabulary_changes(named, django_assert_num_queries):
    """Asked again, a query is understood without reading the vocabulary (issue 20); a word
    published since is known at once."""
    first = understand("kependudkan keliling")
    assert first.suggestion == "kependudukan keliling"
    with django_assert_num_queries(0):
        again = understand("Kependudkan  KELILING")
    assert (again.suggestion, again.query) == (first.suggestion, "Kependudkan  KELILING")

    add_to_vocabulary(["Kependudkan adalah ejaan lama di arsip desa."])
    assert understand("kependudkan keliling").suggestion == ""


def test_agency_acronyms_expand_to_their_names(named):
    alternatives = understand("dinkes").alternatives
    assert any("dinas kesehatan" in alternative for alternative in alternatives)


def test_synonym_edited_in_the_admin_applies_at_once(
    client, admin_client, named, django_capture_on_commit_callbacks
):
    """No reindex: the database expands the query, the engine's search analyzer is updated."""
    assert not any("Apotek" in title for title in titles(client, "farmasi"))
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            "/admin/snippets/search/searchsynonym/add/",
            {"terms": "farmasi, apotek", "active": "on"},
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert SearchSynonym.objects.filter(terms="farmasi, apotek").exists()
    assert any("Apotek" in title for title in titles(client, "farmasi"))
    # Switched off in the admin: gone again.
    synonym = SearchSynonym.objects.get()
    synonym.active = False
    with django_capture_on_commit_callbacks(execute=True):
        synonym.save()
    assert not any("Apotek" in title for title in titles(client, "farmasi"))


def test_a_synonym_needs_two_terms(admin_client, db):
    response = admin_client.post(
        "/admin/snippets/search/searchsynonym/add/", {"terms": "farmasi", "active": "on"}
    )
    assert response.status_code == 200
    assert not SearchSynonym.objects.exists()
