"""A visitor files a complaint, keeps the code and secret, and follows it; the pages pass axe."""

import re

import pytest
from playwright.sync_api import expect

from participation import services
from participation.models import Report, Status
from tests.agencies.factories import ModeratorFactory
from tests.innovations.factories import AgencyFactory

pytestmark = pytest.mark.e2e


def test_file_a_report_and_follow_it(page, home_page, axe_violations):
    agency = AgencyFactory(name="Dinas Kependudukan dan Pencatatan Sipil Uji", acronym="DUKCAPIL")

    page.goto("/pengaduan/")
    expect(page.get_by_role("heading", name="Sampaikan pengaduan atau masukan")).to_be_visible()
    assert axe_violations(page) == []

    # Sent empty: the error summary takes focus and links to the fields.
    page.get_by_role("button", name="Kirim laporan").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link", name=re.compile(r"^Judul laporan: "))).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_label("Pengaduan", exact=True).check()
    page.get_by_label("Instansi yang dilaporkan").select_option(label=f"{agency.name} (DUKCAPIL)")
    page.get_by_label("Judul laporan").fill("Blangko KTP-el habis berminggu-minggu")
    page.get_by_label("Apa yang terjadi?").fill(
        "Sudah tiga minggu setiap datang ke kantor selalu dijawab blangko habis."
    )
    page.get_by_label("Anonim", exact=False).check()
    page.get_by_label("Saya setuju").check()
    page.get_by_role("button", name="Kirim laporan").click()

    expect(page.get_by_role("heading", name="Laporan terkirim")).to_be_visible()
    assert axe_violations(page) == []
    code = page.locator("#tracking-code").inner_text()
    secret = page.locator("#tracking-secret").inner_text()
    report = Report.objects.get(tracking_code=code)
    assert report.privacy == "anonim"

    # Staff verify, route and answer it (their screens are tested elsewhere).
    moderator = ModeratorFactory()
    services.verify(report, moderator)
    services.route(report, moderator, agency)
    services.answer(report, moderator, "Blangko sudah tersedia kembali mulai hari ini.")

    page.get_by_role("link", name="Lacak laporan").first.click()
    page.get_by_label("Kode pelacakan").fill(code.lower().replace("-", " "))
    page.get_by_label("Kode rahasia").fill(secret)
    page.get_by_role("button", name="Buka laporan").click()

    expect(page.get_by_role("heading", name=f"Laporan {code}")).to_be_visible()
    expect(page.get_by_text("Blangko sudah tersedia kembali mulai hari ini.")).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_label("Ya, sudah tuntas").check()
    page.get_by_role("button", name="Kirim tanggapan").click()
    expect(page.get_by_text("Terima kasih atas tanggapan Anda.")).to_be_visible()
    report.refresh_from_db()
    assert report.status == Status.CLOSED and report.resolved is True


def test_statistics_and_public_list_pass_axe(page, home_page, axe_violations):
    page.goto("/pengaduan/statistik/")
    expect(page.get_by_role("heading", name="Statistik pengaduan")).to_be_visible()
    assert axe_violations(page) == []
    page.goto("/pengaduan/publik/")
    expect(page.get_by_role("heading", name="Laporan publik dan jawabannya")).to_be_visible()
    assert axe_violations(page) == []
    page.goto("/pengaduan/lacak/")
    assert axe_violations(page) == []
