"""/pengaduan/statistik/, its JSON in the API and its CSV; the public list of answered reports."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from participation import services, stats
from participation.models import Report, Status

from .factories import report_in

pytestmark = pytest.mark.django_db

PERSONAL = ("Warga Contoh", "warga@contoh.test", "0812 0000 0000", "Kantor Disdukcapil")


def answered_after(agency, moderator, verify_hours, answer_hours, **overrides):
    report = report_in(Status.ANSWERED, agency, moderator, **overrides)
    created = report.created_at
    verified = created + timezone.timedelta(hours=verify_hours)
    Report.objects.filter(pk=report.pk).update(
        verified_at=verified,
        routed_at=verified,
        answered_at=verified + timezone.timedelta(hours=answer_hours),
    )
    return report


def test_median_and_90th_percentile_per_agency(agency, moderator):
    for hours in (24, 48, 72, 96, 240):
        answered_after(agency, moderator, verify_hours=hours, answer_hours=hours * 2)
    row = next(r for r in stats.compute()["per_agency"] if r["agency_id"] == agency.pk)
    assert row["verify"] == {"n": 5, "median_days": 3.0, "p90_days": 10.0}
    assert row["answer"] == {"n": 5, "median_days": 6.0, "p90_days": 20.0}
    assert row["answered"] == 5
    assert row["on_time_share"] == 1.0


def test_counts_by_category_status_agency_region_and_month(agency, moderator):
    report_in(Status.RECEIVED, category="saran")
    report_in(Status.ROUTED, agency, moderator)
    data = stats.compute()
    assert data["total"] == 2
    assert {row["key"]: row["count"] for row in data["by_category"]} == {
        "pengaduan": 1,
        "saran": 1,
    }
    assert {row["key"] for row in data["by_status"]} == {"diterima", "diteruskan"}
    assert any(row["label"] == agency.name for row in data["by_agency"])
    assert data["by_month"][0]["month"] == timezone.localdate().strftime("%Y-%m")


def test_page_api_and_csv_carry_no_personal_data(client, home_page, agency, moderator):
    answered_after(agency, moderator, 24, 24, privacy="anonim", name="")
    answered_after(agency, moderator, 24, 24, title="=CMD|' /C calc'!A0")
    page = client.get("/pengaduan/statistik/")
    assert page.status_code == 200
    assert "Kecepatan per instansi" in page.content.decode()
    api = client.get("/api/v2/pengaduan/statistik/")
    assert api.status_code == 200
    assert api["Content-Type"] == "application/json"
    data = json.loads(api.content)
    assert data["total"] == 2
    csv = b"".join(client.get("/pengaduan/statistik.csv").streaming_content).decode()
    for body in (page.content.decode(), api.content.decode(), csv):
        for value in PERSONAL:
            assert value not in body
        assert "CMD" not in body  # titles are not statistics


def test_csv_escapes_formula_led_names(client, home_page, moderator):
    from tests.innovations.factories import AgencyFactory

    agency = AgencyFactory(name='=HYPERLINK("http://jahat.example")', slug="jahat")
    answered_after(agency, moderator, 24, 24)
    csv = b"".join(client.get("/pengaduan/statistik.csv").streaming_content).decode()
    assert "'=HYPERLINK" in csv


def test_statistics_query_count_does_not_grow(client, home_page, agency, moderator):
    def measured():
        from django.core.cache import cache

        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/api/v2/pengaduan/statistik/").status_code == 200
        return len(queries)

    answered_after(agency, moderator, 24, 24)
    few = measured()
    for _ in range(10):
        answered_after(agency, moderator, 24, 24)
    assert measured() == few


def test_public_list_shows_moderated_text_and_answers_only(client, home_page, agency, moderator):
    public = report_in(Status.ANSWERED, agency, moderator, privacy="publik")
    report_in(Status.ANSWERED, agency, moderator, privacy="rahasia")
    Report.objects.filter(pk=public.pk).update(public_text="Antrean panjang di loket KTP.")
    response = client.get("/pengaduan/publik/")
    html = response.content.decode()
    assert "Antrean panjang di loket KTP." in html
    assert "Loket tambahan dibuka mulai Senin." in html
    assert html.count('class="report-item"') == 1
    for value in (*PERSONAL, public.tracking_code, "Laporan uji nomor"):
        assert value not in html
    assert client.get("/pengaduan/publik/", {"halaman": "x"}).status_code == 404


def test_public_list_query_count_does_not_grow(client, home_page, agency, moderator):
    def measured():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/pengaduan/publik/").status_code == 200
        return len(queries)

    report_in(Status.ANSWERED, agency, moderator, privacy="publik")
    client.get("/pengaduan/publik/")
    few = measured()
    for _ in range(8):
        report_in(Status.ANSWERED, agency, moderator, privacy="publik")
    assert measured() == few


def test_unlisted_public_report_stays_off_the_list(client, home_page, agency, moderator):
    report, _ = services.file_report(
        {
            "category": "pengaduan",
            "privacy": "publik",
            "title": "Tidak untuk ditampilkan",
            "description": "Moderator memutuskan laporan ini tidak ditampilkan ke publik.",
            "name": "Warga",
        }
    )
    services.verify(report, moderator, listed_publicly=False)
    services.route(report, moderator, agency)
    services.answer(report, moderator, "Jawaban rahasia.")
    assert "Jawaban rahasia." not in client.get("/pengaduan/publik/").content.decode()
