"""The search page and autocomplete on the configured backend (the database by default)."""

import datetime

import pytest
from bs4 import BeautifulSoup
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from search.models import PopularSearch, SearchQueryDay
from search.query import MAX_QUERY_LENGTH, MAX_QUERY_WORDS
from tests.innovations.factories import InnovationPageFactory

pytestmark = pytest.mark.django_db


def get_page(client, **params):
    response = client.get("/cari/", params)
    assert response.status_code == 200
    return response, BeautifulSoup(response.content, "html.parser")


def result_titles(soup):
    return [node.get_text(" ", strip=True) for node in soup.select(".search-result__title")]


def test_empty_search_page_shows_the_form(client, home_page):
    response, soup = get_page(client)
    assert soup.h1.get_text(strip=True) == "Cari di JIPP Sulsel"
    assert soup.select_one("input[name=q][data-autocomplete-url='/cari/autocomplete/']")
    assert not soup.select(".search-result")


def test_finds_innovations_and_regulations(client, innovations, regulation):
    response, soup = get_page(client, q="inovasi pelayanan")
    titles = result_titles(soup)
    assert any("Pembinaan inovasi pelayanan publik" in title for title in titles)


def test_a_regulation_that_matches_better_ranks_above_a_page(client, catalogue, regulation):
    """Pages and regulations are one ranked list on the database backend too: a law named by
    the query comes before a page that merely mentions its words once in passing."""
    InnovationPageFactory(
        parent=catalogue,
        title="Warung data desa",
        summary="Desa mencatat data warga secara rutin. " * 8
        + "Catatan pembinaan inovasi pelayanan publik di desa.",
    )

    response, soup = get_page(client, q="pembinaan inovasi pelayanan publik")
    titles = result_titles(soup)

    assert "Pembinaan inovasi pelayanan publik" in titles[0]
    assert titles[1] == "Warung data desa"


def test_matches_of_any_word_follow_when_all_words_find_few(client, catalogue):
    both = InnovationPageFactory(
        parent=catalogue, title="Jembatan menuju pasar desa", summary="Akses warga."
    )
    one = InnovationPageFactory(
        parent=catalogue, title="Jembatan gantung sekolah", summary="Anak tidak menyeberang."
    )
    InnovationPageFactory(parent=catalogue, title="Sertifikat tanah", summary="Layanan BPN.")

    response, soup = get_page(client, q="jembatan pasar")

    assert result_titles(soup) == [both.title, one.title]


def test_matches_of_any_word_do_not_follow_a_full_page_of_all_words(client, catalogue):
    for number in range(10):
        InnovationPageFactory(parent=catalogue, title=f"Jembatan pasar {number}", summary="Desa.")
    InnovationPageFactory(parent=catalogue, title="Jembatan gantung", summary="Sekolah.")

    response, soup = get_page(client, q="jembatan pasar")

    assert soup.select_one(".search-count").get_text().split()[0] == "10"
    assert "Jembatan gantung" not in result_titles(soup)


def test_result_links_to_the_innovation(client, innovations):
    response, soup = get_page(client, q="Sipakainga")
    link = soup.select_one(".search-result__title a")
    assert link["href"] == innovations["sipakainga"].url
    assert "Sipakainga" in link.get_text()


def test_snippet_highlights_matches_and_escapes_html(client, innovations):
    page = innovations["puskesmas"]
    page.summary = "Pasien <script>alert(1)</script> mengambil antrean dari rumah."
    page.save_revision().publish()
    response, soup = get_page(client, q="antrean")
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    marks = [mark.get_text() for mark in soup.select(".search-result mark")]
    assert any(mark.lower().startswith("antre") for mark in marks)


