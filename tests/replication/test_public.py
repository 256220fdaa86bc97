"""The public side: asking, contacting the innovator, following a request by its private link,
and finding innovations for a problem."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core import mail

from replication.models import InnovatorMessage, ReplicationRequest
from tests.innovations.factories import InnovationPageFactory, region, sector
from tests.replication.factories import ReplicationRequestFactory

State = ReplicationRequest.State
SOON = datetime.date.today() + datetime.timedelta(days=20)


def soup_of(response, status=200):
    assert response.status_code == status
    return BeautifulSoup(response.content, "html.parser")


def visit_form(**changes):
    data = {
        "kind": ReplicationRequest.Kind.VISIT,
        "requester_name": "Rahmawati",
        "institution": "Disdukcapil Kabupaten Gowa",
        "role": "Kepala Seksi",
        "region": str(region("73.06").pk),
        "email": "rahma@gowa.example.go.id",
        "phone": "0811000111",
        "purpose": "Belajar layanan jemput bola.",
        "visit_start": SOON.isoformat(),
        "visit_end": (SOON + datetime.timedelta(days=1)).isoformat(),
        "consent": "on",
        "situs_web": "",
    }
    data.update(changes)
    return data


def test_innovation_page_links_to_both_forms_and_hides_the_innovators_address(client, innovation):
    soup = soup_of(client.get(innovation.url))
    links = {a.get_text(strip=True): a["href"] for a in soup.select("#replikasi a.button")}
    assert links["Ajukan replikasi / kaji tiru"] == f"/replikasi/ajukan/{innovation.pk}/"
    assert links["Hubungi inovator"] == f"/replikasi/hubungi/{innovation.pk}/"
    assert "inovator@maros.example.go.id" not in str(soup)


def test_asking_for_a_visit_leads_to_the_private_tracking_page(client, innovation):
    form = soup_of(client.get(f"/replikasi/ajukan/{innovation.pk}/?jenis=kaji-tiru"))
    assert form.select_one('input[name="kind"][value="kaji_tiru"]').has_attr("checked")
    assert form.select_one('input[name="situs_web"]')  # the honeypot

    response = client.post(f"/replikasi/ajukan/{innovation.pk}/", visit_form())

    request = ReplicationRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/replikasi/lacak/{request.token}/"
    assert (request.state, request.province) == (State.REQUESTED, "Sulawesi Selatan")
    assert len(mail.outbox) == 2
    page = client.get(response["Location"])
    assert page["Referrer-Policy"] == "same-origin"
    assert "Permintaan Anda terkirim" in page.content.decode()


def test_outside_south_sulawesi_needs_a_province(client, innovation):
    data = visit_form(region="", outside="on", province="")
    soup = soup_of(client.post(f"/replikasi/ajukan/{innovation.pk}/", data))
    summary = soup.select_one(".error-summary")
    assert summary.h2.get_text(strip=True) == "Permintaan belum terkirim"
    assert summary.select_one('a[href="#id_province"]')

    data["province"] = "Jawa Timur"
    assert client.post(f"/replikasi/ajukan/{innovation.pk}/", data).status_code == 302
    assert ReplicationRequest.objects.get().place == "Jawa Timur"


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"visit_start": ""}, "visit_start"),
        ({"visit_start": "2001-01-01"}, "visit_start"),
        ({"visit_end": (SOON - datetime.timedelta(days=3)).isoformat()}, "visit_end"),
        ({"email": "bukan-surel"}, "email"),
        ({"consent": ""}, "consent"),
    ],
)
def test_bad_input_gets_an_error_summary_and_stores_nothing(client, innovation, changes, field):
    response = client.post(f"/replikasi/ajukan/{innovation.pk}/", visit_form(**changes))
    soup = soup_of(response)
    assert soup.select_one(f'.error-summary a[href="#id_{field}"]')
    assert not ReplicationRequest.objects.exists()
    assert not mail.outbox


def test_honeypot_stores_nothing(client, innovation):
    client.post(f"/replikasi/ajukan/{innovation.pk}/", visit_form(situs_web="http://spam"))
    assert not ReplicationRequest.objects.exists()


def test_rate_limit_answers_429_with_retry_after(client, innovation):
    for _attempt in range(5):
        client.post(f"/replikasi/ajukan/{innovation.pk}/", visit_form(email="x"))
    response = client.post(f"/replikasi/ajukan/{innovation.pk}/", visit_form())
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 3600
    assert "Terlalu banyak percobaan" in response.content.decode()
    assert not ReplicationRequest.objects.exists()


def test_unknown_innovation_or_token_is_404(client, innovation):
    assert client.get("/replikasi/ajukan/999999/").status_code == 404
    assert client.get("/replikasi/lacak/tidak-ada/").status_code == 404


def test_contact_relays_the_message_with_reply_to_the_sender(client, innovation, officer):
    url = f"/replikasi/hubungi/{innovation.pk}/"
    form = soup_of(client.get(url))
    assert "inovator@maros.example.go.id" not in str(form)
    response = client.post(
        url,
        {
            "sender_name": "Budi",
            "institution": "Bappeda Jawa Timur",
            "email": "budi@jatim.example.go.id",
            "body": "Berapa petugas yang dibutuhkan?",
            "situs_web": "",
        },
    )
    assert "Pesan terkirim" in response.content.decode()
    assert "inovator@maros.example.go.id" not in response.content.decode()
    (message,) = mail.outbox
    assert set(message.to) | set(message.bcc) == {"inovator@maros.example.go.id", officer.email}
    assert message.reply_to == ["budi@jatim.example.go.id"]
    assert "Berapa petugas" in message.body
    assert InnovatorMessage.objects.get().recipients == 2


def test_contact_rate_limit(client, innovation):
    for _attempt in range(6):
        response = client.post(f"/replikasi/hubungi/{innovation.pk}/", {"email": "x"})
    assert response.status_code == 429
    assert response["Retry-After"]


def test_requester_writes_and_reports_through_the_private_link(client, innovation):
    request = ReplicationRequestFactory(innovation=innovation, state=State.ADAPTING)
    url = request.get_tracking_url()

    client.post(url, {"action": "message", "message-message": "Sudah uji coba di 2 desa."})
    assert request.messages.get().body == "Sudah uji coba di 2 desa."

    soup = soup_of(client.get(url))
    assert soup.select_one("#langkah-implement")
    assert not soup.select_one("#langkah-accept")  # the agency's step
    response = client.post(
        url,
        {
            "action": "implement",
            "implement-copied": "Mobil layanan",
            "implement-changed": "Jadwal",
            "implement-cost": "1000000",
            "implement-implemented_on": (SOON - datetime.timedelta(days=60)).isoformat(),
            "implement-first_results": "Antrean turun separuh.",
        },
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.state == State.IMPLEMENTED
    soup = soup_of(client.get(url))
    assert "Antrean turun separuh." in soup.select_one(".replication-report").get_text()


def test_requester_cannot_take_the_agencys_steps(client, innovation):
    request = ReplicationRequestFactory(innovation=innovation)
    client.post(request.get_tracking_url(), {"action": "accept"})
    request.refresh_from_db()
    assert request.state == State.REQUESTED


def test_finder_ranks_innovations_with_their_reasons(client, catalogue):
    match = InnovationPageFactory(
        parent=catalogue,
        title="Akta Lahir Keliling",
        summary="Akta kelahiran diterbitkan langsung di desa terpencil.",
        cost=30_000_000,
        budget_source="apbd",
    )
    InnovationPageFactory(parent=catalogue, title="Sekolah Hijau", sectors=[sector("pendidikan")])

    soup = soup_of(
        client.get(
            "/replikasi/cari-inovasi/",
            {"masalah": "akta kelahiran lambat di desa terpencil", "anggaran": "di-bawah-50-juta"},
        )
    )

    results = soup.select(".match")
    assert [r.select_one(".icard__title").get_text(strip=True) for r in results] == [match.title]
    why = results[0].select_one(".match__why").get_text(" ", strip=True)
    assert "masalah serupa: akta, kelahiran" in why
    assert "biaya dalam rentang anggaran Anda" in why


def test_finder_explains_bad_input(client, catalogue):
    soup = soup_of(client.get("/replikasi/cari-inovasi/", {"masalah": "", "urusan": "tidak-ada"}))
    assert "Urusan yang dipilih tidak dikenal." in soup.select_one(".error-summary").get_text()


def test_finder_and_thread_queries_do_not_grow(client, catalogue, innovation):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from replication import workflow
    from replication.models import ReplicationMessage

    def count(url, params=None):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url, params).status_code == 200
        return len(queries)

    search = {"masalah": "warga desa perjalanan jauh", "urusan": "kesehatan"}
    request = ReplicationRequestFactory(innovation=innovation)
    count("/replikasi/cari-inovasi/", search)  # the first request creates the site settings
    finder, thread = count("/replikasi/cari-inovasi/", search), count(request.get_tracking_url())
    for number in range(4):
        InnovationPageFactory(parent=catalogue, title=f"Desa Sehat {number}")
        workflow.post_message(request, ReplicationMessage.Author.AGENCY, f"Pesan {number}")
    # A publish renews the kept menu and translations: the first request reads them again.
    count("/replikasi/cari-inovasi/", search)
    assert count("/replikasi/cari-inovasi/", search) == finder
    assert count(request.get_tracking_url()) == thread
