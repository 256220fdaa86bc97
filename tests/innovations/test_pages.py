"""The innovation page, compare and map, as a visitor sees them."""

import json

import pytest
import wagtail_factories
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from innovations.models import (
    InnovationDocument,
    InnovationGalleryImage,
    InnovationPage,
    InnovationStep,
)
from tests.agencies.factories import UserFactory
from tests.innovations.factories import (
    AwardItemFactory,
    InnovationPageFactory,
    KeyFigureFactory,
    ReplicationFactory,
    region,
    sector,
)
from tests.publications.factories import RegulationFactory

pytestmark = pytest.mark.django_db


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def innovation(catalogue):
    image = Image.objects.create(
        title="Petugas di desa", file=get_test_image_file(size=(1600, 1000))
    )
    page = InnovationPageFactory(
        parent=catalogue,
        title="Dukcapil Goes to Village",
        tagline="Dokumen kependudukan selesai di desa",
        hero_image=image,
        cost=75_000_000,
        budget_source=InnovationPage.BudgetSource.APBD,
        beneficiaries_count=12500,
        how_to_replicate="<p>Siapkan mobil layanan.</p>",
        staff_prerequisites="Dua operator SIAK",
        contact_name="Andi Baso",
        contact_email="andi@example.go.id",
    )
    KeyFigureFactory(page=page, label="Waktu layanan", value=2, unit="hari", baseline=14)
    InnovationStep.objects.create(page=page, title="Pendataan desa", sort_order=0)
    ReplicationFactory(page=page, adopter_name="Disdukcapil Bulukumba")
    AwardItemFactory(page=page, rank="Top 45", year=2021)
    return page


def test_innovation_page_is_structured_with_key_figures_first(client, innovation):
    soup = soup_of(client.get(innovation.url))

    assert soup.find("h1").get_text(strip=True) == "Dukcapil Goes to Village"
    headings = [h.get_text(strip=True) for h in soup.select("main h2")]
    assert headings[:5] == [
        "Angka kunci",
        "Studi kasus",
        "Cara mereplikasi",
        "Penghargaan dan dokumen",
        "Kontak",
    ]
    figures = [li.get_text(" ", strip=True) for li in soup.select(".key-figure")]
    assert figures[0] == "2 hari Waktu layanan semula 14 hari"
    assert "12.500 penerima manfaat" in figures
    assert "Rp75.000.000 biaya per tahun (APBD)" in figures
    timeline = [li.get_text(" ", strip=True) for li in soup.select(".timeline li")]
    assert timeline == [
        "Diluncurkan 15 Januari 2019",
        "Uji coba 1 Juni 2019",
        "Penerapan 2 Januari 2020",
    ]
    rows = [
        [c.get_text(strip=True) for c in tr.find_all("td")]
        for tr in soup.select("#replikasi tbody tr")
    ]
    assert rows == [["Disdukcapil Bulukumba", "Kabupaten Bulukumba", "2022", "Sudah diterapkan"]]
    assert "Kompetisi Inovasi Pelayanan Publik · Top 45 · 2021" in soup.select_one(
        ".awards"
    ).get_text(" ", strip=True)
    # The innovator's address is never in the page: messages are relayed (replication app).
    assert "andi@example.go.id" not in str(soup)
    contact = soup.select_one("#kontak a.button")
    assert contact.get_text(strip=True) == "Hubungi inovator"
    assert contact["href"] == f"/replikasi/hubungi/{innovation.pk}/"


def test_innovation_page_has_json_ld_and_open_graph(client, innovation):
    soup = soup_of(client.get(innovation.url))

    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert data["@type"] == "GovernmentService"
    assert data["name"] == "Dukcapil Goes to Village"
    assert data["provider"]["name"] == innovation.agency.name
    assert data["areaServed"][0]["identifier"] == "73.71"
    assert data["image"].startswith("http://localhost/")
    og = {m["property"]: m["content"] for m in soup.select("meta[property^='og:']")}
    assert og["og:title"] == "Dukcapil Goes to Village"
    assert og["og:url"] == "http://localhost/inovasi/dukcapil-goes-to-village/"
    assert og["og:image"].endswith(".jpg")
    assert not soup.find("script", src=False, type=lambda t: t != "application/ld+json")
    assert not soup.select("[style]")


def test_innovation_page_is_served_when_its_image_file_is_missing(client, catalogue, innovation):
    """A lost original (restored database without its media, a failed upload) costs the
    picture and the link preview, never the page."""
    innovation.hero_image.file.delete(save=False)

    soup = soup_of(client.get(innovation.url))
    assert soup.h1.get_text(strip=True) == "Dukcapil Goes to Village"
    assert not soup.select("meta[property='og:image']")
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert "image" not in data
    assert soup_of(client.get(catalogue.url)).find(string="Dukcapil Goes to Village")


