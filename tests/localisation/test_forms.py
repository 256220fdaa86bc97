"""Public forms in English (issue 15): the complaint form under /en/ speaks English, and its
validation messages too; the Indonesian form is unchanged."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_complaint_form_in_english(client, home_page):
    english = client.get("/en/pengaduan/").content.decode()
    indonesian = client.get("/pengaduan/").content.decode()
    errors = client.post("/en/pengaduan/", {"judul": ""}).content.decode()

    assert "Send a complaint or feedback" in english
    assert "Report title" in english
    assert "Personal data notice" in english
    assert "Sampaikan pengaduan atau masukan" in indonesian
    assert "The report was not sent" in errors
