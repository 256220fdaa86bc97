"""An event in two languages has one set of seats: the English page shows the seats the
Indonesian one shows, a registration through /en/ takes a seat of the same event (kept on
the Indonesian page, where the organiser's list is), and its e-mails are in English."""

import datetime
import re

import pytest
from bs4 import BeautifulSoup

from publications.models import EventRegistration
from tests.localisation.factories import translate
from tests.publications.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    EventRegistrationFactory,
)

pytestmark = pytest.mark.django_db

ANDI = {
    "name": "Andi Makkasau",
    "agency": "Dinas Kesehatan Kabupaten Bantaeng",
    "email": "andi@example.go.id",
    "phone": "0812 3456 7890",
}


@pytest.fixture
def event(home_page):
    index = EventIndexPageFactory(parent=home_page)
    translate(home_page, title="Home")
    translate(index, title="Events")
    return EventPageFactory(
        parent=index,
        title="Kaji tiru ke Bantaeng",
        start=datetime.datetime(2030, 5, 14, 1, 0, tzinfo=datetime.UTC),
        end=datetime.datetime(2030, 5, 14, 8, 30, tzinfo=datetime.UTC),
        capacity=3,
    )


@pytest.fixture
def english(event):
    return translate(event, title="Study visit to Bantaeng")


def facts(client, page):
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    return soup.select_one(".facts").get_text(" ", strip=True)


def test_english_page_shows_the_seats_left_of_the_event(client, event, english):
    EventRegistrationFactory(event=event, email="a@example.go.id")

    assert "2 tempat" in facts(client, event)
    assert "2 places left" in facts(client, english)


def test_registration_through_english_takes_a_seat_of_the_same_event(
    client, event, english, mailoutbox
):
    response = client.post(english.url, ANDI)

    assert response.status_code == 302
    assert response["Location"].startswith("/en/")
    registration = EventRegistration.objects.get()
    assert registration.event_id == event.pk  # beside the Indonesian page's registrations
    (message,) = mailoutbox
    assert message.subject == "Confirm your registration: Study visit to Bantaeng"
    assert "Hello Andi Makkasau" in message.body
    link = re.search(r"http://localhost\S+/konfirmasi/\S+/", message.body).group()
    assert "/en/" in link
    assert client.post(link).status_code == 200

    assert event.registration_count() == english.registration_count() == 1
    assert "2 tempat" in facts(client, event)
    assert "2 places left" in facts(client, english)


def test_an_event_full_in_one_language_is_full_in_the_other(client, event, english):
    EventRegistrationFactory.create_batch(3, event=event)

    response = client.post(english.url, ANDI)

    assert response.status_code == 200
    assert "All places have been taken" in response.content.decode()
    assert EventRegistration.objects.count() == 3


def test_one_address_registers_once_whatever_the_language(client, event, english, mailoutbox):
    EventRegistrationFactory(event=event, email=ANDI["email"])

    client.post(english.url, ANDI)

    assert EventRegistration.objects.count() == 1
    (message,) = mailoutbox
    assert message.subject == "You are already registered: Study visit to Bantaeng"