def test_innovation_page_query_count_is_constant(client, catalogue, innovation, settings):
    settings.CATALOGUE_CACHE_SECONDS = 0  # measure the work behind the cached fragments
    InnovationPageFactory(parent=catalogue)  # one related innovation
    client.get(innovation.url)  # the process-wide caches (content types, locales)
    # Each measure starts from an empty shared cache: with the catalogue cache off, the
    # related ids still live one second, which a loaded machine can outlast between requests.
    cache.clear()
    with CaptureQueriesContext(connection) as small:
        client.get(innovation.url)
    small_count = len(small)

    for number in range(5):
        KeyFigureFactory(page=innovation, label=f"Angka {number}")
        ReplicationFactory(page=innovation, adopter_name=f"Pereplikasi {number}")
        AwardItemFactory(page=innovation)
        InnovationStep.objects.create(page=innovation, title=f"Langkah {number}")
        InnovationPageFactory(parent=catalogue)  # more related innovations
    cache.clear()
    with CaptureQueriesContext(connection) as large:
        response = client.get(innovation.url)

    assert response.status_code == 200
    extra = sorted(
        {q["sql"] for q in large.captured_queries} - {q["sql"] for q in small.captured_queries}
    )
    assert len(large) == small_count, extra


# The queries of an innovation page whose derived data is kept in the shared cache (the
# related ids and their cards; its taxonomies and child rows; issue 20) but whose answer and
# body are not cached: 27 before, 24 with the cards kept, 17 with the page's own rows too,
# 7 with the route (site, page, restrictions) and the site settings, 5 with the agency and
# the stored list of similar innovations (or that there is none yet) kept too, 1 with its
# regulations, documents, gallery and verified replication reports kept too (the
# restrictions of the page's route are still read).
INNOVATION_PAGE_QUERIES = 1


def test_innovation_page_with_kept_cards_takes_a_fixed_number_of_queries(
    client, catalogue, innovation, settings
):
    settings.CATALOGUE_CACHE_SECONDS = 0
    settings.PAGE_CACHE_SECONDS = 0
    InnovationPageFactory(parent=catalogue)  # one related innovation
    client.get(innovation.url)  # the process-wide caches and the kept cards

    with CaptureQueriesContext(connection) as queries:
        response = client.get(innovation.url)

    assert b'class="icard__title"' in response.content
    assert len(queries) == INNOVATION_PAGE_QUERIES


def test_kept_cards_follow_publishes(client, catalogue, innovation, settings):
    """A related innovation's card is kept per publish (issue 20): its new title shows on
    the next request, and it leaves the page once unpublished."""
    settings.CATALOGUE_CACHE_SECONDS = 0
    settings.PAGE_CACHE_SECONDS = 0
    related = InnovationPageFactory(parent=catalogue, title="Judul lama")

    def related_titles():
        soup = soup_of(client.get(innovation.url))
        return [a.get_text(strip=True) for a in soup.select(".related .icard__title a")]

    assert related_titles() == ["Judul lama"]

    related.title = "Judul baru"
    related.save_revision().publish()
    assert related_titles() == ["Judul baru"]

    related.unpublish()
    assert related_titles() == []


def test_kept_regulations_documents_and_gallery_follow_their_edits(client, innovation, settings):
    """A case study's regulations, documents and gallery are kept with its rows (issue 20):
    a renamed regulation or document shows on the next request, a deleted document leaves
    the page, and the gallery's thumbnail is the image's current rendition."""
    settings.CATALOGUE_CACHE_SECONDS = 0
    settings.PAGE_CACHE_SECONDS = 0
    regulation = RegulationFactory(title="Pedoman Lama")
    document = wagtail_factories.DocumentFactory(title="SOP Lama")
    photo = wagtail_factories.ImageFactory(title="Foto", file__width=800, file__height=600)
    innovation.regulations.add(regulation)
    InnovationDocument.objects.create(page=innovation, document=document, kind="sop")
    InnovationGalleryImage.objects.create(page=innovation, image=photo, caption="Di desa")
    innovation.save_revision().publish()

    def shown():
        soup = soup_of(client.get(innovation.url))
        return {
            "regulations": soup.select_one("#replikasi").get_text(" ", strip=True),
            "documents": [a.get_text(strip=True) for a in soup.select(".documents a")],
            "gallery": [img["src"] for img in soup.select(".gallery img")],
        }

    first = shown()
    assert "Pedoman Lama" in first["regulations"]
    assert first["documents"] == ["SOP Lama"]
    assert first["gallery"] == [photo.get_rendition("fill-480x320").url]
    assert shown() == first  # kept: the same page again

    regulation.title = "Pedoman Baru"
    regulation.save()
    document.title = "SOP Baru"
    document.save()
    now = shown()
    assert "Pedoman Baru" in now["regulations"]
    assert now["documents"] == ["SOP Baru"]

    document.delete()
    assert shown()["documents"] == []

    # A new focal point: new renditions, made before the rows are kept again.
    photo.focal_point_x, photo.focal_point_y = 100, 100
    photo.focal_point_width, photo.focal_point_height = 200, 200
    photo.save()
    assert shown()["gallery"] == [photo.get_rendition("fill-480x320").url]
    assert shown()["gallery"] == [photo.get_rendition("fill-480x320").url]


