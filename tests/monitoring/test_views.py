"""/indeks/, its CSV and JSON, the evidence page and /laporan/<tahun>/ as people see them."""

import csv
import io

import pytest

from monitoring.index import recompute
from monitoring.models import IndexScore, YearlyReport
from tests.agencies.factories import OfficerFactory
from tests.innovations.factories import AgencyFactory, InnovationPageFactory, region

from .factories import ReportFactory, ReviewFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def computed(scored):
    recompute([2024, 2025])
    return scored


def test_dashboard_without_an_index_says_so(client, home_page):
    response = client.get("/indeks/")
    assert response.status_code == 200
    assert "Indeks belum dihitung" in response.content.decode()


def test_dashboard_ranks_regions_with_predicates_and_charts(client, computed):
    response = client.get("/indeks/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Indeks Inovasi 2025" in html
    assert "Makassar" in html and "Parepare" in html
    assert "Tidak Dapat Dinilai" in html  # regions with no innovation
    assert html.count('role="img"') == 5  # regions, map, coverage, trend, agencies
    assert "<table" in html
    assert "/indeks/unduh/wilayah.csv?tahun=2025" in html


def test_dashboard_year_filter_and_bad_year(client, computed):
    assert "Indeks Inovasi 2024" in client.get("/indeks/?tahun=2024").content.decode()
    response = client.get("/indeks/?tahun=abc")
    assert response.status_code == 200
    assert "tidak tersedia" in response.content.decode()


def test_csv_matches_the_stored_ranking(client, computed):
    response = client.get("/indeks/unduh/inovasi.csv?tahun=2025")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    stored = IndexScore.objects.filter(level="inovasi", year=2025).order_by("rank")
    assert [row[2] for row in rows[1:]] == [score.name for score in stored]
    assert rows[1][4] == str(stored[0].score)
    assert client.get("/indeks/unduh/lainnya.csv").status_code == 404


def test_json_api(client, computed):
    data = client.get("/api/v2/indeks/?tahun=2025&tingkat=inovasi").json()
    assert data["year"] == 2025
    assert data["count"] == 3
    assert data["items"][0]["name"] == "Layanan Prima"
    assert data["items"][0]["indicators"]["effectiveness"] == 0.8
    # A client (the catalogue map) colours by predicate without knowing the bands itself.
    classes = [predicate["class"] for predicate in data["predicates"]]
    assert classes == ["sangat-inovatif", "inovatif", "kurang-inovatif", "tidak-dapat-dinilai"]
    assert {item["predicate_class"] for item in data["items"]} <= set(classes)
    assert client.get("/api/v2/indeks/?tingkat=x").status_code == 400
    assert client.get("/api/v2/indeks/?tahun=1990").status_code == 400
    assert client.get("/api/v2/indeks/?limit=a").status_code == 400


def test_evidence_page_links_every_indicator(client, computed):
    prime = computed["prime"]
    response = client.get(f"/indeks/inovasi/{prime.pk}/?tahun=2025")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Capaian indikator terhadap target" in html
    assert "Aplikasi layanan" in html  # the indicator's source
    assert "2 penilaian" in html
    assert "Layanan berjalan dan terukur." in html  # the public summary
    assert "Bukti capaian lengkap" not in html  # comments are for the agency


def test_the_agency_sees_the_reviewers_comments(client, computed):
    prime = computed["prime"]
    client.force_login(OfficerFactory(agency=prime.agency))
    html = client.get(f"/indeks/inovasi/{prime.pk}/?tahun=2025").content.decode()
    assert "Bukti capaian lengkap" in html


def test_yearly_report_figures_come_from_the_database(client, computed):
    YearlyReport.objects.create(
        year=2025, recommendations="<p>Perkuat anggaran pemeliharaan.</p>", is_published=False
    )
    assert client.get("/laporan/2025/").status_code == 404  # not published yet
    YearlyReport.objects.filter(year=2025).update(is_published=True)
    response = client.get("/laporan/2025/")
    html = response.content.decode()
    assert response.status_code == 200
    context = response.context
    assert context["reports"]["verified"] == 2  # Layanan Prima and Layanan Pesisir in 2025
    assert context["reports"]["stopped"] == 1
    assert context["reviews"]["submitted"] == 2
    assert context["innovations"]["total"] == 3
    assert [row.name for row in context["best_practices"]][0] == "Layanan Prima"
    assert "Perkuat anggaran pemeliharaan." in html
    assert client.get("/laporan/2031/").status_code == 404


def test_yearly_report_pdf(client, computed):
    YearlyReport.objects.create(year=2025, recommendations="<p>Rekomendasi.</p>", is_published=True)
    response = client.get("/laporan/2025/laporan.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_publishing_archives_the_pdf_as_a_document(computed, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = YearlyReport.objects.create(
            year=2025, recommendations="<p>Rekomendasi.</p>", is_published=True
        )
    report.refresh_from_db()
    assert report.archived_document is not None
    assert report.archived_document.file.name.endswith(".pdf")
    assert report.published_at is not None


def more_innovations(catalogue, count):
    for number in range(count):
        agency = AgencyFactory(region=region("73.73"))
        page = InnovationPageFactory(
            parent=catalogue, title=f"Inovasi Tambahan {number}", agency=agency
        )
        ReportFactory(innovation=page, year=2025)
        ReviewFactory(innovation=page, year=2025)


@pytest.mark.parametrize(
    "url",
    ["/indeks/", "/indeks/unduh/instansi.csv", "/api/v2/indeks/?tingkat=inovasi", "/laporan/2025/"],
)
def test_query_count_does_not_grow_with_rows(
    client, computed, catalogue, django_assert_max_num_queries, url
):
    YearlyReport.objects.create(year=2025, recommendations="<p>R.</p>", is_published=True)
    client.get(url)  # warm the site-root and content-type caches
    with django_assert_max_num_queries(40) as before:
        client.get(url)
    count = len(before.captured_queries)
    more_innovations(catalogue, 6)
    recompute([2024, 2025])
    client.get(url)  # a publish renews the kept menu and translations: read again here
    with django_assert_max_num_queries(count):
        assert client.get(url).status_code == 200
