from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import RequestFactory, override_settings

pytestmark = pytest.mark.django_db

FRONT_END = {"CLIENT_URLS": {"default": "https://front.example.go.id"}, "REDIRECT_ON_PREVIEW": True}


def test_without_a_front_end_only_the_site_preview_is_offered(make_innovation):
    page = make_innovation()
    assert [mode for mode, _label in page.preview_modes] == [""]


@override_settings(WAGTAIL_HEADLESS_PREVIEW=FRONT_END)
def test_front_end_preview_hands_a_token_that_the_api_resolves_to_the_draft(
    client, make_innovation, admin_user
):
    page = make_innovation(title="Terbit")
    assert [mode for mode, _label in page.preview_modes] == ["", "headless"]
    page.title = "Draf yang belum terbit"
    request = RequestFactory().get("/")
    request.user = admin_user

    response = page.serve_preview(request, "headless")

    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert f"{location.scheme}://{location.netloc}" == "https://front.example.go.id"
    params = {k: v[0] for k, v in parse_qs(location.query).items()}
    assert params["content_type"] == "innovations.innovationpage"

    draft = client.get("/api/v2/page_preview/", params)
    assert draft.status_code == 200
    assert draft.json()["title"] == "Draf yang belum terbit"
    assert draft["Cache-Control"] == "no-store"
    assert client.get(f"/api/v2/innovations/{page.pk}/").json()["title"] == "Terbit"


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"content_type": "innovations.innovationpage", "token": "palsu"},
        {"content_type": "auth.user", "token": "x"},
        {"content_type": "tidak.ada", "token": "x"},
    ],
)
def test_preview_endpoint_rejects_bad_tokens(client, home_page, params):
    response = client.get("/api/v2/page_preview/", params)
    assert response.status_code == 400
    assert response.json()["message"]