def test_the_kept_gallery_writes_nothing_to_the_renditions_cache(
    client, innovation, settings, monkeypatch
):
    """The gallery's rows are kept with their renditions: a view reads them from there, and
    does not write each one back to Wagtail's renditions cache as its `{% image %}` does."""
    from django.core.cache import caches

    settings.CATALOGUE_CACHE_SECONDS = 0
    settings.PAGE_CACHE_SECONDS = 0
    photo = wagtail_factories.ImageFactory(title="Foto", file__width=800, file__height=600)
    InnovationGalleryImage.objects.create(page=innovation, image=photo, caption="Di desa")
    innovation.save_revision().publish()
    first = client.get(innovation.url).content

    renditions = caches["renditions"]
    gallery_keys = f"wagtail-rendition-{photo.pk}-"
    asked = []
    for name in ("set", "set_many", "get", "get_many"):
        original = getattr(renditions, name)

        def recording(keys, *args, _original=original, **kwargs):
            asked.extend(key for key in ([keys] if isinstance(keys, str) else keys))
            return _original(keys, *args, **kwargs)

        monkeypatch.setattr(renditions, name, recording)
    assert client.get(innovation.url).content == first
    assert not [key for key in asked if key.startswith(gallery_keys)]


def test_kept_rows_follow_publishes(client, catalogue, innovation, settings):
    """The page's own steps, figures and sectors are kept per publish of the innovation
    (issue 20): what a publish changes shows on the next request."""
    settings.CATALOGUE_CACHE_SECONDS = 0
    settings.PAGE_CACHE_SECONDS = 0
    assert "Langkah baru" not in client.get(innovation.url).content.decode()

    innovation.steps.add(InnovationStep(title="Langkah baru"))
    innovation.sectors.add(sector("pendidikan"))
    innovation.save_revision().publish()

    page = client.get(innovation.url).content.decode()
    assert "Langkah baru" in page
    assert "Pendidikan" in page


def test_a_renamed_agency_shows_at_once(client, innovation, settings):
    """The agency is kept with the page's rows: its edit starts a new generation."""
    settings.CATALOGUE_CACHE_SECONDS = 0
    settings.PAGE_CACHE_SECONDS = 0
    assert innovation.agency.name in client.get(innovation.url).content.decode()

    agency = innovation.agency
    agency.name = "Dinas Komunikasi dan Informatika Baru"
    agency.save()

    assert "Dinas Komunikasi dan Informatika Baru" in client.get(innovation.url).content.decode()


def test_a_preview_shows_its_draft_rows_not_the_kept_live_ones(client, catalogue, innovation):
    client.get(innovation.url)  # the live rows are kept
    draft = InnovationPage.objects.get(pk=innovation.pk)
    draft.steps.add(InnovationStep(title="Langkah draf"))
    request = RequestFactory().get("/admin/")
    request.user = UserFactory(is_superuser=True, is_staff=True)

    preview = draft.make_preview_request(request, draft.default_preview_mode)

    assert "Langkah draf" in preview.content.decode()
    assert "Langkah draf" not in client.get(innovation.url).content.decode()


def test_related_innovations_share_a_sector_or_region(client, catalogue, innovation):
    same_sector = InnovationPageFactory(
        parent=catalogue, title="Sektor sama", regions=[region("73.02")], sectors=[sector()]
    )
    InnovationPageFactory(
        parent=catalogue,
        title="Tidak terkait",
        regions=[region("73.02")],
        sectors=[sector("pendidikan")],
    )

    soup = soup_of(client.get(innovation.url))

    related = [a.get_text(strip=True) for a in soup.select(".related .icard__title a")]
    assert related == [same_sector.title]


