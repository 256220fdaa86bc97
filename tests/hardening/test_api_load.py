"""Issue 17, item 5: one expensive API query cannot slow the whole site."""

import pytest
import wagtail_factories
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images.models import Rendition

from api.serializers import RENDITIONS
from tests.innovations.factories import InnovationPageFactory

pytestmark = pytest.mark.django_db

TYPED = "/api/v2/pages/?type=innovations.InnovationPage&fields=*&limit=20"


@pytest.fixture(autouse=True)
def no_response_cache(settings):
    settings.API_CACHE_SECONDS = 0


def innovations(catalogue, count):
    for _ in range(count):
        hero = wagtail_factories.ImageFactory(file__width=64, file__height=48)
        InnovationPageFactory(parent=catalogue, hero_image=hero)


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(captured), response.json()


def test_typed_pages_listing_takes_the_innovation_endpoints_query_path(client, catalogue):
    innovations(catalogue, 2)
    queries(client, TYPED)  # the first request also loads per-process caches (content types)
    few, _ = queries(client, TYPED)
    innovations(catalogue, 4)
    queries(client, TYPED)  # the first request after the publishes reads the site scope again
    many, data = queries(client, TYPED)
    assert many == few  # the count does not grow with the rows
    own, own_data = queries(client, "/api/v2/innovations/?fields=*&limit=20")
    assert many <= own + 3
    assert {item["id"] for item in data["items"]} == {item["id"] for item in own_data["items"]}
    assert set(data["items"][0]) == set(own_data["items"][0])


def test_all_fields_caps_the_page_size_lower(client, catalogue):
    innovations(catalogue, 1)
    assert client.get(TYPED.replace("limit=20", "limit=21")).status_code == 400
    assert client.get("/api/v2/innovations/?fields=*&limit=100").status_code == 400
    assert client.get("/api/v2/innovations/?limit=100").status_code == 200


def test_api_is_rate_limited_per_client(client, catalogue, settings):
    settings.API_RATE_LIMIT = 3
    for _ in range(3):
        assert client.get("/api/v2/innovations/").status_code == 200
    response = client.get("/api/v2/innovations/")
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    assert "too many requests" in response.json()["message"]
    other = client.get("/api/v2/innovations/", REMOTE_ADDR="192.0.2.44")
    assert other.status_code == 200


def test_openapi_documents_the_429(client):
    schema = client.get("/api/schema/").json()
    listing = schema["paths"]["/api/v2/innovations/"]["get"]["responses"]
    assert "Retry-After" in listing["429"]["headers"]


def test_renditions_are_made_on_upload_not_on_read(client, catalogue):
    image = wagtail_factories.ImageFactory(file__width=64, file__height=48)
    assert Rendition.objects.filter(image=image).count() == len(RENDITIONS)
    InnovationPageFactory(parent=catalogue, hero_image=image)
    before = Rendition.objects.count()
    queries(client, TYPED)
    assert Rendition.objects.count() == before
