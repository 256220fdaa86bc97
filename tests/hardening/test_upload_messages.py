"""Issue 17, item 12: an editor whose image upload is refused reads why in Indonesian."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

pytestmark = pytest.mark.django_db


def image_file(name, size=(40, 30), fmt="PNG"):
    buffer = io.BytesIO()
    Image.new("RGB", size, "teal").save(buffer, fmt)
    return SimpleUploadedFile(name, buffer.getvalue())


@pytest.fixture
def editor_client(client):
    user = get_user_model().objects.create_superuser("admin", "admin@example.com", "secret")
    client.force_login(user)
    return client


def upload_errors(client, upload):
    response = client.post("/admin/images/add/", {"title": "Uji", "file": upload})
    assert response.status_code == 200  # the form again, nothing stored
    return response.content.decode()


def test_too_many_pixels_is_explained_in_indonesian(editor_client, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 1000
    html = upload_errors(editor_client, image_file("besar.png"))
    assert "Gambar terlalu besar (1200 piksel). Maksimum 1000 piksel." in html
    assert "too many pixels" not in html


def test_wrong_extension_is_explained_in_indonesian(editor_client):
    html = upload_errors(editor_client, image_file("foto.jpg"))
    assert "Bukan gambar .jpeg yang sah." in html
    assert "Not a valid" not in html


def test_unsupported_format_is_explained_in_indonesian(editor_client):
    html = upload_errors(editor_client, image_file("foto.bmp", fmt="BMP"))
    assert "Format gambar tidak didukung." in html