def test_compare_two_innovations_side_by_side(client, catalogue, innovation):
    other = InnovationPageFactory(parent=catalogue, title="Aplikasi Antrean")

    soup = soup_of(client.get(f"/inovasi/bandingkan/?id={innovation.pk}&id={other.pk}"))

    header = [th.get_text(strip=True) for th in soup.select(".compare-table thead th")]
    assert header == ["Dukcapil Goes to Village", "Aplikasi Antrean"]
    rows = {
        tr.th.get_text(strip=True): [td.get_text(" ", strip=True) for td in tr.find_all("td")]
        for tr in soup.select(".compare-table tbody tr")
    }
    assert rows["Biaya per tahun"] == ["Rp75.000.000", "Tidak dicantumkan"]
    assert rows["Sumber anggaran"] == ["APBD", "—"]
    assert rows["Direplikasi"] == ["1 kali", "0 kali"]
    assert rows["Prasyarat SDM"] == ["Dua operator SIAK", "—"]
    assert rows["Angka kunci"][0] == "Waktu layanan: 2 hari (semula 14)"
    assert rows["Penghargaan"][0] == "KIPP Top 45 2021"
    for label in ("Tahapan", "Diluncurkan", "Uji coba", "Penerapan", "Penerima manfaat"):
        assert label in rows
    assert not soup.select(".notice")


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Pilih dua sampai empat inovasi"),
        ("id=999999", "Inovasi dengan nomor 999999 tidak ditemukan."),
        ("id=abc", "“abc” bukan nomor inovasi yang valid."),
        ("id=" + "9" * 40, "bukan nomor inovasi yang valid"),
    ],
)
def test_compare_explains_bad_requests(client, innovation, query, message):
    soup = soup_of(client.get(f"/inovasi/bandingkan/?{query}"))

    assert any(message in li.get_text() for li in soup.select(".notice li"))


def test_compare_shows_at_most_four(client, catalogue):
    pages = [InnovationPageFactory(parent=catalogue) for _ in range(6)]
    query = "&".join(f"id={page.pk}" for page in pages)

    soup = soup_of(client.get(f"/inovasi/bandingkan/?{query}"))

    assert len(soup.select(".compare-table thead th")) == 4
    assert "Paling banyak 4 inovasi" in soup.select_one(".notice").get_text()


def test_map_lists_counts_per_region_with_links_into_the_catalogue(client, catalogue):
    InnovationPageFactory(parent=catalogue, regions=[region("73.71")])
    InnovationPageFactory(parent=catalogue, regions=[region("73.71"), region("73.02")])

    soup = soup_of(client.get("/inovasi/peta/?tahap=penerapan"))

    rows = {
        tr.th.get_text(strip=True): tr.find_all("td")[-1].get_text(strip=True)
        for tr in soup.select(".map-table tbody tr")
    }
    assert rows["Kota Makassar"] == "2"
    assert rows["Kabupaten Bulukumba"] == "1"
    assert rows["Kabupaten Bantaeng"] == "0"
    link = soup.find("a", string="Kota Makassar")
    assert link["href"] == "/inovasi/?tahap=penerapan&wilayah=73.71"
    markers = json.loads(soup.find("script", id="map-markers").string)
    assert {m["name"]: m["count"] for m in markers} == {
        "Kota Makassar": 2,
        "Kabupaten Bulukumba": 1,
    }
    canvas = soup.select_one("#innovation-map")
    # The box is in the page from the start (its height is reserved: no layout shift), with
    # the basemap the site serves itself and no tile server.
    assert not canvas.has_attr("hidden") and canvas["data-tile-url"] == ""
    assert canvas["data-basemap-url"] == "/static/data/sulsel-land.geojson"
    scripts = [s["src"] for s in soup.select("script[src]")]
    assert "/static/vendor/leaflet/leaflet.js" in scripts


def test_map_uses_the_configured_tile_url(client, catalogue, settings):
    settings.MAP_TILE_URL = "/tiles/{z}/{x}/{y}.png"

    soup = soup_of(client.get("/inovasi/peta/"))

    assert soup.select_one("#innovation-map")["data-tile-url"] == "/tiles/{z}/{x}/{y}.png"


def test_innovation_page_body_is_cached_until_something_changes(client, catalogue, innovation):
    client.get(innovation.url)
    with CaptureQueriesContext(connection) as cached:
        hit = client.get(innovation.url)
    # A hit is answered by CachedResponseMiddleware before routing: no query at all.
    assert (hit.status_code, hit["X-Cache"], len(cached)) == (200, "hit", 0)

    innovation.title = "Dukcapil Goes to Village 2.0"
    innovation.save_revision().publish()

    soup = soup_of(client.get(innovation.url))
    assert soup.find("h1").get_text(strip=True) == "Dukcapil Goes to Village 2.0"
