"""Issue 17, item 4: event registration cannot be flooded by one client, robots fill a
honeypot, a seat counts only once confirmed from the mailbox in time, and the answer never
tells whether an address was registered."""

import re
import time

import pytest

from publications.models import EventRegistration
from publications.models.events import CONFIRMATION_HOURS, REGISTRATION_LIMIT
from tests.publications.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    EventRegistrationFactory,
)

pytestmark = pytest.mark.django_db


def form(email="andi@example.go.id", **extra):
    return {
        "name": "Andi Makkasau",
        "agency": "Dinas Kesehatan",
        "email": email,
        "phone": "0812 3456 7890",
        **extra,
    }


@pytest.fixture
def event(home_page):
    index = EventIndexPageFactory(parent=home_page)
    return EventPageFactory(parent=index, capacity=5)


def test_one_client_cannot_fill_an_event(client, event, mailoutbox):
    limit, _window = REGISTRATION_LIMIT
    for number in range(limit):
        assert client.post(event.url, form(f"p{number}@example.go.id")).status_code == 302
    response = client.post(event.url, form("banjir@example.go.id"))
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "Terlalu banyak pendaftaran" in response.content.decode()
    assert not EventRegistration.objects.filter(email="banjir@example.go.id").exists()
    # Nothing was confirmed, so no seat is taken.
    assert event.registration_count() == 0


def test_honeypot_stores_and_sends_nothing(client, event, mailoutbox):
    response = client.post(event.url, form(situs_web="http://spam.example"))
    assert response.status_code == 400
    assert not EventRegistration.objects.exists()
    assert not mailoutbox


def test_answer_is_the_same_for_a_new_and_a_registered_address(client, event, mailoutbox):
    EventRegistrationFactory(event=event, email="lama@example.go.id")
    new = client.post(event.url, form("baru@example.go.id"))
    old = client.post(event.url, form("lama@example.go.id"))
    assert (new.status_code, new["Location"]) == (old.status_code, old["Location"])
    new_page = client.get(new["Location"]).content
    assert new_page == client.get(old["Location"]).content
    assert b"lama@example.go.id" not in new_page and b"sudah terdaftar" not in new_page
    assert [message.to for message in mailoutbox] == [
        ["baru@example.go.id"],
        ["lama@example.go.id"],
    ]


def confirmation_link(message):
    return re.search(r"http://\S+/konfirmasi/\S+/", message.body).group()


def test_unconfirmed_registrations_take_no_seat(client, event, mailoutbox):
    event.capacity = 1
    event.save()
    client.post(event.url, form("a@example.go.id"), REMOTE_ADDR="198.51.100.1")
    client.post(event.url, form("b@example.go.id"), REMOTE_ADDR="198.51.100.2")
    assert event.registration_count() == 0
    assert "Kuota peserta sudah penuh" not in client.get(event.url).content.decode()
    first, second = (confirmation_link(message) for message in mailoutbox)
    assert client.post(second).status_code == 200
    refused = client.post(first)
    assert refused.status_code == 409
    assert "Kuota peserta sudah penuh" in refused.content.decode()
    assert event.registration_count() == 1


def test_confirmation_link_expires(client, event, mailoutbox, monkeypatch):
    client.post(event.url, form())
    link = confirmation_link(mailoutbox[0])
    later = time.time() + CONFIRMATION_HOURS * 3600 + 60
    monkeypatch.setattr(time, "time", lambda: later)
    response = client.post(link)
    assert response.status_code == 409
    assert "kedaluwarsa" in response.content.decode()
    assert event.registration_count() == 0


def test_forged_confirmation_link_is_refused(client, event, mailoutbox):
    client.post(event.url, form())
    link = confirmation_link(mailoutbox[0])
    forged = re.sub(r"/konfirmasi/(\d+)-", lambda m: f"/konfirmasi/{int(m[1]) + 1}-", link)
    response = client.post(forged)
    assert response.status_code == 409
    assert "tidak sah" in response.content.decode()
