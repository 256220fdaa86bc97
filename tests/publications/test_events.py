import datetime
import re

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from publications.ical import fold
from publications.models import EventPage, EventRegistration, RegistrationClosed
from tests.publications.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    EventRegistrationFactory,
    in_days,
)

pytestmark = pytest.mark.django_db

VALID = {
    "name": "Andi Makkasau",
    "agency": "Dinas Kesehatan Kabupaten Bantaeng",
    "email": "Andi@Example.go.id",
    "phone": "0812 3456 7890",
}


@pytest.fixture
def event_index(home_page):
    return EventIndexPageFactory(parent=home_page)


@pytest.fixture
def event(event_index):
    return EventPageFactory(
        parent=event_index,
        title="Kaji tiru ke Bantaeng",
        start=datetime.datetime(2030, 5, 14, 1, 0, tzinfo=datetime.UTC),  # 09.00 WITA
        end=datetime.datetime(2030, 5, 14, 8, 30, tzinfo=datetime.UTC),  # 16.30 WITA
        capacity=2,
    )


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def test_event_page_shows_times_in_wita_place_and_form(client, event):
    response = client.get(event.url)

    assert response.status_code == 200
    soup = soup_of(response)
    assert soup.find("h1").get_text(strip=True) == "Kaji tiru ke Bantaeng"
    when = soup.find("dt", string="Waktu").find_next("dd").get_text(" ", strip=True)
    assert "14 Mei 2030, 09.00" in when and "16.30" in when and "WITA" in when
    assert soup.find("time")["datetime"] == "2030-05-14T09:00:00+0800"
    assert "Baruga Lounge" in soup.get_text()
    assert "tersisa 2 tempat" in soup.get_text()
    form = soup.find("form", method="post")
    assert form.find("input", attrs={"name": "csrfmiddlewaretoken"})
    assert {
        field["name"]
        for field in form.find_all("input", type=True)
        if field["type"] != "hidden" and not field.find_parent(class_="honeypot")
    } == {"name", "agency", "email", "phone"}


def test_event_page_with_a_form_is_never_shared_cached(client, event):
    response = client.get(event.url)
    cache_control = response["Cache-Control"]
    assert "private" in cache_control and "no-store" in cache_control


def test_registration_asks_to_confirm_by_email(client, event, mailoutbox):
    response = client.post(event.url, VALID)

    assert response.status_code == 302
    assert response["Location"] == f"{event.url}terdaftar/#periksa-surel"
    registration = EventRegistration.objects.get(event=event)
    assert registration.email == "andi@example.go.id"  # normalised, so duplicates are caught
    assert registration.confirmed_at is None
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert soup_of(page).find("h1").get_text(strip=True) == "Periksa surel Anda"
    assert "private" in page["Cache-Control"]
    (message,) = mailoutbox
    assert message.to == ["andi@example.go.id"]
    assert message.subject == "Konfirmasi pendaftaran: Kaji tiru ke Bantaeng"
    link = re.search(r"http://localhost\S+/konfirmasi/\S+/", message.body).group()
    confirm_page = client.get(link)
    assert confirm_page.status_code == 200
    assert event.registration_count() == 0  # following the link alone takes no seat
    confirmed = client.post(link)
    assert confirmed.status_code == 200
    soup = soup_of(confirmed)
    assert soup.find("h1").get_text(strip=True) == "Pendaftaran berhasil"
    assert "Andi Makkasau" in soup.get_text()
    assert event.registration_count() == 1


def test_confirmation_page_without_a_registration_goes_back_to_the_event(client, event):
    response = client.get(f"{event.url}terdaftar/")
    assert response.status_code == 302 and response["Location"] == event.url


def test_duplicate_registration_gets_the_same_answer(client, event, mailoutbox):
    EventRegistrationFactory(event=event, email="andi@example.go.id")

    response = client.post(event.url, VALID)

    assert response.status_code == 302
    assert response["Location"] == f"{event.url}terdaftar/#periksa-surel"
    assert EventRegistration.objects.filter(event=event).count() == 1
    (message,) = mailoutbox
    assert message.subject == "Anda sudah terdaftar: Kaji tiru ke Bantaeng"
    assert "/konfirmasi/" not in message.body


def test_bad_input_shows_errors_and_keeps_what_was_typed(client, event):
    response = client.post(
        event.url, {**VALID, "email": "bukan-surel", "phone": "telepon saya", "name": ""}
    )

    assert response.status_code == 200
    soup = soup_of(response)
    errors = soup.find(class_="error-summary").get_text(" ", strip=True)
    assert "Nama lengkap" in errors and "Surel" in errors and "Telepon/WhatsApp" in errors
    assert soup.find("a", href="#id_email")
    assert soup.find("input", attrs={"name": "agency"})["value"] == VALID["agency"]
    assert soup.find("input", attrs={"name": "email"})["value"] == "bukan-surel"
    assert soup.find("input", attrs={"name": "email"}).get("aria-invalid") == "true"
    assert not EventRegistration.objects.exists()


def test_capacity_is_enforced(client, event):
    EventRegistrationFactory.create_batch(2, event=event)

    page = client.get(event.url)
    assert "Kuota peserta sudah penuh" in page.content.decode()
    assert not soup_of(page).find("form", method="post")

    response = client.post(event.url, VALID)
    assert response.status_code == 200
    assert "Kuota peserta sudah penuh" in soup_of(response).find(class_="error-summary").get_text()
    assert EventRegistration.objects.filter(event=event).count() == 2