def test_facets_with_counts_and_filtering(client, innovations, regulation):
    response, soup = get_page(client, q="anak antrean kependudukan inovasi")
    facets = {
        section.h3.get_text(strip=True): [
            " ".join(link.get_text(" ", strip=True).split()) for link in section.select("a")
        ]
        for section in soup.select(".search-facet")
    }
    assert "Jenis konten" in facets
    assert "Wilayah" in facets and "Urusan" in facets and "Tahun" in facets
    type_values = " ".join(facets["Jenis konten"])
    assert "Inovasi" in type_values and "Regulasi (1)" in type_values

    response, soup = get_page(client, q="anak antrean kependudukan inovasi", jenis="regulasi")
    titles = result_titles(soup)
    assert titles and all("Pembinaan" in title for title in titles)

    response, soup = get_page(client, q="anak antrean kependudukan inovasi")
    link = next(
        link
        for link in soup.select(".search-facet a")
        if link.get_text().strip().startswith("Bulukumba")
    )
    assert "(2)" in link.get_text()
    response = client.get("/cari/" + link["href"])
    soup = BeautifulSoup(response.content, "html.parser")
    titles = result_titles(soup)
    assert soup.select_one(".search-facet__value.is-selected[aria-current]")
    assert titles and not any("Sipakainga" in title for title in titles)


def facet_counts(soup, heading):
    """{value: count} of one facet, e.g. {"Kota Makassar": 2}."""
    section = next(
        section
        for section in soup.select(".search-facet")
        if section.h3.get_text(strip=True) == heading
    )
    counts = {}
    for link in section.select("a"):
        text = " ".join(link.get_text(" ", strip=True).split())
        name, _space, count = text.rpartition(" ")
        counts[name] = int(count.strip("()"))
    return counts


def test_facet_counts_follow_publishes_and_taxonomy_edits(client, innovations, settings):
    """The facts the facets count (type, year, regions, sectors of each page) are held per
    worker until a publish or a taxonomy edit: a page moved to another region, a new year,
    a renamed region and an unpublished page all show in the next search's counts."""
    from innovations.models import Region

    settings.SEARCH_CACHE_SECONDS = 0  # the view itself, not the cached answer
    query = "anak antrean kependudukan inovasi"
    _response, soup = get_page(client, q=query)
    assert facet_counts(soup, "Wilayah") == {"Bulukumba": 2, "Makassar": 2}
    assert facet_counts(soup, "Tahun") == {"2021": 2, "2019": 1}

    page = innovations["sipakainga"]
    page.regions = [Region.objects.get(bps_code="73.02")]
    page.launched_on = datetime.date(2018, 5, 1)
    page.save_revision().publish()
    _response, soup = get_page(client, q=query)
    assert facet_counts(soup, "Wilayah") == {"Bulukumba": 3, "Makassar": 1}
    assert facet_counts(soup, "Tahun") == {"2021": 2, "2018": 1}
    bulukumba = Region.objects.get(bps_code="73.02")
    _response, soup = get_page(client, q=query, wilayah=bulukumba.slug, tahun="2018")
    assert result_titles(soup) == [page.title]

    bulukumba.name = "Kabupaten Bulukumba"
    bulukumba.save()
    _response, soup = get_page(client, q=query)
    assert facet_counts(soup, "Wilayah") == {"Kabupaten Bulukumba": 3, "Makassar": 1}

    page.unpublish()
    _response, soup = get_page(client, q=query)
    assert facet_counts(soup, "Wilayah") == {"Kabupaten Bulukumba": 2, "Makassar": 1}
    assert page.title not in result_titles(soup)


def test_facet_links_keep_the_query_and_the_other_facets_and_go_back_to_page_one(
    client, innovations
):
    response, soup = get_page(
        client, q="anak antrean kependudukan inovasi", jenis="inovasi", halaman="2"
    )
    selected = soup.select_one(".search-facet__value.is-selected[aria-current]")
    assert selected["href"] == "?q=anak+antrean+kependudukan+inovasi"
    region = next(
        link
        for link in soup.select(".search-facet a")
        if link.get_text().strip().startswith("Bulukumba")
    )
    query, _, slug = region["href"].rpartition("wilayah=")
    assert query == "?q=anak+antrean+kependudukan+inovasi&jenis=inovasi&"
    assert slug and "&" not in slug and "halaman" not in region["href"]


