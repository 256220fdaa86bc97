"""Health endpoints for the load balancer: liveness never depends on a dependency; readiness
says down only when the database is gone, degraded when the cache or engine is."""

import json
import logging

import pytest
from django.core.cache import cache
from django.test import override_settings

from core.request_log import JsonFormatter, RequestIdFilter

pytestmark = pytest.mark.django_db


def test_liveness_answers_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_readiness_is_ok_with_database_and_cache(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["ok"] and body["checks"]["cache"]["ok"]


def test_an_engine_that_does_not_answer_makes_readiness_degraded_not_down(client, settings):
    settings.WAGTAILSEARCH_BACKENDS = {
        **settings.WAGTAILSEARCH_BACKENDS,
        "default": {"BACKEND": "x", "URLS": ["http://127.0.0.1:1"]},
    }
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["checks"]["engine"]["ok"] is False


@override_settings(
    CACHES={
        "default": {
            "BACKEND": "core.redis_cache.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2},
        }
    }
)
def test_a_cache_that_is_gone_makes_readiness_degraded_and_pages_still_answer(client, home_page):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["checks"]["cache"]["ok"] is False
    assert client.get("/").status_code == 200
    assert client.get("/inovasi/").status_code in (200, 404)


def test_a_missing_redis_is_an_empty_cache_not_an_error():
    from core.redis_cache import ResilientRedisCache

    gone = ResilientRedisCache(
        "redis://127.0.0.1:1/0", {"OPTIONS": {"socket_connect_timeout": 0.2}}
    )
    assert gone.get("anything", "fallback") == "fallback"
    gone.set("k", "v")
    assert gone.add("k", "v") is False
    with pytest.raises(ValueError):
        gone.incr("k")
    with pytest.raises(ValueError):
        gone.count("k", 60)
    assert gone.get_many(["a", "b"]) == {}


def test_every_response_carries_a_request_id_and_keeps_a_valid_one_given(client):
    made = client.get("/healthz")["X-Request-ID"]
    assert len(made) == 32
    assert client.get("/healthz", HTTP_X_REQUEST_ID="abc-123")["X-Request-ID"] == "abc-123"
    forged = client.get("/healthz", HTTP_X_REQUEST_ID="<script>")["X-Request-ID"]
    assert forged != "<script>"


def test_request_log_is_one_json_line_without_query_string_or_address(client, caplog):
    formatter = JsonFormatter()
    with caplog.at_level(logging.INFO, logger="jipp.request"):
        client.get("/healthz?kode=RAHASIA123", REMOTE_ADDR="203.0.113.5")
    records = [r for r in caplog.records if r.name == "jipp.request"]
    assert len(records) == 1
    RequestIdFilter().filter(records[0])
    line = json.loads(formatter.format(records[0]))
    assert line["status"] == 200 and line["method"] == "GET" and line["route"] == "healthz"
    assert "RAHASIA123" not in json.dumps(line) and "203.0.113.5" not in json.dumps(line)
    assert line["request_id"] != "-"
    cache.clear()