def test_register_refuses_once_full_and_after_closing(event):
    EventRegistrationFactory.create_batch(2, event=event)
    with pytest.raises(RegistrationClosed, match="penuh"):
        event.register(**{**VALID, "email": "c@example.go.id"}, confirm_url=str)

    event.capacity = None
    event.registration_deadline = in_days(-1)
    with pytest.raises(RegistrationClosed, match="ditutup"):
        event.register(**{**VALID, "email": "d@example.go.id"}, confirm_url=str)


def test_past_event_takes_no_registrations(client, event_index):
    past = EventPageFactory(parent=event_index, start=in_days(-3), end=in_days(-3, 15))
    assert "sudah berlangsung" in client.get(past.url).content.decode()
    client.post(past.url, VALID)
    assert not EventRegistration.objects.exists()


def test_index_lists_upcoming_and_past_separately(client, event_index):
    EventPageFactory(parent=event_index, title="Jambore mendatang", start=in_days(30))
    EventPageFactory(parent=event_index, title="Diskusi mendatang", start=in_days(5))
    EventPageFactory(
        parent=event_index, title="Bimtek lalu", start=in_days(-30), end=in_days(-30, 15)
    )

    upcoming = soup_of(client.get("/kegiatan/"))
    past = soup_of(client.get("/kegiatan/lampau/"))

    titles = [a.get_text(strip=True) for a in upcoming.select(".pub-list .card__title a")]
    assert titles == ["Diskusi mendatang", "Jambore mendatang"]
    assert [a.get_text(strip=True) for a in past.select(".pub-list .card__title a")] == [
        "Bimtek lalu"
    ]
    assert past.find("h1").get_text(strip=True) == "Kegiatan yang sudah berlangsung"


def test_kept_upcoming_events_follow_publishes_and_the_clock(
    client, event_index, settings, monkeypatch
):
    """The upcoming list is kept (issue 20) until an event is published or one of its
    events ends: a new event shows at once, and an event that has ended leaves the list
    with no publish at all."""
    from django.utils import timezone

    settings.PAGE_CACHE_SECONDS = 0  # the listing's own work, not a cached answer
    soon = EventPageFactory(
        parent=event_index, title="Diskusi sebentar lagi", start=in_days(1), end=in_days(1, 12)
    )

    def listed():
        soup = soup_of(client.get("/kegiatan/"))
        return [a.get_text(strip=True) for a in soup.select(".pub-list .card__title a")]

    assert listed() == ["Diskusi sebentar lagi"]
    EventPageFactory(parent=event_index, title="Jambore mendatang", start=in_days(30))
    assert listed() == ["Diskusi sebentar lagi", "Jambore mendatang"]

    after_it = soon.end + datetime.timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: after_it)
    assert listed() == ["Jambore mendatang"]


def test_end_before_start_is_a_validation_error(event_index):
    event = EventPageFactory.build(start=in_days(3, 12), end=in_days(3, 9), venue="Makassar")
    with pytest.raises(Exception, match="selesai"):
        event.full_clean()


def unfold(text):
    return text.replace("\r\n ", "")


def test_ical_download_is_valid_rfc_5545(client, event):
    event.summary = "Belajar; bertukar, dan\nberjejaring " + "panjang " * 20
    event.save_revision().publish()

    response = client.get(f"{event.url}kalender/")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    body = response.content.decode("utf-8")
    assert body.startswith("BEGIN:VCALENDAR\r\n") and body.endswith("END:VCALENDAR\r\n")
    assert "\n" not in body.replace("\r\n", "")  # every line ends with CRLF
    for line in body.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75
    lines = unfold(body).split("\r\n")
    assert "VERSION:2.0" in lines and any(line.startswith("PRODID:") for line in lines)
    assert "DTSTART:20300514T010000Z" in lines and "DTEND:20300514T083000Z" in lines
    assert any(re.fullmatch(r"DTSTAMP:\d{8}T\d{6}Z", line) for line in lines)
    assert any(line.startswith("UID:kegiatan-") for line in lines)
    assert "SUMMARY:Kaji tiru ke Bantaeng" in lines
    description = next(line for line in lines if line.startswith("DESCRIPTION:"))
    assert "Belajar\\; bertukar\\, dan\\nberjejaring" in description
    assert lines.count("BEGIN:VEVENT") == 1 == lines.count("END:VEVENT")


def test_fold_never_splits_a_multibyte_character():
    line = "SUMMARY:" + "é" * 100
    folded = fold(line)
    for part in folded.split("\r\n"):
        assert len(part.encode("utf-8")) <= 75
    assert folded.replace("\r\n ", "") == line


def test_index_calendar_lists_upcoming_events(client, event_index):
    EventPageFactory.create_batch(3, parent=event_index)
    body = client.get("/kegiatan/kalender/").content.decode()
    assert body.count("BEGIN:VEVENT") == 3


def test_listing_query_counts_do_not_grow(client, event_index, settings):
    settings.PAGE_CACHE_SECONDS = 0  # measure the listing's work, not a cache hit

    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    for start in (in_days(3), in_days(-3)):
        EventPageFactory(parent=event_index, start=start, end=start + datetime.timedelta(hours=2))
    client.get("/kegiatan/")
    few = {url: queries(url) for url in ("/kegiatan/", "/kegiatan/lampau/")}
    for days in range(1, 9):
        for start in (in_days(days), in_days(-days - 5)):
            EventPageFactory(
                parent=event_index, start=start, end=start + datetime.timedelta(hours=2)
            )
    client.get("/kegiatan/")  # a publish renews the menu: the first request reads it again
    assert {url: queries(url) for url in few} == few


def test_parent_rules(home_page, event_index):
    assert EventPage.can_create_at(event_index)
    assert not EventPage.can_create_at(home_page)