def test_morphology_on_the_database_backend(client, innovations):
    # "layanan" is in the title of Sipakainga; the summary says "pelayanan".
    response, soup = get_page(client, q="layanan kependudukan")
    assert any("Sipakainga" in title for title in result_titles(soup))


def test_unpublished_pages_are_not_found(client, innovations):
    innovations["sipakainga"].unpublish()
    response, soup = get_page(client, q="Sipakainga")
    assert not result_titles(soup)
    assert soup.select_one(".search-empty")


def test_zero_results_page_is_helpful(client, innovations):
    # "Pencarian populer" lists what staff chose, never raw visitor queries.
    PopularSearch.objects.create(query_string="puskesmas", pinned=True)
    SearchQueryDay.record("spam http://example.com", 3)
    response, soup = get_page(client, q="zzzyyyxxx")
    empty = soup.select_one(".search-empty")
    assert "Tidak ada hasil" in empty.get_text()
    links = [link["href"] for link in empty.select("a")]
    assert any(href.startswith("/inovasi/?urusan=") for href in links)
    assert any(href.startswith("/inovasi/?wilayah=") for href in links)
    assert "?q=puskesmas" in links
    assert not any("example.com" in href for href in links)


def test_pagination(client, catalogue):
    from tests.innovations.factories import InnovationPageFactory

    for number in range(23):
        InnovationPageFactory(parent=catalogue, title=f"Inovasi pengaduan nomor {number}")
    response, soup = get_page(client, q="pengaduan")
    assert len(soup.select(".search-result")) == 10
    next_link = soup.select_one(".search-pagination a[rel=next]")
    assert "halaman=2" in next_link["href"]
    response, soup = get_page(client, q="pengaduan", halaman="3")
    assert len(soup.select(".search-result")) == 3
    response, soup = get_page(client, q="pengaduan", halaman="bukan-angka")
    assert len(soup.select(".search-result")) == 10


def test_promoted_results_come_first(client, innovations):
    query = Query.get("pelayanan dasar")
    SearchPromotion.objects.create(
        query=query, page=innovations["sekolah"], description="Pilihan redaksi", sort_order=0
    )
    response, soup = get_page(client, q="Pelayanan Dasar")
    promoted = soup.select_one(".search-result--promoted")
    assert "Sekolah ramah anak" in promoted.get_text()
    assert "Pilihan redaksi" in promoted.get_text()


def test_queries_are_logged_with_zero_results(client, innovations):
    get_page(client, q="Sipakainga")
    get_page(client, q="sipakainga")
    get_page(client, q="tidakadaapa")
    found = SearchQueryDay.objects.get(query_string="sipakainga")
    assert (found.searches, found.zero_result_searches) == (2, 0)
    missing = SearchQueryDay.objects.get(query_string="tidakadaapa")
    assert (missing.searches, missing.zero_result_searches) == (1, 1)


def test_query_count_does_not_grow_with_results(client, catalogue, django_assert_max_num_queries):
    from tests.innovations.factories import InnovationPageFactory

    for number in range(3):
        InnovationPageFactory(parent=catalogue, title=f"Inovasi kearsipan {number}")
    client.get("/cari/", {"q": "kearsipan"})
    with django_assert_max_num_queries(30) as few:
        client.get("/cari/", {"q": "kearsipan"})
    # Counted now: the next request starts a new query log.
    few_queries = len(few.captured_queries)
    for number in range(3, 15):
        InnovationPageFactory(parent=catalogue, title=f"Inovasi kearsipan {number}")
    # The first search after a publish reads again which pages each language shows
    # (core.i18n.readable_rule, cached per content generation); the repeat is compared.
    client.get("/cari/", {"q": "kearsipan"})
    with django_assert_max_num_queries(few_queries):
        client.get("/cari/", {"q": "kearsipan"})


