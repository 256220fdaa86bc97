import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from tests.publications.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    EventRegistrationFactory,
    LearningResourceIndexPageFactory,
    LearningResourcePageFactory,
    NewsCategoryFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    ResourceTopicFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def news_index(home_page):
    return NewsIndexPageFactory(parent=home_page)


def queries(client, path, params):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, params)
    assert response.status_code == 200, response.content
    return len(captured)


def test_news_listing_detail_and_category_filter(client, news_index, make_innovation):
    award = NewsCategoryFactory(name="Penghargaan", slug="penghargaan")
    innovation = make_innovation(title="Inovasi Terkait")
    hidden = make_innovation(title="Inovasi Tersembunyi", live=False)
    news = NewsPageFactory(parent=news_index, title="Sulsel juara KIPP", category=award)
    news.related_innovations.set([innovation, hidden])
    news.save()
    NewsPageFactory(parent=news_index, title="Kabar lain")

    listing = client.get("/api/v2/news/", {"category": "penghargaan"}).json()
    assert [item["title"] for item in listing["items"]] == ["Sulsel juara KIPP"]
    assert listing["items"][0]["category"]["slug"] == "penghargaan"
    assert "body" not in listing["items"][0]

    detail = client.get(f"/api/v2/news/{news.pk}/").json()
    assert detail["body"][0]["type"] == "paragraph"
    assert "<p>Isi berita" in detail["body"][0]["value"]
    assert [i["title"] for i in detail["related_innovations"]] == ["Inovasi Terkait"]

    assert client.get("/api/v2/news/", {"category": "tidak-ada"}).status_code == 400
    assert client.get("/api/v2/news/", {"fields": "body"}).status_code == 400


def test_news_query_count_is_constant(client, news_index):
    NewsPageFactory(parent=news_index)
    queries(client, "/api/v2/news/", {})  # the site's root paths are cached on first use
    one = queries(client, "/api/v2/news/", {"fields": "*"})
    for _ in range(4):
        NewsPageFactory(parent=news_index)
    # The first request after a publish reads the site and the view restrictions again
    # (api.access keeps them per publish); growth shows on the next.
    queries(client, "/api/v2/news/", {})
    assert queries(client, "/api/v2/news/", {"fields": "*"}) == one


def test_resource_event_and_page_type_listings_query_counts_are_constant(
    client, home_page, make_innovation
):
    resources = LearningResourceIndexPageFactory(parent=home_page)
    events = EventIndexPageFactory(parent=home_page)
    topic = ResourceTopicFactory()
    listings = [
        ("/api/v2/learning-resources/", {"fields": "*"}),
        ("/api/v2/events/", {"fields": "*"}),
        ("/api/v2/pages/", {"type": "innovations.InnovationPage", "fields": "*"}),
    ]

    def add():
        LearningResourcePageFactory(parent=resources, topics=[topic]).save()
        EventPageFactory(parent=events)
        make_innovation()

    def counts():
        return [queries(client, path, params) for path, params in listings]

    add()
    counts()  # the site's root paths are cached on first use
    one = counts()
    for _ in range(4):
        add()
    counts()  # the first requests after the publishes read the site and restrictions again
    assert counts() == one


def test_learning_resources_filters(client, home_page):
    index = LearningResourceIndexPageFactory(parent=home_page)
    topic = ResourceTopicFactory(name="Survei kepuasan", slug="survei-kepuasan")
    guide = LearningResourcePageFactory(parent=index, title="Panduan SKM", topics=[topic])
    guide.save()  # many-to-many values of a page are stored when it is saved
    LearningResourcePageFactory(parent=index, title="Video", resource_type="video")

    def titles(params):
        response = client.get("/api/v2/learning-resources/", params)
        assert response.status_code == 200, response.content
        return [item["title"] for item in response.json()["items"]]

    assert titles({"topic": "survei-kepuasan"}) == ["Panduan SKM"]
    assert titles({"resource_type": "video"}) == ["Video"]
    assert titles({"resource_type": "video,panduan"}) == ["Panduan SKM", "Video"]
    detail = client.get(f"/api/v2/learning-resources/{guide.pk}/").json()
    assert detail["audience"]["value"] == "petugas_layanan"
    assert detail["topics"][0]["slug"] == "survei-kepuasan"
    bad = client.get("/api/v2/learning-resources/", {"level": "ahli"})
    assert bad.status_code == 400
    assert "unknown level: ahli" in bad.json()["message"]


def test_events_never_expose_registrations(client, home_page):
    index = EventIndexPageFactory(parent=home_page)
    event = EventPageFactory(parent=index, title="Kaji tiru Bantaeng")
    EventRegistrationFactory(event=event, email="peserta@example.com")
    private = EventPageFactory(parent=index, title="Rapat internal")
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    listing = client.get("/api/v2/events/").json()
    assert [item["title"] for item in listing["items"]] == ["Kaji tiru Bantaeng"]
    detail = client.get(f"/api/v2/events/{event.pk}/")
    assert detail.json()["event_type"]["value"] == "kaji_tiru"
    assert b"peserta@example.com" not in detail.content
    assert client.get(f"/api/v2/events/{private.pk}/").status_code == 404
