"""The API answers in the source language by default and in English with ?locale=en; a
translation carries its source's translation_key."""

import pytest

from tests.innovations.factories import InnovationIndexPageFactory, InnovationPageFactory
from tests.localisation.factories import translate

pytestmark = pytest.mark.django_db
LIST = "/api/v2/innovations/"


@pytest.fixture
def source(home_page):
    catalogue = InnovationIndexPageFactory(parent=home_page)
    page = InnovationPageFactory(parent=catalogue, title="Layanan Air Bersih")
    InnovationPageFactory(parent=catalogue, title="Akta Kelahiran di Desa")
    translate(home_page, title="Home")
    translate(catalogue, title="Innovation catalogue")
    translate(page, title="Clean Water Service")
    return page


def titles(response):
    return sorted(item["title"] for item in response.json()["items"])


def test_locale_filter_lists_translations_linked_to_their_source(client, source):
    default = client.get(LIST, {"fields": "translation_key,locale"})
    english = client.get(LIST, {"locale": "en", "fields": "translation_key,locale"})

    assert titles(default) == ["Akta Kelahiran di Desa", "Layanan Air Bersih"]
    assert titles(english) == ["Clean Water Service"]
    item = english.json()["items"][0]
    assert item["meta"]["locale"] == "en"
    assert item["meta"]["translation_key"] == str(source.translation_key)
    detail = client.get(f"{LIST}{item['id']}/", {"locale": "en"})
    assert detail.status_code == 200
    assert detail.json()["title"] == "Clean Water Service"


def test_unknown_locale_is_a_400(client, source):
    response = client.get(LIST, {"locale": "fr"})

    assert response.status_code == 400
    assert "locale" in response.json()["message"]


def test_locale_listing_query_count_does_not_grow(client, source, django_assert_max_num_queries):
    client.get(LIST, {"locale": "en"})
    with django_assert_max_num_queries(60) as few:
        client.get(LIST, {"locale": "en", "limit": 1, "offset": 0})
    catalogue = source.get_parent()
    for index in range(3):
        translate(InnovationPageFactory(parent=catalogue), title=f"Innovation {index}")
    # The publishes renew the kept count, site and restrictions; growth shows on the next.
    client.get(LIST, {"locale": "en"})
    with django_assert_max_num_queries(60) as more:
        client.get(LIST, {"locale": "en", "limit": 4, "offset": 0})

    assert len(more.captured_queries) == len(few.captured_queries)


def test_open_data_export_has_a_language_column(client, source):
    def table(url):
        response = client.get(url)
        text = b"".join(response.streaming_content).decode("utf-8-sig")
        header, *rows = [line.split(",") for line in text.strip().splitlines()]
        return [dict(zip(header, row, strict=False)) for row in rows]

    indonesian = table("/inovasi/ekspor.csv")
    english = table("/en/inovasi/ekspor.csv")

    assert {row["language"] for row in indonesian} == {"id"}
    assert [row["language"] for row in english] == ["en"]
    assert "/en/inovasi/" in english[0]["url"]
