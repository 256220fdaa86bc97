"""The agency's side in the admin: scoping, answering, query counts; and the privacy of
requesters' contact data everywhere else."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from replication.models import ReplicationRequest
from tests.agencies.factories import OfficerFactory
from tests.innovations.factories import InnovationPageFactory
from tests.replication.factories import ReplicationRequestFactory

State = ReplicationRequest.State


@pytest.fixture
def two_agencies(innovation, catalogue):
    other = InnovationPageFactory(parent=catalogue, title="Inovasi Instansi Lain")
    mine = ReplicationRequestFactory(innovation=innovation, institution="Pemohon Saya")
    theirs = ReplicationRequestFactory(innovation=other, institution="Pemohon Lain")
    return mine, theirs


def test_officers_see_only_their_agencys_requests(client, officer, two_agencies):
    mine, theirs = two_agencies
    client.force_login(officer)

    html = client.get("/admin/replikasi/").content.decode()
    assert "Pemohon Saya" in html
    assert "Pemohon Lain" not in html
    assert client.get(f"/admin/replikasi/{mine.pk}/").status_code == 200
    assert client.get(f"/admin/replikasi/{theirs.pk}/").status_code == 404


def test_moderators_see_every_request(client, moderator, two_agencies):
    client.force_login(moderator)
    html = client.get("/admin/replikasi/").content.decode()
    assert "Pemohon Saya" in html and "Pemohon Lain" in html


def test_anonymous_and_other_agencies_see_nothing(client, two_agencies):
    mine, _theirs = two_agencies
    assert client.get("/admin/replikasi/").status_code == 302  # to the login page
    nobody = OfficerFactory()  # serves another agency
    client.force_login(nobody)
    assert client.get(f"/admin/replikasi/{mine.pk}/").status_code == 404


def test_officer_accepts_with_other_dates_and_both_sides_are_told(client, officer, innovation):
    request = ReplicationRequestFactory(innovation=innovation)
    client.force_login(officer)
    response = client.post(
        f"/admin/replikasi/{request.pk}/",
        {
            "action": "accept",
            "accept-agreed_start": "2030-03-02",
            "accept-agreed_end": "2030-03-03",
            "accept-message": "Kami tunggu di kantor.",
        },
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.state == State.ACCEPTED
    assert str(request.agreed_start) == "2030-03-02"
    assert [m.to or m.bcc for m in mail.outbox][0] == [request.email]
    assert "Kami tunggu di kantor." in mail.outbox[0].body
    entry = request.messages.get()
    assert (entry.author, entry.author_name) == ("instansi", officer.get_full_name())


def test_decline_without_reason_is_refused_with_a_message(client, officer, innovation):
    request = ReplicationRequestFactory(innovation=innovation)
    client.force_login(officer)
    response = client.post(f"/admin/replikasi/{request.pk}/", {"action": "decline"})
    assert response.status_code == 200
    request.refresh_from_db()
    assert request.state == State.REQUESTED
    assert not mail.outbox


def test_officer_cannot_verify(client, officer, innovation):
    request = ReplicationRequestFactory(innovation=innovation, state=State.IMPLEMENTED)
    client.force_login(officer)
    client.post(f"/admin/replikasi/{request.pk}/", {"action": "verify"})
    request.refresh_from_db()
    assert request.verified_at is None


def test_listing_queries_do_not_grow_with_rows(client, moderator, catalogue):
    client.force_login(moderator)
    ReplicationRequestFactory(innovation=InnovationPageFactory(parent=catalogue))
    client.get("/admin/replikasi/")  # warm per-process caches (menu, site)
    with CaptureQueriesContext(connection) as few:
        assert client.get("/admin/replikasi/").status_code == 200
    for _number in range(12):
        ReplicationRequestFactory(innovation=InnovationPageFactory(parent=catalogue))
    with CaptureQueriesContext(connection) as many:
        assert client.get("/admin/replikasi/").status_code == 200
    assert len(many) == len(few)


# Privacy: requesters' contact data is only for the innovation's agency and moderators.


def test_contact_data_is_in_no_public_answer(client, innovation):
    request = ReplicationRequestFactory(
        innovation=innovation, email="rahasia@pemohon.example.go.id", phone="0899-777"
    )
    answers = [
        client.get(innovation.url),
        client.get(f"/api/v2/innovations/{innovation.pk}/"),
        client.get("/api/v2/innovations/", {"fields": "*"}),
        client.get("/inovasi/ekspor.csv"),
        client.get("/inovasi/ekspor.json"),
    ]
    searched = client.get("/cari/", {"q": "rahasia pemohon"})  # the page repeats the query
    assert searched.status_code == 200
    assert b"0899-777" not in searched.content
    assert innovation.title.encode() not in searched.content
    for response in answers:
        assert response.status_code == 200, response.request
        body = b"".join(response) if response.streaming else response.content
        assert b"rahasia@pemohon" not in body
        assert b"0899-777" not in body
        assert request.requester_name.encode() not in body
