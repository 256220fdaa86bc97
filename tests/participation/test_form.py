"""/pengaduan/: filing a report in each privacy mode, the form's messages, abuse limits."""

import pytest
from django.core import mail

from participation.models import Privacy, Report, ReportContact, Status
from participation.views import SUBMIT_LIMIT
from tests.innovations.factories import AgencyFactory

pytestmark = pytest.mark.django_db

URL = "/pengaduan/"


def form_data(**overrides):
    data = {
        "category": "pengaduan",
        "agency": "",
        "region": "",
        "title": "Jalan rusak di depan puskesmas",
        "description": "Lubang besar di depan puskesmas membuat ambulans sulit lewat.",
        "incident_date": "2026-11-02",
        "incident_place": "Jl. Contoh No. 1",
        "privacy": "rahasia",
        "name": "Warga Contoh",
        "email": "warga@contoh.test",
        "phone": "0812 0000 0000",
        "consent": "on",
        "situs_web": "",
    }
    data.update(overrides)
    return data


def test_form_page_lists_the_choices(client, home_page):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Sampaikan pengaduan atau masukan" in html
    for label in ("Pengaduan", "Saran", "Apresiasi", "Permintaan informasi", "Anonim", "Rahasia"):
        assert label in html
    assert 'name="situs_web"' in html  # the honeypot
    assert "Pemberitahuan data pribadi" in html


def test_confidential_report_keeps_identity_with_contact(
    client, home_page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, form_data())
    assert response.status_code == 200
    report = Report.objects.get()
    assert report.status == Status.RECEIVED
    assert report.privacy == Privacy.CONFIDENTIAL
    assert report.contact.name == "Warga Contoh"
    html = response.content.decode()
    assert report.tracking_code in html
    secret = response.context["secret"]
    assert secret in html
    # Only a keyed hash of the secret is stored.
    assert secret not in report.secret_hash
    assert len(report.secret_hash) == 64
    # The receipt carries the code, never the secret.
    assert len(mail.outbox) == 1
    assert report.tracking_code in mail.outbox[0].body
    assert secret not in mail.outbox[0].body
    assert response["Cache-Control"].startswith("max-age=0")


def test_anonymous_report_never_stores_a_name(client, home_page):
    client.post(URL, form_data(privacy="anonim", name="Nama Yang Dibuang", phone=""))
    report = Report.objects.get()
    assert report.privacy == Privacy.ANONYMOUS
    assert report.contact.name == ""
    assert report.contact.email == "warga@contoh.test"
    assert not ReportContact.objects.filter(name="Nama Yang Dibuang").exists()


def test_anonymous_report_without_any_contact(
    client, home_page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, form_data(privacy="anonim", name="", email="", phone=""))
    report = Report.objects.get()
    assert not ReportContact.objects.filter(report=report).exists()
    assert mail.outbox == []


def test_public_report_needs_a_name(client, home_page):
    response = client.post(URL, form_data(privacy="publik", name=""))
    assert response.status_code == 200
    assert not Report.objects.exists()
    html = response.content.decode()
    assert 'class="error-summary"' in html and "autofocus" in html
    assert 'href="#id_name"' in html
    assert "Tuliskan nama Anda, atau pilih laporan anonim." in html


def test_errors_are_listed_and_shown_beside_fields(client, home_page):
    response = client.post(URL, form_data(title="", consent="", incident_date="2999-01-01"))
    html = response.content.decode()
    assert "Laporan belum terkirim" in html
    assert "<title>Kesalahan:" in html
    for anchor in ('href="#id_title"', 'href="#id_consent"', 'href="#id_incident_date"'):
        assert anchor in html
    assert 'aria-invalid="true"' in html
    assert "Tanggal kejadian tidak boleh di masa depan." in html
    # What the visitor typed is kept.
    assert "Lubang besar di depan puskesmas" in html


def test_honeypot_rejects_robots_quietly(client, home_page):
    response = client.post(URL, form_data(situs_web="http://spam.example"))
    assert response.status_code == 400
    assert not Report.objects.exists()


def test_rate_limit_answers_429_with_retry_after(client, home_page):
    limit = SUBMIT_LIMIT[0]
    for n in range(limit):
        client.post(URL, form_data(title=f"Laporan nomor {n} uji batas"))
    response = client.post(URL, form_data(title="Satu laporan terlalu banyak"))
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "Terlalu banyak percobaan" in response.content.decode()
    assert Report.objects.count() == limit


def test_duplicate_within_a_day_is_refused_without_revealing_the_first(client, home_page):
    client.post(URL, form_data())
    first = Report.objects.get()
    response = client.post(URL, form_data(title="  JALAN rusak di depan   puskesmas "))
    assert Report.objects.count() == 1
    html = response.content.decode()
    assert "sudah kami terima" in html
    assert first.tracking_code not in html


def test_prefilled_from_an_innovation_page(client, home_page):
    from tests.innovations.factories import InnovationIndexPageFactory, InnovationPageFactory

    index = InnovationIndexPageFactory(parent=home_page)
    innovation = InnovationPageFactory(parent=index, title="Dukcapil Jemput Bola")
    page = client.get(innovation.url)
    assert f'href="/pengaduan/?inovasi={innovation.pk}"' in page.content.decode()
    response = client.get(URL, {"inovasi": innovation.pk})
    html = response.content.decode()
    assert "Dukcapil Jemput Bola" in html
    assert response.context["form"].initial["agency"] == innovation.agency_id
    client.post(URL, form_data(innovation=innovation.pk))
    report = Report.objects.get()
    assert report.innovation == innovation
    assert report.agency == innovation.agency


def test_unknown_innovation_in_the_link_is_ignored(client, home_page):
    assert client.get(URL, {"inovasi": "99999"}).status_code == 200
    assert client.get(URL, {"inovasi": "abc"}).status_code == 200


def test_chosen_agency_is_stored(client, home_page):
    agency = AgencyFactory()
    client.post(URL, form_data(agency=agency.pk))
    assert Report.objects.get().agency == agency


def test_form_page_query_count_is_constant(client, home_page, django_assert_max_num_queries):
    AgencyFactory.create_batch(30)
    with django_assert_max_num_queries(12):
        client.get(URL)