def test_sites_and_view_restrictions_are_kept_and_a_new_restriction_applies_at_once(
    client, catalogue
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import PageViewRestriction

    from tests.innovations.factories import InnovationPageFactory

    shown = InnovationPageFactory(parent=catalogue, title="Arsip digital desa")
    hidden = InnovationPageFactory(parent=catalogue, title="Arsip digital kecamatan")
    client.get("/cari/", {"q": "arsip digital"})
    with CaptureQueriesContext(connection) as asked:
        response, soup = get_page(client, q="arsip digital")
    tables = " ".join(query["sql"] for query in asked.captured_queries)
    assert "wagtailcore_site" not in tables
    assert "wagtailcore_pageviewrestriction" not in tables
    assert sorted(result_titles(soup)) == [shown.title, hidden.title]

    PageViewRestriction.objects.create(
        page=hidden, restriction_type=PageViewRestriction.PASSWORD, password="rahasia"
    )
    response, soup = get_page(client, q="arsip digital")
    assert result_titles(soup) == [shown.title]


@pytest.mark.parametrize(
    "query",
    [
        "a" * 100_000,
        'layanan "kependudukan',
        "layanan AND (OR NOT) kependudukan* ~2 ^3 {}[]:\\/!?-+",
        "' OR 1=1 --",
        "\"\"\"''' ",
        "🚀🔥 layanan 👍",
        "\x00\x01 layanan",
        "NEAR(layanan kependudukan) col:title",
        "%",
    ],
)
def test_bad_input_is_bounded_before_it_is_searched(client, innovations, query):
    """Any input is answered, and what reaches the backends is cut to a bounded query (so a
    100,000-character query costs what a short one costs; timed in bench/, not here)."""
    response = client.get("/cari/", {"q": query})
    assert response.status_code == 200
    searched = response.context["query"]
    assert len(searched) <= MAX_QUERY_LENGTH and len(searched.split()) <= MAX_QUERY_WORDS
    assert "\x00" not in searched
    response = client.get("/cari/autocomplete/", {"q": query})
    assert response.status_code == 200


def test_invalid_utf8_query(client, innovations):
    for raw in ("q=%ff%fe%fd", "q=%c3%28layanan", "q=%ed%a0%80", "q=layanan&jenis=%ff&halaman=%00"):
        response = client.get(f"/cari/?{raw}")
        assert response.status_code == 200
        response = client.get(f"/cari/autocomplete/?{raw}")
        assert response.status_code == 200


def test_post_is_refused(client, home_page):
    assert client.post("/cari/", {"q": "layanan"}).status_code == 405


def test_the_api_search_leaves_out_drafts_and_restricted_pages(client, catalogue, home_page):
    """?search= without filters is handed the endpoint's own scope (live pages of the site,
    no private section) for the backend to filter, not a list of every id."""
    from wagtail.models import PageViewRestriction

    from tests.innovations.factories import InnovationIndexPageFactory

    shown = InnovationPageFactory(parent=catalogue, title="Jembatan gantung desa")
    InnovationPageFactory(parent=catalogue, title="Jembatan draf", live=False)
    login_only = InnovationPageFactory(parent=catalogue, title="Jembatan internal")
    PageViewRestriction.objects.create(page=login_only, restriction_type="login")
    archive = InnovationIndexPageFactory(parent=home_page, title="Arsip", slug="arsip")
    PageViewRestriction.objects.create(page=archive, restriction_type="login")
    InnovationPageFactory(parent=archive, title="Jembatan arsip")

    for params in ({"search": "jembatan"}, {"search": "jembatan", "order": "title"}):
        response = client.get("/api/v2/innovations/", params)
        assert response.status_code == 200, response.content
        body = response.json()
        assert [item["id"] for item in body["items"]] == [shown.pk]
        assert body["meta"]["total_count"] == 1


def test_autocomplete_json(client, innovations, regulation):
    response = client.get("/cari/autocomplete/", {"q": "sipak"})
    assert response.status_code == 200
    data = response.json()
    assert data["results"][0]["title"].startswith("Sipakainga")
    assert data["results"][0]["url"] == innovations["sipakainga"].url
    assert data["results"][0]["type"] == "Inovasi"
    assert client.get("/cari/autocomplete/", {"q": "s"}).json()["results"] == []


def test_autocomplete_query_count(client, innovations, settings, django_assert_num_queries):
    settings.SEARCH_CACHE_SECONDS = 0  # the view itself, not the cached answer
    assert client.get("/cari/autocomplete/", {"q": "sek"}).json()["results"]
    # The database backend's search (2): the site is the one kept for the request's host,
    # and each suggestion's title, link and kind are kept until the next publish.
    with django_assert_num_queries(2):
        assert client.get("/cari/autocomplete/", {"q": "sek"}).json()["results"]


def shown_results(client):
    soup = BeautifulSoup(client.get("/cari/", {"q": "sipakainga"}).content, "html.parser")
    return [
        (link.get_text(strip=True), link["href"]) for link in soup.select(".search-result__title a")
    ]


def shown_suggestions(client):
    response = client.get("/cari/autocomplete/", {"q": "sipak"})
    return [(result["title"], result["url"]) for result in response.json()["results"]]


@pytest.mark.parametrize(
    "shown", [shown_results, shown_suggestions], ids=["results", "suggestions"]
)
def test_results_and_suggestions_follow_publishes_and_view_restrictions(
    client, innovations, settings, shown
):
    """What a result or a suggestion shows is kept per page until a publish or a new
    restriction (issue 20): a new title shows at once, and a page made private or
    unpublished is no longer shown."""
    from wagtail.models import PageViewRestriction

    settings.SEARCH_CACHE_SECONDS = 0  # the view itself, not the cached answer
    page = innovations["sipakainga"]

    assert shown(client) == [(page.title, page.url)]
    page.title = "Sipakainga: kependudukan sampai ke desa"
    page.save_revision().publish()
    assert shown(client) == [("Sipakainga: kependudukan sampai ke desa", page.url)]

    restriction = PageViewRestriction.objects.create(page=page, restriction_type="login")
    assert shown(client) == []
    restriction.delete()
    assert shown(client) == [("Sipakainga: kependudukan sampai ke desa", page.url)]

    page.unpublish()
    assert shown(client) == []


@pytest.mark.postgres
def test_postgres_uses_the_indonesian_text_search_configuration(client, innovations):
    from django.db import connection
    from wagtail.search.backends import get_search_backend

    assert get_search_backend("database").config == "indonesian"
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsvector('indonesian', 'pelayanan berinovasi')::text")
        assert cursor.fetchone()[0] == "'inovasi':2 'layan':1"
    # "pelayanan" in the query, "layanan" in the title: the stemmer joins them.
    response, soup = get_page(client, q="pelayanan keliling")
    assert any("Sipakainga" in title for title in result_titles(soup))


def test_facet_links_show_names_as_text_and_escape_their_links():
    from django.http import QueryDict

    from search.facets import FacetValue
    from search.templatetags.search_tags import facet_links

    values = [
        FacetValue("a&b", 'Kab. <b>Satu</b> & "Dua"', 3, False),
        FacetValue("c", "Tiga", 1, True),
    ]
    soup = BeautifulSoup(
        facet_links(QueryDict("q=x&wilayah=c"), "wilayah", values, "hapus <saringan>"),
        "html.parser",
    )
    first, selected = soup.select("a")
    assert first.find("b") is None
    assert first.get_text(" ", strip=True) == 'Kab. <b>Satu</b> & "Dua" (3)'
    assert first["href"] == "?q=x&wilayah=a%26b"
    assert selected["href"] == "?q=x" and selected["aria-current"] == "true"
    assert selected.select_one(".visually-hidden").get_text() == "hapus <saringan>"
