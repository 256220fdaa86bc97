"""HTTP behaviour every endpoint shares: CORS, caching validators, 304, the schema and docs."""

import re

import pytest

pytestmark = pytest.mark.django_db

ENDPOINTS = [
    "/api/v2/innovations/",
    "/api/v2/news/",
    "/api/v2/learning-resources/",
    "/api/v2/events/",
    "/api/v2/pages/",
    "/api/v2/images/",
    "/api/v2/documents/",
    "/api/v2/regions/",
    "/api/v2/agencies/",
    "/api/v2/sectors/",
    "/api/v2/sdgs/",
    "/api/v2/awards/",
]


@pytest.mark.parametrize("path", ENDPOINTS)
def test_every_listing_answers_with_cache_headers_and_cors(client, make_innovation, path):
    make_innovation()
    response = client.get(path, HTTP_ORIGIN="https://inovasi.example.go.id")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    assert "max-age=300" in response["Cache-Control"]
    assert "public" in response["Cache-Control"]
    assert response["ETag"]
    assert "Cookie" not in response.get("Vary", "")


def test_conditional_request_gets_304_until_the_data_changes(client, make_innovation):
    page = make_innovation(title="Sebelum")
    first = client.get("/api/v2/innovations/")

    again = client.get("/api/v2/innovations/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""

    page.title = "Sesudah"
    page.save_revision().publish()
    changed = client.get("/api/v2/innovations/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]


def test_detail_supports_conditional_requests(client, make_innovation):
    page = make_innovation()
    first = client.get(f"/api/v2/innovations/{page.pk}/")
    assert (
        client.get(f"/api/v2/innovations/{page.pk}/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code
        == 304
    )


def test_cors_preflight_allows_reads_only(client):
    response = client.options(
        "/api/v2/innovations/",
        HTTP_ORIGIN="https://inovasi.example.go.id",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert set(response["Access-Control-Allow-Methods"].split(", ")) == {"GET", "HEAD", "OPTIONS"}


def test_writes_are_refused(client, make_innovation):
    page = make_innovation()
    assert client.post("/api/v2/innovations/", {}).status_code == 405
    assert client.delete(f"/api/v2/innovations/{page.pk}/").status_code == 405


def test_errors_are_not_cached(client):
    response = client.get("/api/v2/innovations/", {"limit": "banyak"})
    assert response.status_code == 400
    assert "no-cache" in response["Cache-Control"]


def test_taxonomies_list_innovation_counts(client, make_innovation):
    from tests.innovations.factories import region

    make_innovation(regions=[region("73.71")])
    make_innovation(regions=[region("73.71"), region("73.02")])

    regions = client.get("/api/v2/regions/", {"order": "-innovation_count", "limit": 2}).json()
    assert regions["meta"]["total_count"] == 25
    assert [(r["bps_code"], r["innovation_count"]) for r in regions["items"]] == [
        ("73.71", 2),
        ("73.02", 1),
    ]
    sdgs = client.get("/api/v2/sdgs/").json()
    assert [s["number"] for s in sdgs["items"]] == list(range(1, 18))
    sectors = client.get("/api/v2/sectors/", {"order": "name"}).json()
    assert sectors["items"][0]["innovation_count"] >= 0
    agency = client.get("/api/v2/agencies/").json()["items"][0]
    assert agency["region"]["bps_code"] == "73.71"
    assert agency["innovation_count"] == 1
    assert client.get("/api/v2/regions/", {"order": "kode"}).status_code == 400


def test_taxonomy_listing_query_count_is_constant(client, django_assert_num_queries):
    client.get("/api/v2/regions/")
    # The count and the page; the site and the view restrictions are kept (api.access).
    with django_assert_num_queries(2):
        client.get("/api/v2/regions/", {"limit": 5})
    with django_assert_num_queries(2):
        client.get("/api/v2/regions/", {"limit": 25})


def test_pages_endpoint_serves_innovations_like_their_own_endpoint(client, make_innovation):
    page = make_innovation(tagline="Sama di mana pun")
    via_pages = client.get(f"/api/v2/pages/{page.pk}/").json()
    assert via_pages["tagline"] == "Sama di mana pun"
    assert via_pages["meta"]["detail_url"].endswith(f"/api/v2/innovations/{page.pk}/")
    children = client.get("/api/v2/pages/", {"child_of": page.get_parent().pk}).json()
    assert [item["id"] for item in children["items"]] == [page.pk]
    assert client.get("/api/v2/pages/", {"child_of": "x"}).status_code == 400


def test_schema_is_openapi_3_and_lists_every_endpoint(client, make_innovation):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    for path in ENDPOINTS:
        assert path in schema["paths"]
        assert path + "{id}/" in schema["paths"]
    parameters = {
        p["name"]: p for p in schema["paths"]["/api/v2/innovations/"]["get"]["parameters"]
    }
    # An open vocabulary: a pattern and the endpoint listing the values, not a frozen enum.
    region = parameters["region"]
    assert re.match(region["schema"]["items"]["pattern"], "73.71")
    assert "enum" not in region["schema"]["items"]
    assert "/api/v2/regions/" in region["description"]
    assert parameters["limit"]["schema"]["maximum"] == 100


def test_docs_page_is_readable_and_self_contained(client, make_innovation):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Dokumentasi API JIPP Sulsel</h1>" in html
    assert "/api/v2/innovations/" in html
    assert 'href="/api/schema/"' in html
    assert "<script" not in html
    assert "cdn" not in html.lower()


def test_answers_are_cached_until_an_innovation_changes(
    client, settings, make_innovation, django_assert_num_queries
):
    settings.API_CACHE_SECONDS = 60
    page = make_innovation(title="Sebelum")
    first = client.get("/api/v2/innovations/")

    with django_assert_num_queries(0):
        again = client.get("/api/v2/innovations/")
    assert again.content == first.content
    assert again["Cache-Control"] == first["Cache-Control"]
    assert again["ETag"] == first["ETag"]

    page.title = "Sesudah"
    page.save_revision().publish()
    assert client.get("/api/v2/innovations/").json()["items"][0]["title"] == "Sesudah"
    assert client.get("/api/v2/innovations/", {"limit": "x"}).status_code == 400


def test_cached_answers_are_served_before_routing_and_count_towards_the_rate_limit(
    client, settings, make_innovation
):
    """A hit is answered by the response cache's middleware (no view runs), and still counts
    as one of the client's requests: over the limit, a cached URL answers 429 too."""
    from unittest import mock

    from agencies.middleware import AgencyScopeMiddleware

    settings.API_CACHE_SECONDS = 60
    settings.API_RATE_LIMIT = 3
    make_innovation()
    routed = []
    original = AgencyScopeMiddleware.process_view

    def spy(self, request, *args):
        routed.append(request.path)
        return original(self, request, *args)

    with mock.patch.object(AgencyScopeMiddleware, "process_view", spy):
        answers = [client.get("/api/v2/innovations/") for _ in range(4)]

    assert [answer.status_code for answer in answers] == [200, 200, 200, 429]
    assert [answer.get("X-Cache") for answer in answers[:3]] == [None, "hit", "hit"]
    assert routed == ["/api/v2/innovations/"]  # only the first request reached a view
    assert answers[1]["ETag"] == answers[0]["ETag"]
    assert answers[3]["Retry-After"]
    assert answers[3]["Cache-Control"] == "no-store"
    # A conditional hit is a request too, answered with a 304 while within the limit.
    settings.API_RATE_LIMIT = 10
    again = client.get("/api/v2/innovations/", HTTP_IF_NONE_MATCH=answers[0]["ETag"])
    assert again.status_code == 304


def test_total_count_is_kept_per_filter_set_until_an_innovation_is_published(
    client, settings, make_innovation
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.API_COUNT_CACHE_SECONDS = 300
    make_innovation(title="Satu")
    trial = make_innovation(title="Dua", stage="uji_coba", implemented_on=None)

    def total(params):
        """(the total, whether it was counted in the database for this request)"""
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/api/v2/innovations/", params)
        assert response.status_code == 200, response.content
        counted = any("COUNT(" in query["sql"].upper() for query in queries)
        return response.json()["meta"]["total_count"], counted

    assert total({"stage": "penerapan"}) == (1, True)
    assert total({"limit": 1}) == (2, True)
    # The next page of the same filters, in another order: the count is kept.
    assert total({"limit": 1, "offset": 1, "order": "-launched_on"}) == (2, False)
    assert total({"stage": "uji_coba"})[0] == 1
    make_innovation(title="Tiga")
    assert total({"limit": 1, "offset": 1})[0] == 3
    trial.unpublish()
    assert total({"limit": 1, "offset": 1})[0] == 2
    assert total({"stage": "uji_coba"})[0] == 0


def test_schema_and_server_agree_on_every_query_parameter(client):
    """What a client reads in the schema is what the server accepts, both ways: a parameter
    the server accepts but the schema omits is one a generated client cannot send."""
    from api.router import ENDPOINTS as REGISTERED

    paths = client.get("/api/schema/").json()["paths"]
    for segment, endpoint in REGISTERED:
        if segment == "page_preview":
            continue
        for path, accepted in (
            (f"/api/v2/{segment}/", endpoint.known_query_parameters),
            (f"/api/v2/{segment}/{{id}}/", endpoint.detail_query_parameters),
        ):
            documented = {p["name"] for p in paths[path]["get"]["parameters"] if p["in"] == "query"}
            assert documented == set(accepted), path
