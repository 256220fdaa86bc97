"""/pengaduan/lacak/: code and secret open the report; no oracle; the reporter's actions."""

import json
import re

import pytest
from django.core import mail

from participation import services, tracking
from participation.models import Report, ReportContact, ReportMessage, Status
from participation.views import TRACK_LIMIT

from .factories import file_report, report_in

pytestmark = pytest.mark.django_db

URL = "/pengaduan/lacak/"


def sign_in(client, report, secret):
    return client.post(URL, {"code": report.tracking_code, "secret": secret, "situs_web": ""})


def test_codes_are_long_random_and_normalised():
    codes = {tracking.new_code() for _ in range(200)}
    assert len(codes) == 200
    code = codes.pop()
    assert len(code.replace("-", "")) == 15
    assert tracking.normalise_code(code.lower().replace("-", " ")) == code
    assert tracking.normalise_code("PGD-123") == ""


def test_sign_in_shows_status_history_and_answers(client, home_page, agency, moderator):
    report, secret = file_report()
    services.verify(report, moderator)
    services.route(report, moderator, agency)
    services.answer(report, moderator, "Loket tambahan dibuka mulai Senin.")
    response = sign_in(client, report, secret)
    assert response.status_code == 303
    page = client.get(URL)
    html = page.content.decode()
    assert report.tracking_code in html
    assert "Dijawab" in html
    assert "Loket tambahan dibuka mulai Senin." in html
    assert "Diteruskan kepada Dinas Kependudukan Uji." in html
    assert "Apakah jawaban ini menyelesaikan masalah Anda?" in html


def test_unknown_code_and_wrong_secret_look_the_same(client, home_page):
    report, secret = file_report()
    unknown_code = tracking.new_code()
    wrong_secret = client.post(URL, {"code": report.tracking_code, "secret": "salah"})
    unknown = client.post(URL, {"code": unknown_code, "secret": secret})
    assert wrong_secret.status_code == unknown.status_code == 200
    # Identical but for the CSRF token and the code echoed back in its field.
    assert without_csrf(wrong_secret).replace(report.tracking_code.encode(), b"CODE") == (
        without_csrf(unknown).replace(unknown_code.encode(), b"CODE")
    )
    assert "Kode pelacakan atau kode rahasia tidak cocok." in unknown.content.decode()


def without_csrf(response):
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", response.content)


def test_unknown_code_and_wrong_secret_cost_the_same_queries(
    client, home_page, django_assert_num_queries
):
    report, secret = file_report()
    client.get(URL)  # session and CSRF set up
    with django_assert_num_queries(1) as wrong:
        services_view_sign_in(report.tracking_code, "salah")
    with django_assert_num_queries(1) as unknown:
        services_view_sign_in(tracking.new_code(), secret)
    assert len(wrong.captured_queries) == len(unknown.captured_queries)


def services_view_sign_in(code, secret):
    """The view's check alone: one lookup by code, one HMAC comparison."""
    stored = Report.objects.filter(tracking_code=code).values_list("pk", "secret_hash").first()
    return tracking.secret_matches(secret, stored[1] if stored else None)


def test_tracking_is_rate_limited(client, home_page):
    report, _ = file_report()
    for _ in range(TRACK_LIMIT[0]):
        client.post(URL, {"code": report.tracking_code, "secret": "tebakan"})
    response = client.post(URL, {"code": report.tracking_code, "secret": "tebakan"})
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0


def test_reporter_adds_information(client, home_page):
    report, secret = file_report()
    sign_in(client, report, secret)
    response = client.post(URL, {"aksi": "tambah", "body": "Kejadian terulang hari ini."})
    assert response.status_code == 303
    assert report.messages.get().kind == ReportMessage.Kind.ADDITION
    assert "Kejadian terulang hari ini." in client.get(URL).content.decode()


def test_actions_need_a_signed_in_report(client, home_page):
    report, _ = file_report()
    response = client.post(URL, {"aksi": "tambah", "body": "Tanpa masuk."})
    assert response.status_code == 303
    assert not report.messages.exists()


def test_not_solved_reopens_once_then_closes(
    client, home_page, agency, liaison, moderator, django_capture_on_commit_callbacks
):
    report = report_in(Status.ANSWERED, agency, moderator)
    secret = "s"
    Report.objects.filter(pk=report.pk).update(secret_hash=tracking.hash_secret(secret))
    sign_in(client, report, secret)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, {"aksi": "tanggapan", "solved": "tidak", "comment": "Belum ada loket."})
    report.refresh_from_db()
    assert report.status == Status.ROUTED
    assert report.reopened_count == 1
    assert report.answer_due is not None
    assert any("Laporan baru untuk instansi Anda" in m.subject for m in mail.outbox)
    services.answer(report, moderator, "Loket dibuka hari ini.")
    client.post(URL, {"aksi": "tanggapan", "solved": "tidak"})
    report.refresh_from_db()
    assert report.status == Status.CLOSED
    assert report.resolved is False
    assert report.reopened_count == 1


def test_solved_closes(client, home_page, agency, moderator):
    report = report_in(Status.ANSWERED, agency, moderator)
    Report.objects.filter(pk=report.pk).update(secret_hash=tracking.hash_secret("s"))
    sign_in(client, report, "s")
    client.post(URL, {"aksi": "tanggapan", "solved": "ya"})
    report.refresh_from_db()
    assert report.status == Status.CLOSED
    assert report.resolved is True


def test_copy_of_my_data(client, home_page):
    report, secret = file_report()
    sign_in(client, report, secret)
    response = client.post(URL, {"aksi": "salinan"})
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["kode_pelacakan"] == report.tracking_code
    assert data["kontak"]["surel"] == "warga@contoh.test"
    assert "catatan_internal" not in data


def test_deletion_erases_personal_data_and_access(client, home_page):
    report, secret = file_report()
    sign_in(client, report, secret)
    refused = client.post(URL, {"aksi": "hapus"})
    assert refused.status_code == 400
    response = client.post(URL, {"aksi": "hapus", "konfirmasi": "hapus"})
    assert "sudah dihapus" in response.content.decode()
    report.refresh_from_db()
    assert report.anonymised_at is not None
    assert "antrean" not in report.description
    assert not ReportContact.objects.filter(report=report).exists()
    # The code and secret no longer open anything.
    again = sign_in(client, report, secret)
    assert again.status_code == 200
    assert "tidak cocok" in again.content.decode()


def test_internal_notes_never_reach_the_reporter(client, home_page, agency, moderator):
    from participation.models import InternalNote

    report = report_in(Status.ROUTED, agency, moderator)
    InternalNote.objects.create(report=report, body="CATATAN-INTERNAL-RAHASIA", author=moderator)
    Report.objects.filter(pk=report.pk).update(secret_hash=tracking.hash_secret("s"))
    sign_in(client, report, "s")
    assert "CATATAN-INTERNAL-RAHASIA" not in client.get(URL).content.decode()
    copy = client.post(URL, {"aksi": "salinan"})
    assert b"CATATAN-INTERNAL-RAHASIA" not in copy.content
    assert all("CATATAN-INTERNAL-RAHASIA" not in m.body for m in mail.outbox)


def test_tracking_page_query_count_is_constant(
    client, home_page, agency, moderator, django_assert_max_num_queries
):
    report = report_in(Status.ANSWERED, agency, moderator)
    Report.objects.filter(pk=report.pk).update(secret_hash=tracking.hash_secret("s"))
    sign_in(client, report, "s")
    for n in range(10):
        services.add_information(report, f"Tambahan ke-{n}")
    with django_assert_max_num_queries(12):
        client.get(URL)
