"""/api/v2/ tells a client what it can ask for (issue 19 item 10)."""

import pytest

pytestmark = pytest.mark.django_db


def test_api_root_lists_the_endpoints_and_links_the_docs(client):
    response = client.get("/api/v2/")
    assert response.status_code == 200
    body = response.json()
    assert body["endpoints"]["innovations"] == "http://testserver/api/v2/innovations/"
    assert "page_preview" not in body["endpoints"]
    assert body["docs"] == "http://testserver/api/docs/"
    assert body["schema"] == "http://testserver/api/schema/"
    for url in body["endpoints"].values():
        path = url.removeprefix("http://testserver")
        assert client.get(path).status_code == 200, path


def test_api_root_refuses_writes(client):
    assert client.post("/api/v2/").status_code == 405
