"""From "we want to copy this" to a verified replication on the case study, in a browser:
the requester asks and reports through the private link, the agency's officer accepts in the
admin, a moderator verifies; the public pages pass axe."""

import datetime
import re

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from innovations.models import InnovationPage
from replication.models import ReplicationRequest
from tests.agencies.factories import ModeratorFactory, OfficerFactory
from tests.innovations.factories import InnovationIndexPageFactory, InnovationPageFactory
from tests.replication.factories import innovation_with_contact

pytestmark = pytest.mark.e2e


def sign_in(page, user, server_url):
    """Give the browser a session of `user` (the admin's login screen is tested elsewhere)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.clear_cookies()
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": server_url}])


@pytest.fixture
def innovation(home_page):
    catalogue = InnovationIndexPageFactory(parent=home_page)
    page = innovation_with_contact(catalogue)
    InnovationPageFactory(parent=catalogue, title="Akta Keliling Desa")
    return page


def test_from_request_to_verified_replication(page, live_server, innovation, axe_violations):
    page.goto(innovation.url)
    expect(page.get_by_text("inovator@maros.example.go.id")).to_have_count(0)
    page.get_by_role("link", name="Ajukan replikasi / kaji tiru").first.click()
    expect(page.get_by_role("heading", name="Ajukan replikasi / kaji tiru")).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_role("button", name="Kirim permintaan").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link", name=re.compile(r"^Nama lengkap: "))).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_label("Replikasi", exact=True).check()
    page.get_by_label("Nama lengkap").fill("Rahmawati")
    page.get_by_label("Nama instansi").fill("Disdukcapil Kabupaten Gowa")
    page.get_by_label("Jabatan").fill("Kepala Seksi")
    page.get_by_label("Kabupaten/kota (bila di Sulawesi Selatan)").select_option(
        label="Kabupaten Gowa"
    )
    page.get_by_label("Surel").fill("rahma@gowa.example.go.id")
    page.get_by_label("Tujuan dan apa yang ingin Anda pelajari").fill("Meniru layanan ke desa.")
    page.get_by_label("Saya setuju").check()
    page.get_by_role("button", name="Kirim permintaan").click()

    expect(page.get_by_text("Permintaan Anda terkirim.")).to_be_visible()
    assert axe_violations(page) == []
    tracking_url = page.url
    request = ReplicationRequest.objects.get()

    officer = OfficerFactory(agency=innovation.agency)
    sign_in(page, officer, live_server.url)
    page.goto("/admin/replikasi/")
    page.get_by_role("link", name="Disdukcapil Kabupaten Gowa").click()
    expect(page.get_by_text("rahma@gowa.example.go.id")).to_be_visible()
    page.get_by_label("Pesan (opsional)").first.fill("Silakan, dokumen SOP kami kirim.")
    page.get_by_role("button", name="Terima").click()
    expect(page.get_by_text("Silakan, dokumen SOP kami kirim.")).to_be_visible()

    page.context.clear_cookies()
    page.goto(tracking_url)
    expect(page.get_by_text("Silakan, dokumen SOP kami kirim.")).to_be_visible()
    page.get_by_role("button", name="Mulai adaptasi").click()
    page.get_by_label("Apa yang Anda tiru").fill("Mobil layanan keliling.")
    page.get_by_label("Apa yang Anda ubah atau sesuaikan").fill("Jadwal dua kali sebulan.")
    page.get_by_label("Biaya (Rp, tanpa titik)").fill("45000000")
    started = datetime.date.today() - datetime.timedelta(days=30)
    page.get_by_label("Tanggal mulai diterapkan").fill(started.isoformat())
    page.get_by_label("Hasil awal").fill("Waktu layanan turun dari 14 hari menjadi 3 hari.")
    page.get_by_role("button", name="Sudah diterapkan").click()
    expect(page.locator(".progress__step--current")).to_have_text("Sudah diterapkan")
    assert axe_violations(page) == []

    sign_in(page, ModeratorFactory(), live_server.url)
    page.goto(f"/admin/replikasi/{request.pk}/")
    page.get_by_role("button", name="Verifikasi").click()
    expect(page.get_by_text("Langkah “Verifikasi” tersimpan")).to_be_visible()

    page.context.clear_cookies()
    page.goto(innovation.url)
    results = page.locator(".replication-results")
    expect(results).to_contain_text("Waktu layanan turun dari 14 hari menjadi 3 hari.")
    expect(results).to_contain_text("Waktu layanan: 2 hari")
    expect(page.locator("#replikasi tbody").first).to_contain_text("Disdukcapil Kabupaten Gowa")
    assert axe_violations(page) == []


def test_contact_finder_and_compare_pass_axe(page, innovation, axe_violations):
    page.goto(f"/replikasi/hubungi/{innovation.pk}/")
    expect(page.get_by_role("heading", name="Hubungi inovator")).to_be_visible()
    assert axe_violations(page) == []

    page.goto("/replikasi/cari-inovasi/")
    page.get_by_label("Masalah Anda").fill("warga desa jauh mengurus dokumen kependudukan")
    page.get_by_role("button", name="Cari yang cocok").click()
    expect(page.locator(".match__why").first).to_contain_text("Mengapa cocok")
    assert axe_violations(page) == []

    other = InnovationPage.objects.exclude(pk=innovation.pk).get()
    page.set_viewport_size({"width": 375, "height": 700})
    page.goto(f"/inovasi/bandingkan/?id={innovation.pk}&id={other.pk}")
    first_column = page.locator(".compare-table tbody th").first
    expect(first_column).to_have_css("position", "sticky")
    assert axe_violations(page) == []
